package io.picshare.api.http;

import io.picshare.api.domain.error.BackendFailures;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes a response: domain errors get their code's status and
 * problem type, framework statuses (404, 405, 413) theirs, and anything unexpected is logged (with
 * the client's address) and answered with a 500 that leaks nothing. A request answered before its
 * body was read has its connection closed after the answer ({@link UnreadBody}); a failure after
 * the request was answered (e.g. by its deadline) changes nothing.
 */
final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  /** Writes the error response in the format of the routes it serves. */
  @FunctionalInterface
  interface ErrorResponse {
    Future<Void> send(RoutingContext ctx, ErrorCode code, String detail);
  }

  private final ClientAddresses clients;
  private final ErrorResponse response;

  /** Answers with RFC 9457 problem documents. */
  FailureHandler(ClientAddresses clients) {
    this(clients, Problem::send);
  }

  FailureHandler(ClientAddresses clients, ErrorResponse response) {
    this.clients = clients;
    this.response = response;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    UnreadBody.closeAfterAnswer(ctx);
    Throwable failure = ctx.failure();
    if (failure instanceof PicShareException e) {
      response.send(ctx, e.code(), e.getMessage());
      return;
    }
    if (failure instanceof DecodeException) {
      response.send(ctx, ErrorCode.VALIDATION_FAILED, "the body is not valid JSON");
      return;
    }
    if (BackendFailures.unavailable(failure)) {
      // HBase, HDFS, Kafka and Solr clients report outages as I/O errors or timeouts: the client
      // may retry.
      LOG.warn(
          "{} {} from {}: a backend is unavailable: {}",
          ctx.request().method(),
          ctx.request().path(),
          clients.of(ctx),
          failure.toString());
      ctx.response().putHeader("Retry-After", "5");
      response.send(
          ctx, ErrorCode.SERVICE_UNAVAILABLE, "a storage backend is unavailable; retry later");
      return;
    }
    switch (ctx.statusCode()) {
      case 400 -> response.send(ctx, ErrorCode.VALIDATION_FAILED, "the request is malformed");
      case 404 -> response.send(ctx, ErrorCode.NOT_FOUND, "no resource at " + ctx.request().path());
      case 405 ->
          response.send(
              ctx,
              ErrorCode.METHOD_NOT_ALLOWED,
              ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> response.send(ctx, ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large");
      default -> {
        LOG.error(
            "{} {} from {} failed",
            ctx.request().method(),
            ctx.request().path(),
            clients.of(ctx),
            failure);
        response.send(ctx, ErrorCode.INTERNAL_ERROR, null);
      }
    }
  }
}
