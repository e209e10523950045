package io.picshare.stack.junit;

import io.picshare.stack.ApiMode;
import io.picshare.stack.LocalStack;
import io.picshare.stack.RepositoryRoot;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.StackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local stack's backends (HDFS with 3 DataNodes, ZooKeeper, HBase and YARN in one JVM,
 * Kafka, Solr; each on free ports, in a fresh directory under {@code target/}) once per test JVM,
 * hands tests its {@link StackEndpoints}, and stops it when the test JVM's last test has run. A
 * test that also asks for {@link StackFaults} can break and repair HDFS and HBase; it must repair
 * what it broke, since later tests share the stack.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class MyIT {
 *   @Test void works(StackEndpoints stack) { ... }
 * }
 * }</pre>
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == StackEndpoints.class || type == StackFaults.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalStack stack = stack(context);
    return parameter.getParameter().getType() == StackFaults.class
        ? stack.faults()
        : stack.endpoints();
  }

  private static LocalStack stack(ExtensionContext context) {
    // The root store closes (AutoCloseable) what it holds when the test JVM's run ends.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalStack.class, key -> start(), LocalStack.class);
  }

  private static LocalStack start() {
    try {
      Path root = RepositoryRoot.find();
      Path dataDir =
          Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-stack-");
      System.out.println("Starting the local stack for tests in " + dataDir.toAbsolutePath());
      return LocalStack.start(
          new LocalStack.Options(
              root, dataDir, StackPorts.ephemeral(), false, ApiMode.NONE, System.out, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local stack", e);
    }
  }
}
