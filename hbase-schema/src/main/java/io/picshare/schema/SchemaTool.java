package io.picshare.schema;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Command line for the schema: {@code create} (idempotent), {@code verify} (exit 1 and one line per
 * difference when the live schema differs from the code) and {@code describe}, against the HBase
 * cluster found through {@code --zookeeper}.
 */
@Command(
    name = "picshare-schema",
    mixinStandardHelpOptions = true,
    versionProvider = SchemaTool.ManifestVersion.class,
    description = "Creates, verifies and describes the PicShare HBase schema.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:success",
      "1:verify found differences",
      "2:invalid usage",
      "3:HBase error (e.g. cannot connect)"
    })
public final class SchemaTool {
  public static final int EXIT_DIFFERENCES = 1;
  public static final int EXIT_HBASE_ERROR = 3;

  private static final Pattern QUORUM =
      Pattern.compile("[^\\s:,]+(:\\d{1,5})?(,[^\\s:,]+(:\\d{1,5})?)*");

  /** Opens a connection to the cluster behind a ZooKeeper quorum. */
  @FunctionalInterface
  public interface Connector {
    Connection connect(String zookeeperQuorum) throws IOException;
  }

  /** The version from the jar manifest, when there is one. */
  static final class ManifestVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SchemaTool.class.getPackage().getImplementationVersion();
      return new String[] {
        "picshare-schema " + (version == null ? "(development build)" : version)
      };
    }
  }

  @Spec private CommandSpec spec;

  @Option(
      names = "--zookeeper",
      defaultValue = "127.0.0.1:2181",
      paramLabel = "host:port[,host:port...]",
      scope = ScopeType.INHERIT,
      description = "ZooKeeper quorum of HBase.%nDefault: ${DEFAULT-VALUE}")
  private String zookeeper;

  private final Connector connector;

  public SchemaTool() {
    this(SchemaTool::connect);
  }

  public SchemaTool(Connector connector) {
    this.connector = requireNonNull(connector, "connector is null");
  }

  public static void main(String[] args) {
    System.exit(new SchemaTool().commandLine().execute(args));
  }

  /** The picocli command line for this tool, with its error handling installed. */
  public CommandLine commandLine() {
    return new CommandLine(this)
        .setExecutionExceptionHandler(
            (exception, commandLine, parseResult) -> {
              commandLine.getErr().println("error: " + exception);
              return EXIT_HBASE_ERROR;
            });
  }

  @Command(
      name = "create",
      description =
          "Creates the namespace and every missing table; leaves existing tables unchanged.")
  int create() throws IOException {
    return withManager(
        manager -> {
          manager.create().forEach(out()::println);
          return 0;
        });
  }

  @Command(
      name = "verify",
      description = "Compares the live schema with the code; exits 1 if they differ.")
  int verify() throws IOException {
    return withManager(
        manager -> {
          List<String> differences = manager.verify();
          if (differences.isEmpty()) {
            out().println("schema OK");
            return 0;
          }
          differences.forEach(out()::println);
          return EXIT_DIFFERENCES;
        });
  }

  @Command(
      name = "describe",
      description = "Lists every table with its state, regions and column families.")
  int describe() throws IOException {
    return withManager(
        manager -> {
          out().print(manager.describe());
          return 0;
        });
  }

  private interface ManagerAction {
    int run(SchemaManager manager) throws IOException;
  }

  private int withManager(ManagerAction action) throws IOException {
    if (!QUORUM.matcher(zookeeper).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "--zookeeper must be host:port[,host:port...], was '" + zookeeper + "'");
    }
    try (Connection connection = connector.connect(zookeeper);
        Admin admin = connection.getAdmin()) {
      int exitCode = action.run(new SchemaManager(admin));
      out().flush();
      return exitCode;
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private static Connection connect(String zookeeperQuorum) throws IOException {
    Configuration configuration = HBaseConfiguration.create();
    // Entries with a port are used as given; ZKConfig appends the client port only to bare hosts.
    configuration.set(HConstants.ZOOKEEPER_QUORUM, zookeeperQuorum);
    return ConnectionFactory.createConnection(configuration);
  }
}
