package io.picshare.api.http;

import io.picshare.api.config.UploadConfig;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} photo upload into memory as it streams in: the {@code file}
 * part's bytes (at most {@code maxFileBytes}, refused as soon as they exceed it) and the {@code
 * title} field. Nothing touches the disk.
 */
final class MultipartUpload {
  /** What the client sent. */
  record Form(Optional<byte[]> file, String title) {}

  private MultipartUpload() {}

  /**
   * The most memory the upload can make this server hold: its declared {@code Content-Length}, or
   * {@code maxFileBytes} plus the multipart allowance if it declares none. Refuses, before any of
   * the body is read, a request that is not multipart (415) or declares too much (413).
   */
  static long bytesToReserve(HttpServerRequest request, long maxFileBytes) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new PicShareException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "send the photo as multipart/form-data with parts 'file' and 'title'");
    }
    long most = maxFileBytes + UploadConfig.MULTIPART_ALLOWANCE_BYTES;
    String length = request.getHeader("Content-Length");
    long declared = length == null ? -1 : parseLong(length);
    if (declared > most) {
      throw tooLarge(maxFileBytes);
    }
    return declared >= 0 ? declared : most;
  }

  /** Reads the form; call {@link #bytesToReserve} first. */
  static Future<Form> read(HttpServerRequest request, long maxFileBytes) {
    Promise<Form> form = Promise.promise();
    Buffer file = Buffer.buffer();
    boolean[] sawFile = {false};
    request.setExpectMultipart(true);
    request.uploadHandler(
        upload -> {
          if (!"file".equals(upload.name()) || sawFile[0]) {
            upload.handler(ignored -> {});
            return;
          }
          sawFile[0] = true;
          upload.handler(
              chunk -> {
                if (file.length() + chunk.length() > maxFileBytes) {
                  form.tryFail(tooLarge(maxFileBytes));
                } else {
                  file.appendBuffer(chunk);
                }
              });
        });
    request.exceptionHandler(form::tryFail);
    request.endHandler(
        ended ->
            form.tryComplete(
                new Form(
                    sawFile[0] ? Optional.of(file.getBytes()) : Optional.empty(),
                    request.getFormAttribute("title"))));
    request.resume();
    return form.future();
  }

  private static PicShareException tooLarge(long maxFileBytes) {
    return new PicShareException(
        ErrorCode.PAYLOAD_TOO_LARGE, "photos may be at most " + maxFileBytes + " bytes");
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
