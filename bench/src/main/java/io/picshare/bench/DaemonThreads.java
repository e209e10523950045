package io.picshare.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background threads of the bench that never keep the JVM alive on their own. */
final class DaemonThreads {
  private DaemonThreads() {}

  /** A single-threaded scheduler whose thread is called {@code name}. */
  static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
