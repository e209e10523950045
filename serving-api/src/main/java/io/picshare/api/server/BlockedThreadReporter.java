package io.picshare.api.server;

import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what Vert.x's blocked-thread checker finds: a warning with the blocked thread's stack,
 * and for an event loop a count in {@code picshare_event_loop_blocked_total}, so tests and
 * dashboards notice code that blocks an event loop. Uses Vert.x's internal checker hook.
 */
public final class BlockedThreadReporter {
  private static final Logger LOG = LoggerFactory.getLogger(BlockedThreadReporter.class);

  private BlockedThreadReporter() {}

  public static void install(Vertx vertx, ApiMetrics metrics) {
    if (!(vertx instanceof VertxInternal internal)) {
      LOG.warn(
          "cannot watch for blocked threads: {} is not a VertxInternal",
          vertx.getClass().getName());
      return;
    }
    internal.blockedThreadChecker().setThreadBlockedHandler(event -> report(event, metrics));
  }

  private static void report(BlockedThreadEvent event, ApiMetrics metrics) {
    boolean eventLoop = !(event.thread() instanceof VertxThread thread && thread.isWorker());
    if (eventLoop) {
      metrics.eventLoopBlocked();
    }
    String message =
        String.format(
            "%s %s has been blocked for %d ms, time limit is %d ms",
            eventLoop ? "Event loop" : "Worker thread",
            event.thread().getName(),
            TimeUnit.NANOSECONDS.toMillis(event.duration()),
            TimeUnit.NANOSECONDS.toMillis(event.maxExecTime()));
    if (event.duration() < event.warningExceptionTime()) {
      LOG.warn(message);
      return;
    }
    VertxException where = new VertxException("Thread blocked");
    where.setStackTrace(event.thread().getStackTrace());
    LOG.warn(message, where);
  }
}
