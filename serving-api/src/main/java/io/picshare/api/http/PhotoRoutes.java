package io.picshare.api.http;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.photo.ContentSize;
import io.picshare.api.domain.photo.PhotoContent;
import io.picshare.api.domain.photo.PhotoDeleteService;
import io.picshare.api.domain.photo.PhotoReadService;
import io.picshare.api.domain.photo.PhotoUploadService;
import io.picshare.api.domain.photo.UploadRequest;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.schema.record.BlobLocation;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.FileNotFoundException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Uploading, reading, listing and deleting photos: {@code /v1/photos}. Uploads are admitted only
 * while this instance's upload bytes in flight allow; large content is streamed from HDFS with
 * backpressure rather than read whole.
 */
final class PhotoRoutes {
  /**
   * Bytes never change, but a deleted photo must drop out of shared caches: a day at most
   * (docs/operations.md). {@code immutable} spares browsers revalidating within that day.
   */
  static final String CONTENT_CACHE_CONTROL = "public, max-age=86400, immutable";

  /** The owner's original: the same day, but never in a shared cache (it carries EXIF and GPS). */
  static final String PRIVATE_CONTENT_CACHE_CONTROL = "private, max-age=86400, immutable";

  /** Which bytes a content response carries: {@code original} or the display size served. */
  static final String SERVED_SIZE_HEADER = "PicShare-Size";

  private final PhotoUploadService uploads;
  private final PhotoReadService photos;
  private final PhotoDeleteService deletes;
  private final Authenticator authenticator;
  private final ApiMetrics metrics;
  private final EdgeLimits limits;
  private final long maxUploadBytes;
  private final PhotoViews views;

  PhotoRoutes(
      PhotoUploadService uploads,
      PhotoReadService photos,
      PhotoDeleteService deletes,
      Authenticator authenticator,
      ApiMetrics metrics,
      EdgeLimits limits,
      long maxUploadBytes,
      PhotoViews views) {
    this.uploads = uploads;
    this.photos = photos;
    this.deletes = deletes;
    this.authenticator = authenticator;
    this.metrics = metrics;
    this.limits = limits;
    this.maxUploadBytes = maxUploadBytes;
    this.views = views;
  }

  void mountWrites(Router router) {
    router.post("/v1/photos").handler(this::upload);
    router.delete("/v1/photos/:id").handler(this::delete);
  }

  void mountReads(Router router) {
    router.get("/v1/photos/:id").handler(this::metadata);
    router.get("/v1/photos/:id/content").handler(this::content);
    router.get("/v1/users/:username/photos").handler(this::list);
  }

