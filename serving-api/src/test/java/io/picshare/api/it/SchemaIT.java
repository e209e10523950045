package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.PicShareTables;
import io.picshare.schema.SchemaManager;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.PicShareTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schema tool's operations against the real HBase that the local stack created the tables in. */
@ExtendWith(LocalStackExtension.class)
class SchemaIT {
  @Test
  void liveSchemaMatchesTheCodeAndCreateIsIdempotent(StackEndpoints stack) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", stack.zookeeperQuorum());
    try (Connection connection = ConnectionFactory.createConnection(conf); Admin admin = connection.getAdmin()) {
      SchemaManager schema = new SchemaManager(admin);

      assertThat(schema.verify()).isEmpty();
      schema.create();
      assertThat(schema.verify()).isEmpty();

      for (PicShareTable table : PicShareTables.all()) {
        assertThat(admin.tableExists(table.name())).as(table.name().toString()).isTrue();
        assertThat(admin.getRegions(table.name())).as(table.name() + " is pre-split")
            .hasSize(table.splitKeys().length + 1);
      }
      assertThat(admin.getRegions(PhotosTable.NAME)).hasSize(16);
      assertThat(schema.describe()).contains("picshare:photos", "picshare:users", "picshare:outbox");
    }
  }
}
