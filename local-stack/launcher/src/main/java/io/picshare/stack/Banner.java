package io.picshare.stack;

/** The one screen that tells a developer where every part of the running stack answers. */
final class Banner {
  private Banner() {}

  static String of(LocalStack stack, String nightly, double secondsToReady) {
    StackEndpoints e = stack.endpoints();
    StackPorts p = stack.options().ports();
    StringBuilder b = new StringBuilder();
    b.append(String.format("%nPicShare is ready (%.1f s)%n", secondsToReady));
    if (e.api().equals(e.writeApi())) {
      row(b, "API", e.api() + "   (GET /health/ready, /health/live, /v1/openapi.json)");
      row(
          b,
          "Admin",
          "http://127.0.0.1:" + p.admin() + "   (GET /metrics, detailed /health/ready)");
    } else {
      row(b, "API reads", e.api() + "   (role read: GET /v1/...; /health/ready)");
      row(
          b,
          "API writes",
          e.writeApi() + "   (role write: POST and DELETE /v1/...; /health/ready)");
      row(
          b,
          "Admin",
          "http://127.0.0.1:"
              + p.admin()
              + " (reads), :"
              + p.writeAdmin()
              + " (writes)   (GET /metrics, detailed /health/ready)");
    }
    if (e.api() != null) {
      row(b, "Web app", e.api() + "/   (open it in a browser; served by the read API)");
      row(
          b,
          "Workers",
          stack.workersUri()
              + "   (Kafka consumers: feed fan-out, renditions; /health/ready; admin :"
              + stack.workersAdminPort()
              + ")");
    }
    row(
        b,
        "HDFS",
        e.hdfs()
            + "   (3 DataNodes, replication 3; web UI http://127.0.0.1:"
            + p.namenodeHttp()
            + ")");
    row(b, "ZooKeeper", e.zookeeperQuorum());
    row(
        b,
        "HBase",
        "via ZooKeeper " + e.zookeeperQuorum() + "   (root dir " + e.hdfs() + "/hbase)");
    row(
        b,
        "YARN",
        e.yarnResourceManager()
            + "   (ResourceManager; web UI "
            + e.yarnWeb()
            + ", job history "
            + e.jobHistoryWeb()
            + ")");
    row(b, "Hadoop conf", e.hadoopConfDir() + "   (HADOOP_CONF_DIR for hadoop/hbase clients)");
    row(b, "Nightly", nightly);
    row(b, "Kafka", e.kafkaBootstrap());
    row(b, "Solr", e.solr() + "   (core: photos)");
    row(b, "Data", stack.options().dataDir().toString());
    row(b, "Logs", stack.logDir().toString());
    b.append("Press Ctrl-C to stop.\n");
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format("  %-11s %s%n", name, value));
  }
}
