package io.picshare.api.http;

import io.picshare.api.config.ServerRole;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.graphql.GraphQLRequest;
import io.picshare.api.graphql.GraphQLResponse;
import io.picshare.api.graphql.PicShareGraphQL;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GraphQL over HTTP at {@code /v1/graphql}: {@code GET} (queries only, on a read server) and {@code
 * POST} with a JSON body (queries and mutations, on a write server). The response is {@code
 * application/graphql-response+json} when the client accepts it, else {@code application/json}.
 * Field errors answer {@code 200} with {@code errors}; a request that cannot be executed answers
 * {@code 400} (a body or parameters that are not a GraphQL request, or, with {@code
 * application/graphql-response+json}, a document that does not parse, validate or stay within the
 * limits; with {@code application/json} that is a {@code 200}), a mutation sent with {@code GET}
 * {@code 405}, and a bad token {@code 401}. Every error has an {@code extensions.code}.
 *
 * <p>This is plain graphql-java behind a handler of ours rather than vertx-web-graphql's {@code
 * GraphQLHandler}, which answers every outcome {@code 200 application/json}, runs mutations sent
 * with GET, and renders its own failures outside the router's error format.
 */
final class GraphQLRoutes {
  static final String PATH = "/v1/graphql";
  static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

  private final PicShareGraphQL graphql;
  private final Authenticator authenticator;
  private final FailureHandler failures;

  GraphQLRoutes(PicShareGraphQL graphql, Authenticator authenticator, ClientAddresses clients) {
    this.graphql = graphql;
    this.authenticator = authenticator;
    this.failures = new FailureHandler(clients, GraphQLRoutes::sendError);
  }

  void mount(Router router, ServerRole role) {
    // before the router's own failure handler: failures here answer in GraphQL's shape
    router.route(PATH).failureHandler(failures);
    if (role.servesReads()) {
      router.get(PATH).handler(this::get);
    } else {
      router.get(PATH).handler(ctx -> ApiRouter.wrongRole(ctx, role));
    }
    if (role.servesWrites()) {
      int maxBytes = graphql == null ? 1 : graphql.limits().maxDocumentBytes();
      router
          .post(PATH)
          .handler(BodyHandler.create(false).setBodyLimit(maxBytes))
          .handler(this::post);
    } else {
      router.post(PATH).handler(ctx -> ApiRouter.wrongRole(ctx, role));
    }
  }

  private void get(RoutingContext ctx) {
    Optional<Principal> viewer = authenticator.optional(ctx);
    var params = ctx.queryParams();
    JsonObject variables = null;
    String encoded = params.get("variables");
    if (encoded != null && !encoded.isEmpty()) {
      try {
        variables = new JsonObject(encoded);
      } catch (DecodeException | ClassCastException e) {
        throw PicShareException.invalid("variables must be a JSON object");
      }
    }
    execute(
        ctx, viewer, request(params.get("query"), params.get("operationName"), variables), false);
  }

  private void post(RoutingContext ctx) {
    Optional<Principal> viewer = authenticator.optional(ctx);
    String contentType = ctx.parsedHeaders().contentType().value().toLowerCase(Locale.ROOT);
    if (!contentType.equals(Json.CONTENT_TYPE)) {
      throw new PicShareException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "send the request as Content-Type: application/json, got '" + contentType + "'");
    }
    JsonObject body = Json.body(ctx);
    Object variables = body.getValue("variables");
    if (variables != null && !(variables instanceof JsonObject)) {
      throw PicShareException.invalid("variables must be a JSON object");
    }
    Object query = body.getValue("query");
    if (query != null && !(query instanceof String)) {
      throw PicShareException.invalid("query must be a string");
    }
    execute(
        ctx,
        viewer,
        request((String) query, Json.string(body, "operationName"), (JsonObject) variables),
        true);
  }

  private static GraphQLRequest request(String query, String operationName, JsonObject variables) {
    if (query == null || query.isBlank()) {
      throw PicShareException.invalid("query is required: the GraphQL document to run");
    }
    Map<String, Object> values = variables == null ? Map.of() : variables.getMap();
    return new GraphQLRequest(query, Optional.ofNullable(operationName), values);
  }

  private void execute(
      RoutingContext ctx,
      Optional<Principal> viewer,
      GraphQLRequest request,
      boolean mutationsAllowed) {
    String mediaType = mediaType(ctx);
    graphql
        .execute(request, viewer, mutationsAllowed)
        .onSuccess(response -> send(ctx, mediaType, response))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, String mediaType, GraphQLResponse response) {
    int status =
        response
            .requestError()
            .map(
                code ->
                    // application/json keeps 200 for documents that fail to run (GraphQL over HTTP)
                    code == ErrorCode.VALIDATION_FAILED && !mediaType.equals(GRAPHQL_RESPONSE)
                        ? 200
                        : ErrorStatus.of(code))
            .orElse(200);
    if (status == 405) {
      ctx.response().putHeader("Allow", "POST");
    }
    write(ctx, mediaType, status, new JsonObject(response.body()));
  }

  /** A request-level error in GraphQL's shape: {@code {"errors": [{message, extensions.code}]}}. */
  private static Future<Void> sendError(RoutingContext ctx, ErrorCode code, String detail) {
    if (code == ErrorCode.UNAUTHENTICATED) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    if (code == ErrorCode.METHOD_NOT_ALLOWED) {
      ctx.response()
          .putHeader("Allow", ctx.request().method().name().equals("GET") ? "POST" : "GET");
    }
    JsonObject error =
        new JsonObject()
            .put("message", detail == null ? code.title() : detail)
            .put("extensions", new JsonObject().put("code", code.code()));
    return write(
        ctx,
        mediaType(ctx),
        ErrorStatus.of(code),
        new JsonObject().put("errors", new JsonArray().add(error)));
  }

  private static Future<Void> write(
      RoutingContext ctx, String mediaType, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed() || ctx.response().headWritten()) {
      return Future.succeededFuture(); // answered already, e.g. by the request deadline
    }
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", mediaType + "; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Vary", "Accept, Authorization")
        .end(body.encode());
  }

  /**
   * {@code application/graphql-response+json} if the client accepts it before {@code
   * application/json}; {@code application/json} otherwise (also without an {@code Accept}).
   */
  static String mediaType(RoutingContext ctx) {
    for (MIMEHeader accepted : ctx.parsedHeaders().accept()) {
      String value = accepted.value().toLowerCase(Locale.ROOT);
      if (value.equals(GRAPHQL_RESPONSE)) {
        return GRAPHQL_RESPONSE;
      }
      if (value.equals(Json.CONTENT_TYPE) || value.equals("*/*") || value.equals("application/*")) {
        return Json.CONTENT_TYPE;
      }
    }
    return Json.CONTENT_TYPE;
  }
}
