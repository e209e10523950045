package io.picshare.api.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.picshare.api.domain.error.BackendFailures;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every GraphQL error carries one of {@link ErrorCode}'s stable codes in {@code extensions.code}: a
 * domain error its own, a document that does not parse, validate or stay within the limits {@code
 * validation-failed}, a backend outage {@code service-unavailable}, anything else {@code
 * internal-error} with a message that leaks nothing (the failure is logged).
 */
final class ErrorCodes implements DataFetcherExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorCodes.class);
  static final String CODE = "code";

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
      DataFetcherExceptionHandlerParameters parameters) {
    Throwable failure = unwrap(parameters.getException());
    ErrorCode code;
    String message;
    if (failure instanceof PicShareException e) {
      code = e.code();
      message = e.getMessage();
    } else if (BackendFailures.unavailable(failure)) {
      LOG.warn(
          "GraphQL field {}: a backend is unavailable: {}",
          parameters.getPath(),
          failure.toString());
      code = ErrorCode.SERVICE_UNAVAILABLE;
      message = "a storage backend is unavailable; retry later";
    } else {
      LOG.error("GraphQL field {} failed", parameters.getPath(), failure);
      code = ErrorCode.INTERNAL_ERROR;
      message = "internal error";
    }
    GraphQLError error =
        GraphqlErrorBuilder.newError()
            .message(message)
            .path(parameters.getPath())
            .location(parameters.getSourceLocation())
            .errorType(classification(code))
            .extensions(Map.of(CODE, code.code()))
            .build();
    return CompletableFuture.completedFuture(
        DataFetcherExceptionHandlerResult.newResult(error).build());
  }

  /** An error as the response shows it, with {@code extensions.code} filled in. */
  static Map<String, Object> specification(GraphQLError error) {
    Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
    Map<String, Object> extensions = new LinkedHashMap<>();
    Object existing = spec.get("extensions");
    if (existing instanceof Map<?, ?> map) {
      map.forEach((key, value) -> extensions.put(String.valueOf(key), value));
    }
    extensions.putIfAbsent(CODE, codeOf(error).code());
    extensions.remove("classification");
    spec.put("extensions", extensions);
    return spec;
  }

  /** The code of an error: its own, or one by its classification. */
  static ErrorCode codeOf(GraphQLError error) {
    Object code = error.getExtensions() == null ? null : error.getExtensions().get(CODE);
    if (code instanceof String value) {
      Optional<ErrorCode> known = byCode(value);
      if (known.isPresent()) {
        return known.get();
      }
    }
    ErrorClassification type = error.getErrorType();
    if (type == ErrorType.InvalidSyntax
        || type == ErrorType.ValidationError
        || type == ErrorType.ExecutionAborted) {
      return ErrorCode.VALIDATION_FAILED;
    }
    return ErrorCode.INTERNAL_ERROR;
  }

  private static Optional<ErrorCode> byCode(String value) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.code().equals(value)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  private static ErrorClassification classification(ErrorCode code) {
    return code == ErrorCode.VALIDATION_FAILED
        ? ErrorType.ValidationError
        : ErrorType.DataFetchingException;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
