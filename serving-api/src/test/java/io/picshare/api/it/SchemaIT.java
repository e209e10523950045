package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.PicShareTables;
import io.picshare.schema.SchemaManager;
import io.picshare.schema.table.IdempotencyTable;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.PicShareTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema manager against the real HBase the local stack created the tables in. The cases (and
 * messages) are those that hbase-schema's SchemaManagerContractTest checks on its in-memory Admin,
 * so the fake is held to what the real cluster does.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaIT {
  @Test
  void liveSchemaMatchesTheCodeAndCreateIsIdempotent(StackEndpoints stack) throws Exception {
    try (Connection connection = connect(stack);
        Admin admin = connection.getAdmin()) {
      SchemaManager schema = new SchemaManager(admin);

      assertThat(schema.verify()).isEmpty();
      assertThat(schema.create())
          .hasSize(io.picshare.schema.PicShareTables.all().size() + 1)
          .noneMatch(action -> action.startsWith("created"));
      assertThat(schema.verify()).isEmpty();

      for (PicShareTable table : PicShareTables.all()) {
        assertThat(admin.tableExists(table.name())).as(table.name().toString()).isTrue();
        assertThat(admin.getRegions(table.name()))
            .as(table.name() + " is pre-split")
            .hasSize(table.splitKeys().length + 1);
      }
      assertThat(admin.getRegions(PhotosTable.NAME)).hasSize(16);
      assertThat(schema.describe())
          .startsWith("namespace picshare\n")
          .contains("picshare:users: enabled, 16 regions (created with 16)");
    }
  }

  @Test
  void aMissingTableIsReportedAndRecreated(StackEndpoints stack) throws Exception {
    try (Connection connection = connect(stack);
        Admin admin = connection.getAdmin()) {
      SchemaManager schema = new SchemaManager(admin);
      admin.disableTable(IdempotencyTable.NAME);
      admin.deleteTable(IdempotencyTable.NAME);

      assertThat(schema.verify()).containsExactly("missing table picshare:idempotency");
      List<String> actions = schema.create();

      assertThat(actions)
          .contains("created table picshare:idempotency with 16 regions")
          .filteredOn(action -> action.startsWith("created"))
          .hasSize(1);
      assertThat(schema.verify()).isEmpty();
    }
  }

  @Test
  void aChangedTableIsReportedButLeftAlone(StackEndpoints stack) throws Exception {
    try (Connection connection = connect(stack);
        Admin admin = connection.getAdmin()) {
      SchemaManager schema = new SchemaManager(admin);
      TableDescriptor original = admin.getDescriptor(IdempotencyTable.NAME);
      admin.modifyTable(
          TableDescriptorBuilder.newBuilder(original)
              .modifyColumnFamily(
                  ColumnFamilyDescriptorBuilder.newBuilder(IdempotencyTable.ENTRY)
                      .setTimeToLive(60)
                      .build())
              .build());
      try {
        assertThat(schema.create()).contains("table picshare:idempotency exists, left unchanged");
        assertThat(schema.verify())
            .containsExactly("picshare:idempotency: family i has TTL=60 s, expected 86400 s");
      } finally {
        admin.modifyTable(original);
      }
      assertThat(schema.verify()).isEmpty();
    }
  }

  private static Connection connect(StackEndpoints stack) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", stack.zookeeperQuorum());
    return ConnectionFactory.createConnection(conf);
  }
}
