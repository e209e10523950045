package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PicShare's GraphQL schema ({@code graphql/schema.graphqls}) wired to the domain services, with
 * its limits. {@link #execute} runs one request on the caller's event loop without blocking: every
 * field is a service call returning a future, and the accounts and likes a level of the query needs
 * are read in one batch each ({@link Loaders}).
 */
public final class PicShareGraphQL {
  /** Where the schema is, on the classpath; the server loads exactly this file. */
  public static final String SCHEMA_RESOURCE = "/graphql/schema.graphqls";

  private final GraphQL graphQL;
  private final GraphQLServices services;
  private final GraphQLLimits limits;
  private final BatchLoads loads;

  private PicShareGraphQL(
      GraphQL graphQL, GraphQLServices services, GraphQLLimits limits, BatchLoads loads) {
    this.graphQL = graphQL;
    this.services = services;
    this.limits = limits;
    this.loads = loads;
  }

  public static PicShareGraphQL create(GraphQLServices services, GraphQLLimits limits) {
    requireNonNull(services, "services is null");
    requireNonNull(limits, "limits is null");
    ErrorCodes errors = new ErrorCodes();
    GraphQL graphQL =
        GraphQL.newGraphQL(schema(services))
            .queryExecutionStrategy(new AsyncExecutionStrategy(errors))
            .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(errors))
            .defaultDataFetcherExceptionHandler(errors)
            .instrumentation(
                new ChainedInstrumentation(
                    List.of(
                        new MutationGuard(),
                        new MaxQueryDepthInstrumentation(limits.maxDepth()),
                        new MaxQueryComplexityInstrumentation(
                            limits.maxComplexity(), new PagedFieldComplexity()))))
            .build();
    return new PicShareGraphQL(graphQL, services, limits, new BatchLoads());
  }

  /** The schema file's text, as the server loads it. */
  public static String schemaText() {
    try (InputStream in = PicShareGraphQL.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GraphQLSchema schema(GraphQLServices services) {
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
    new QueryFields(services).wire(wiring);
    new MutationFields(services).wire(wiring);
    new UserFields(services).wire(wiring);
    new PhotoFields().wire(wiring);
    return new SchemaGenerator()
        .makeExecutableSchema(new SchemaParser().parse(schemaText()), wiring.build());
  }

  public GraphQLLimits limits() {
    return limits;
  }

  /** The batched reads made so far, for {@code /metrics}. */
  public BatchLoads loads() {
    return loads;
  }

  /**
   * Runs {@code request} for {@code viewer} (empty: no token); {@code mutationsAllowed} is false
   * for a GET. Completes on the calling Vert.x context.
   */
  public Future<GraphQLResponse> execute(
      GraphQLRequest request, Optional<Principal> viewer, boolean mutationsAllowed) {
    ExecutionInput.Builder input =
        ExecutionInput.newExecutionInput()
            .query(request.query())
            .variables(request.variables())
            .graphQLContext(Map.of(RequestScope.class, new RequestScope(viewer, mutationsAllowed)))
            .dataLoaderRegistry(
                Loaders.create(
                    services.accounts(), services.photos(), services.likes(), viewer, loads));
    request.operationName().ifPresent(input::operationName);
    var context = Vertx.currentContext();
    var executing = graphQL.executeAsync(input.build());
    Future<ExecutionResult> result =
        context == null
            ? Future.fromCompletionStage(executing)
            : Future.fromCompletionStage(executing, context);
    return result.map(PicShareGraphQL::response);
  }

  static GraphQLResponse response(ExecutionResult result) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<GraphQLError> errors = result.getErrors();
    if (!errors.isEmpty()) {
      body.put("errors", errors.stream().map(ErrorCodes::specification).toList());
    }
    if (result.isDataPresent()) {
      body.put("data", result.getData());
    }
    if (result.getExtensions() != null && !result.getExtensions().isEmpty()) {
      body.put("extensions", result.getExtensions());
    }
    Optional<ErrorCode> requestError =
        result.isDataPresent()
            ? Optional.empty()
            : Optional.of(
                errors.isEmpty() ? ErrorCode.INTERNAL_ERROR : ErrorCodes.codeOf(errors.get(0)));
    return new GraphQLResponse(body, requestError);
  }
}
