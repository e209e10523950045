package io.picshare.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.table.IdempotencyTable;
import io.picshare.schema.table.PhotosTable;
import java.util.List;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.junit.jupiter.api.Test;

/**
 * What {@link SchemaManager} must do against a cluster without the {@code picshare} namespace. Runs
 * here on {@link InMemoryAdmin}; serving-api's SchemaIT checks the same cases, with the same
 * messages, on the real HBase of the local stack.
 */
class SchemaManagerContractTest {
  /** An {@link Admin} of a cluster without the picshare namespace. */
  protected Admin emptyCluster() {
    return InMemoryAdmin.create();
  }

  @Test
  void verifyOnAnEmptyClusterReportsEverythingMissing() throws Exception {
    List<String> differences = new SchemaManager(emptyCluster()).verify();

    assertThat(differences)
        .containsExactly(
            "missing namespace picshare",
            "missing table picshare:users",
            "missing table picshare:usernames",
            "missing table picshare:photos",
            "missing table picshare:photo_ids",
            "missing table picshare:idempotency",
            "missing table picshare:outbox",
            "missing table picshare:outbox_dead_letters",
            "missing table picshare:leases",
            "missing table picshare:follows",
            "missing table picshare:following",
            "missing table picshare:followers",
            "missing table picshare:likes",
            "missing table picshare:inbox",
            "missing table picshare:feeds",
            "missing table picshare:feed_snapshots",
            "missing table picshare:webhooks",
            "missing table picshare:webhook_deliveries",
            "missing table picshare:webhook_queue");
  }

  @Test
  void createMakesTheNamespaceAndEveryTablePreSplit() throws Exception {
    Admin admin = emptyCluster();
    SchemaManager manager = new SchemaManager(admin);

    List<String> actions = manager.create();

    assertThat(actions)
        .containsExactly(
            "created namespace picshare",
            "created table picshare:users with 16 regions",
            "created table picshare:usernames with 5 regions",
            "created table picshare:photos with 16 regions",
            "created table picshare:photo_ids with 16 regions",
            "created table picshare:idempotency with 16 regions",
            "created table picshare:outbox with 16 regions",
            "created table picshare:outbox_dead_letters with 1 regions",
            "created table picshare:leases with 1 regions",
            "created table picshare:follows with 16 regions",
            "created table picshare:following with 16 regions",
            "created table picshare:followers with 16 regions",
            "created table picshare:likes with 16 regions",
            "created table picshare:inbox with 16 regions",
            "created table picshare:feeds with 16 regions",
            "created table picshare:feed_snapshots with 16 regions",
            "created table picshare:webhooks with 16 regions",
            "created table picshare:webhook_deliveries with 16 regions",
            "created table picshare:webhook_queue with 16 regions");
    assertThat(manager.verify()).isEmpty();
    assertThat(admin.getRegions(IdempotencyTable.NAME)).hasSize(16);
  }

  @Test
  void createIsIdempotentAndLeavesExistingTablesAlone() throws Exception {
    Admin admin = emptyCluster();
    SchemaManager manager = new SchemaManager(admin);
    manager.create();
    TableDescriptor shortTtl =
        TableDescriptorBuilder.newBuilder(admin.getDescriptor(IdempotencyTable.NAME))
            .modifyColumnFamily(
                ColumnFamilyDescriptorBuilder.newBuilder(IdempotencyTable.ENTRY)
                    .setTimeToLive(60)
                    .build())
            .build();
    admin.modifyTable(shortTtl);

    List<String> actions = manager.create();

    assertThat(actions)
        .hasSize(PicShareTables.all().size() + 1)
        .first()
        .isEqualTo("namespace picshare exists");
    assertThat(actions).contains("table picshare:idempotency exists, left unchanged");
    assertThat(actions).noneMatch(action -> action.startsWith("created"));
    assertThat(manager.verify())
        .containsExactly("picshare:idempotency: family i has TTL=60 s, expected 86400 s");
  }

  @Test
  void createAddsTheFamiliesANewerReleaseBroughtToExistingTables() throws Exception {
    Admin admin = emptyCluster();
    SchemaManager manager = new SchemaManager(admin);
    manager.create();
    admin.modifyTable(
        TableDescriptorBuilder.newBuilder(admin.getDescriptor(PhotosTable.NAME))
            .removeColumnFamily(PhotosTable.COUNTERS)
            .build());
    assertThat(manager.verify()).containsExactly("picshare:photos: missing family c");

    assertThat(manager.create()).contains("table picshare:photos exists, added families c");
    assertThat(manager.verify()).isEmpty();
  }

  @Test
  void describeListsEveryTable() throws Exception {
    Admin admin = emptyCluster();
    SchemaManager manager = new SchemaManager(admin);
    String before = manager.describe();
    manager.create();

    String after = manager.describe();

    assertThat(before)
        .startsWith("namespace picshare (missing)")
        .contains("picshare:photos: missing (code: 16 regions)");
    assertThat(after)
        .startsWith("namespace picshare\n")
        .contains(
            "picshare:users: enabled, 16 regions (created with 16)",
            "picshare:usernames: enabled, 5 regions (created with 5)",
            "  m: VERSIONS=1 TTL=FOREVER DATA_BLOCK_ENCODING=FAST_DIFF BLOOMFILTER=ROW"
                + " COMPRESSION=NONE");
  }
}
