package io.picshare.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.picshare.api.domain.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every error gets a stable code; a result without data is a request error. */
class ErrorCodesTest {
  private static GraphQLError error(ErrorType type, Map<String, Object> extensions) {
    return GraphqlErrorBuilder.newError()
        .message("m")
        .errorType(type)
        .extensions(extensions)
        .build();
  }

  @Test
  void documentsThatCannotRunAreValidationFailed() {
    assertThat(ErrorCodes.codeOf(error(ErrorType.InvalidSyntax, Map.of())))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(ErrorCodes.codeOf(error(ErrorType.ValidationError, Map.of())))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(ErrorCodes.codeOf(error(ErrorType.ExecutionAborted, Map.of())))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void anErrorsOwnCodeWinsAndUnknownOnesAreInternal() {
    assertThat(
            ErrorCodes.codeOf(error(ErrorType.DataFetchingException, Map.of("code", "forbidden"))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(ErrorCodes.codeOf(error(ErrorType.DataFetchingException, Map.of())))
        .isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(ErrorCodes.codeOf(error(ErrorType.ValidationError, Map.of("code", "made-up"))))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void theResponseShowsTheCodeInExtensionsAndNoClassification() {
    Map<String, Object> spec = ErrorCodes.specification(error(ErrorType.InvalidSyntax, Map.of()));

    assertThat(spec.get("message")).isEqualTo("m");
    assertThat(spec.get("extensions")).isEqualTo(Map.of("code", "validation-failed"));
  }

  @Test
  void aResultWithoutDataIsARequestErrorWithTheFirstErrorsCode() {
    ExecutionResult refused =
        ExecutionResultImpl.newExecutionResult()
            .addError(error(ErrorType.ExecutionAborted, Map.of("code", "method-not-allowed")))
            .build();

    GraphQLResponse response = PicShareGraphQL.response(refused);

    assertThat(response.requestError()).hasValue(ErrorCode.METHOD_NOT_ALLOWED);
    assertThat(response.body()).doesNotContainKey("data").containsKey("errors");
  }

  @Test
  void aResultWithDataIsNoRequestErrorEvenWithFieldErrors() {
    ExecutionResult partial =
        ExecutionResultImpl.newExecutionResult()
            .data(java.util.Collections.singletonMap("viewer", null))
            .addError(error(ErrorType.DataFetchingException, Map.of("code", "unauthenticated")))
            .build();

    GraphQLResponse response = PicShareGraphQL.response(partial);

    assertThat(response.requestError()).isEqualTo(Optional.empty());
    assertThat(response.body().get("data"))
        .isEqualTo(java.util.Collections.singletonMap("viewer", null));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().get("errors");
    assertThat(errors).hasSize(1);
  }
}
