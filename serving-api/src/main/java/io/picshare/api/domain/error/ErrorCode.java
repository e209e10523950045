package io.picshare.api.domain.error;

/**
 * The stable codes of every error the API reports. Clients branch on {@link #code()}; it never
 * changes once published (docs/api.md lists them).
 */
public enum ErrorCode {
  VALIDATION_FAILED("validation-failed", "Validation Failed"),
  USERNAME_TAKEN("username-taken", "Username Taken"),
  INVALID_CREDENTIALS("invalid-credentials", "Invalid Credentials"),
  UNAUTHENTICATED("unauthenticated", "Unauthenticated"),
  FORBIDDEN("forbidden", "Forbidden"),
  NOT_FOUND("not-found", "Not Found"),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method Not Allowed"),
  REQUEST_IN_PROGRESS("request-in-progress", "Request In Progress"),
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload Too Large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported Media Type"),
  INVALID_IMAGE("invalid-image", "Invalid Image"),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency Key Reused"),
  CANNOT_FOLLOW_SELF("cannot-follow-self", "Cannot Follow Self"),
  WEBHOOK_TARGET_REFUSED("webhook-target-refused", "Webhook Target Refused"),
  TOO_MANY_WEBHOOKS("too-many-webhooks", "Too Many Webhooks"),
  RANGE_NOT_SATISFIABLE("range-not-satisfiable", "Range Not Satisfiable"),
  /** The display rendition asked for is not built yet; retry shortly. */
  RENDITION_PENDING("rendition-pending", "Rendition Pending"),
  /** The photo's display renditions could not be built (its image could not be decoded). */
  RENDITION_FAILED("rendition-failed", "Rendition Failed"),
  REQUEST_TIMEOUT("request-timeout", "Request Timeout"),
  RATE_LIMITED("rate-limited", "Too Many Requests"),
  SERVICE_UNAVAILABLE("service-unavailable", "Service Unavailable"),
  INTERNAL_ERROR("internal-error", "Internal Server Error");

  private final String code;
  private final String title;

  ErrorCode(String code, String title) {
    this.code = code;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }
}
