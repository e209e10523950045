package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;

/** The one table that maps a domain error code to its HTTP status. */
final class ErrorStatus {
  private ErrorStatus() {}

  static int of(ErrorCode code) {
    return switch (code) {
      case VALIDATION_FAILED -> 400;
      case UNAUTHENTICATED, INVALID_CREDENTIALS -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND, RENDITION_FAILED -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case USERNAME_TAKEN, REQUEST_IN_PROGRESS -> 409;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case REQUEST_TIMEOUT -> 408;
      case RANGE_NOT_SATISFIABLE -> 416;
      case INVALID_IMAGE,
          IDEMPOTENCY_KEY_REUSED,
          CANNOT_FOLLOW_SELF,
          WEBHOOK_TARGET_REFUSED,
          TOO_MANY_WEBHOOKS ->
          422;
      case RATE_LIMITED -> 429;
      case INTERNAL_ERROR -> 500;
      case SERVICE_UNAVAILABLE, RENDITION_PENDING -> 503;
    };
  }
}