  private void upload(RoutingContext ctx) {
    Principal uploader = authenticator.authenticate(ctx);
    limits.uploadsPerClient.acquire(ctx, limits.clients().rateLimitKey(ctx));
    limits.uploadsPerUser.acquire(ctx, Long.toString(uploader.userId()));
    Optional<String> idempotencyKey =
        Optional.ofNullable(ctx.request().getHeader("Idempotency-Key"));
    UploadBytesInFlight.Reservation reservation =
        limits
            .uploadBytes()
            .reserve(ctx, MultipartUpload.bytesToReserve(ctx.request(), maxUploadBytes));
    if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
      // admitted: only now ask for the body, so a refused upload costs the client nothing
      ctx.response().writeContinue();
    }
    Future<MultipartUpload.Form> received = MultipartUpload.read(ctx.request(), maxUploadBytes);
    // answered (e.g. by the deadline) while the body was still arriving: the body is dropped
    ctx.addEndHandler(
        answered -> {
          if (!received.isComplete()) {
            reservation.release();
          }
        });
    received
        .compose(
            form -> {
              if (form.file().isEmpty()) {
                throw PicShareException.invalid("the 'file' part is missing");
              }
              return uploads.upload(
                  new UploadRequest(uploader, form.title(), form.file().get(), idempotencyKey));
            })
        .onSuccess(
            result -> {
              metrics.upload(
                  result.replayed() ? "replayed" : "stored", result.photo().record().sizeBytes());
              JsonObject photo = PhotoViews.uploaded(result.photo());
              ctx.response().putHeader("Location", "/v1/photos/" + photo.getString("id"));
              if (result.replayed()) {
                ctx.response().putHeader("Idempotent-Replayed", "true");
              }
              Json.send(ctx, 201, photo);
            })
        .onFailure(
            error -> {
              metrics.upload(
                  error instanceof PicShareException e ? e.code().code() : "internal-error", 0);
              ctx.fail(error);
            })
        .onComplete(done -> reservation.release());
  }

  private void metadata(RoutingContext ctx) {
    Optional<Principal> viewer = authenticator.optional(ctx);
    photos
        .find(ctx.pathParam("id"))
        .compose(photo -> views.one(viewer, photo))
        .onSuccess(photo -> Json.send(ctx, 200, photo))
        .onFailure(ctx::fail);
  }

  private void content(RoutingContext ctx) {
    ContentSize size = ContentSize.parse(ctx.queryParams().get("size"));
    Optional<Principal> viewer = authenticator.optional(ctx);
    if (!(size instanceof ContentSize.Display)) {
      // the original (owner) or large (others) at the same URL: caches must key on the token
      ctx.response().putHeader("Vary", "Authorization");
    }
    serveContent(ctx, viewer, size, false);
  }

  /**
   * Serves the content the photo row names now. If its file is gone (the pack job moved the bytes
   * into a volume and trashed the file after this row was read), reads the row again, once.
   */
  private void serveContent(
      RoutingContext ctx, Optional<Principal> viewer, ContentSize size, boolean again) {
    Handler<Throwable> failed =
        error -> {
          if (!again && error instanceof FileNotFoundException && !answered(ctx)) {
            serveContent(ctx, viewer, size, true);
          } else {
            ctx.fail(error);
          }
        };
    photos
        .content(viewer, ctx.pathParam("id"), size)
        .onSuccess(
            content -> {
              HttpServerResponse response =
                  ctx.response()
                      .putHeader("ETag", content.etag())
                      .putHeader(
                          "Cache-Control",
                          content.viewerSpecific()
                              ? PRIVATE_CONTENT_CACHE_CONTROL
                              : CONTENT_CACHE_CONTROL)
                      .putHeader("Accept-Ranges", "bytes")
                      .putHeader(SERVED_SIZE_HEADER, content.served());
              if (matches(ctx.request().getHeader("If-None-Match"), content.etag())) {
                response.setStatusCode(304).end();
                return;
              }
              BlobLocation location = content.location();
              long contentLength = location.length();
              Optional<ByteRange> range;
              try {
                range = ByteRange.parse(ctx.request().getHeader("Range"), contentLength);
              } catch (ByteRange.Unsatisfiable e) {
                response.putHeader("Content-Range", "bytes */" + contentLength);
                ctx.fail(new PicShareException(ErrorCode.RANGE_NOT_SATISFIABLE, e.getMessage()));
                return;
              }
              long offset = range.map(ByteRange::first).orElse(0L);
              long length = range.map(ByteRange::length).orElse(contentLength);
              if (photos.streamsContent(location, length)) {
                photos
                    .streamContent(location, offset, length)
                    .onSuccess(stream -> stream(ctx, content, range, length, stream))
                    .onFailure(failed);
                return;
              }
              photos
                  .readContent(location, offset, Math.toIntExact(length))
                  .onSuccess(
                      bytes -> {
                        if (answered(ctx)) {
                          return;
                        }
                        startContent(response, content, range);
                        response.end(Buffer.buffer(bytes));
                      })
                  .onFailure(failed);
            })
        .onFailure(ctx::fail);
  }

  /**
   * Pipes the stream to the client as fast as the client reads it; a failure midway resets the
   * connection.
   */
  private static void stream(
      RoutingContext ctx,
      PhotoContent content,
      Optional<ByteRange> range,
      long length,
      ReadStream<Buffer> stream) {
    if (answered(ctx)) {
      stream.handler(null);
      return;
    }
    HttpServerResponse response = ctx.response();
    startContent(response, content, range);
    response.putHeader("Content-Length", Long.toString(length));
    ctx.addEndHandler(ended -> stream.handler(null));
    stream
        .pipe()
        .endOnFailure(false)
        .to(response)
        .onFailure(
            error -> {
              if (!response.headWritten()) {
                ctx.fail(error);
              } else {
                response.reset();
              }
            });
  }

  private static void startContent(
      HttpServerResponse response, PhotoContent content, Optional<ByteRange> range) {
    response.putHeader("Content-Type", content.contentType());
    range.ifPresent(r -> response.setStatusCode(206).putHeader("Content-Range", r.contentRange()));
  }

  /** Already answered, e.g. by the request deadline or because the client went away. */
  private static boolean answered(RoutingContext ctx) {
    return ctx.response().ended() || ctx.response().closed();
  }

  /** Whether an {@code If-None-Match} value names {@code etag} (weakly compared, or {@code *}). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    return Arrays.stream(ifNoneMatch.split(","))
        .map(String::strip)
        .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
        .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
  }

  private void list(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    Optional<String> cursor = Optional.ofNullable(ctx.queryParams().get("cursor"));
    int limit = limit(ctx.queryParams().get("limit"));
    Optional<Principal> viewer = authenticator.optional(ctx);
    photos
        .list(username, cursor, limit)
        .compose(
            page ->
                views
                    .many(viewer, page.photos())
                    .onSuccess(
                        items ->
                            Json.sendPage(
                                ctx,
                                "/v1/users/" + username + "/photos",
                                limit,
                                items,
                                page.nextCursor())))
        .onFailure(ctx::fail);
  }

  static int limit(String value) {
    if (value == null) {
      return 20;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw PicShareException.invalid("limit must be an integer between 1 and 100");
    }
  }

  private void delete(RoutingContext ctx) {
    Principal requester = authenticator.authenticate(ctx);
    deletes
        .delete(requester, ctx.pathParam("id"))
        .onSuccess(deleted -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
