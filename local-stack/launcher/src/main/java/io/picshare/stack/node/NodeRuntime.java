package io.picshare.stack.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs one stack component as the main program of a child JVM: starts it, writes the ready file,
 * then keeps it running until asked to stop. A stop is asked by SIGTERM or SIGINT, or by the end of
 * standard input: the launcher holds that pipe open, so when the launcher exits for any reason
 * (even {@code kill -9}) the node stops too and no process is orphaned. The stop runs on the main
 * thread, not in a JVM shutdown hook, where Hadoop's own hooks would race it.
 */
public final class NodeRuntime {
  /** A component that can be started and stopped. */
  public interface Component {
    /** Starts the component and returns the endpoints it serves, once they answer. */
    Map<String, String> start() throws Exception;

    void stop() throws Exception;
  }

  private NodeRuntime() {}

  public static void run(String name, NodeArguments arguments, Component component) {
    CountDownLatch stopRequested = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
    Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
    Thread parentWatch =
        new Thread(
            () -> {
              awaitEndOfInput(System.in);
              stopRequested.countDown();
            },
            name + "-parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();

    try {
      Files.deleteIfExists(arguments.readyFile());
      long started = System.nanoTime();
      Map<String, String> endpoints = component.start();
      ReadyFile.write(arguments.readyFile(), endpoints);
      System.out.printf(
          "%s ready in %d ms: %s%n", name, (System.nanoTime() - started) / 1_000_000, endpoints);
      stopRequested.await();
    } catch (Throwable e) {
      System.err.println(name + " failed: " + e);
      e.printStackTrace();
      Runtime.getRuntime().halt(1);
    }

    System.out.println(name + " stopping");
    try {
      component.stop();
      System.out.println(name + " stopped");
      System.exit(0);
    } catch (Throwable e) {
      System.err.println(name + " did not stop cleanly: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void awaitEndOfInput(InputStream in) {
    try {
      while (in.read() != -1) {
        // the launcher never writes; any byte is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the launcher is gone too
    }
  }
}
