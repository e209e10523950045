package io.picshare.api.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.picshare.api.domain.error.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * Refuses a mutation, before any field runs, in a request that may not run one (a {@code GET}):
 * {@code method-not-allowed}, so that a link or a prefetch can never change anything.
 */
final class MutationGuard extends SimplePerformantInstrumentation {
  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    var context = parameters.getExecutionContext();
    RequestScope scope = context.getGraphQLContext().get(RequestScope.class);
    if (context.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
        && !scope.mutationsAllowed()) {
      throw new AbortExecutionException(
          List.of(
              GraphqlErrorBuilder.newError()
                  .message("mutations must be sent with POST")
                  .extensions(Map.of(ErrorCodes.CODE, ErrorCode.METHOD_NOT_ALLOWED.code()))
                  .build()));
    }
    return super.beginExecuteOperation(parameters, state);
  }
}
