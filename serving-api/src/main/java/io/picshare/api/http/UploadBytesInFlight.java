package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload bytes one API instance holds in memory at once, capped at {@code capacity}: an upload
 * that would exceed it is refused with {@code 503 service-unavailable} and {@code Retry-After}
 * before any of its body is read. Shared by every event loop of an instance.
 */
public final class UploadBytesInFlight {
  static final int RETRY_AFTER_SECONDS = 2;

  private final long capacity;
  private final AtomicLong reserved = new AtomicLong();

  public UploadBytesInFlight(long capacity) {
    this.capacity = capacity;
  }

  /**
   * Reserves {@code bytes} for one upload, or fails the request with {@code SERVICE_UNAVAILABLE}.
   */
  Reservation reserve(RoutingContext ctx, long bytes) {
    while (true) {
      long now = reserved.get();
      if (now + bytes > capacity) {
        ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        throw new PicShareException(
            ErrorCode.SERVICE_UNAVAILABLE,
            "this server is receiving as many uploads as it can hold; retry in "
                + RETRY_AFTER_SECONDS
                + " s");
      }
      if (reserved.compareAndSet(now, now + bytes)) {
        return new Reservation(bytes);
      }
    }
  }

  /** Bytes reserved by uploads now in progress. */
  public long reserved() {
    return reserved.get();
  }

  /** One upload's share; released once, however often {@link #release} is called. */
  final class Reservation {
    private final long bytes;
    private final AtomicBoolean released = new AtomicBoolean();

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        reserved.addAndGet(-bytes);
      }
    }
  }
}
