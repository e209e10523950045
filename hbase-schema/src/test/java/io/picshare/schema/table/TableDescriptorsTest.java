package io.picshare.schema.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.PicShareTables;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.apache.hadoop.hbase.regionserver.BloomType;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class TableDescriptorsTest {
  @Test
  void everyTableIsInThePicShareNamespace() {
    List<String> names =
        PicShareTables.all().stream().map(table -> table.name().getNameAsString()).toList();

    assertThat(names)
        .containsExactly(
            "picshare:users",
            "picshare:usernames",
            "picshare:photos",
            "picshare:photo_ids",
            "picshare:idempotency",
            "picshare:outbox",
            "picshare:outbox_dead_letters",
            "picshare:leases",
            "picshare:follows",
            "picshare:following",
            "picshare:followers",
            "picshare:likes",
            "picshare:inbox",
            "picshare:feeds",
            "picshare:feed_snapshots",
            "picshare:webhooks",
            "picshare:webhook_deliveries",
            "picshare:webhook_queue");
    for (PicShareTable table : PicShareTables.all()) {
      assertThat(table.descriptor().getTableName()).isEqualTo(table.name());
    }
  }

  @Test
  void usersHasProfileAndCounterFamilies() {
    TableDescriptor users = new UsersTable().descriptor();

    assertThat(familyNames(users)).containsExactly("c", "p");
  }

  @Test
  void photosUseFastDiffEncodingAndRowBlooms() {
    ColumnFamilyDescriptor metadata =
        new PhotosTable().descriptor().getColumnFamily(Bytes.toBytes("m"));

    assertThat(familyNames(new PhotosTable().descriptor())).containsExactly("c", "m");
    assertThat(metadata.getDataBlockEncoding()).isEqualTo(DataBlockEncoding.FAST_DIFF);
    assertThat(metadata.getBloomFilterType()).isEqualTo(BloomType.ROW);
  }

  @Test
  void idempotencyKeysExpireAfter24Hours() {
    ColumnFamilyDescriptor entry =
        new IdempotencyTable().descriptor().getColumnFamily(IdempotencyTable.ENTRY);

    assertThat(entry.getTimeToLive()).isEqualTo(86_400);
  }

  @Test
  void onlyIdempotencyEntriesInboxesSnapshotsAndWebhookDeliveriesExpire() {
    for (PicShareTable table : PicShareTables.all()) {
      for (ColumnFamilyDescriptor family : table.descriptor().getColumnFamilies()) {
        int expected =
            table instanceof IdempotencyTable
                ? 86_400
                : table instanceof InboxTable
                    ? 8 * 86_400
                    : table instanceof FeedSnapshotsTable
                        ? 3_600
                        : table instanceof WebhookDeliveriesTable
                                || table instanceof WebhookQueueTable
                            ? 7 * 86_400
                            : HConstants.FOREVER;
        assertThat(family.getTimeToLive())
            .as(table.name() + " " + family.getNameAsString())
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void familiesKeepOneVersionAndAreUncompressed() {
    for (PicShareTable table : PicShareTables.all()) {
      for (ColumnFamilyDescriptor family : table.descriptor().getColumnFamilies()) {
        assertThat(family.getMaxVersions()).isEqualTo(1);
        assertThat(family.getCompressionType()).isEqualTo(Compression.Algorithm.NONE);
        assertThat(family.getBloomFilterType()).isEqualTo(BloomType.ROW);
      }
    }
  }

  @Test
  void familiesAndQualifiersHaveTheDocumentedNames() {
    assertThat(familyNames(new UsernamesTable().descriptor())).containsExactly("u");
    assertThat(familyNames(new PhotoIdsTable().descriptor())).containsExactly("o");
    assertThat(familyNames(new IdempotencyTable().descriptor())).containsExactly("i");
    assertThat(familyNames(new OutboxTable().descriptor())).containsExactly("e");
    assertThat(strings(UsersTable.USERNAME, UsersTable.PASSWORD_HASH, UsersTable.CREATED_AT))
        .containsExactly("u", "h", "t");
    assertThat(
            strings(UsersTable.PHOTO_COUNT, UsersTable.FOLLOWER_COUNT, UsersTable.FOLLOWING_COUNT))
        .containsExactly("p", "f", "g");
    assertThat(strings(UsernamesTable.USER_ID, PhotoIdsTable.USER_ID)).containsExactly("id", "u");
    assertThat(
            strings(
                IdempotencyTable.REQUEST_FINGERPRINT,
                IdempotencyTable.RESPONSE_STATUS,
                IdempotencyTable.RESPONSE_BODY,
                IdempotencyTable.PHOTO_ID,
                IdempotencyTable.CLAIM,
                IdempotencyTable.PLANNED_PHOTO_ID))
        .containsExactly("f", "s", "b", "p", "c", "n");
    assertThat(familyNames(new LeasesTable().descriptor())).containsExactly("l");
    assertThat(strings(LeasesTable.HOLDER, LeasesTable.EXPIRES_AT, LeasesTable.RESERVED_UNTIL))
        .containsExactly("h", "e", "r");
    assertThat(
            strings(
                OutboxTable.TOPIC, OutboxTable.KEY, OutboxTable.PAYLOAD, OutboxTable.CREATED_AT))
        .containsExactly("t", "k", "v", "c");
  }

  @Test
  void webhookFamiliesAndQualifiersHaveTheDocumentedNames() {
    assertThat(familyNames(new WebhooksTable().descriptor())).containsExactly("w");
    assertThat(
            strings(
                WebhooksTable.URL,
                WebhooksTable.EVENTS,
                WebhooksTable.SECRET,
                WebhooksTable.CREATED_AT))
        .containsExactly("u", "e", "s", "c");
    assertThat(familyNames(new WebhookDeliveriesTable().descriptor())).containsExactly("d");
    assertThat(
            strings(
                WebhookDeliveriesTable.TOPIC,
                WebhookDeliveriesTable.BODY,
                WebhookDeliveriesTable.OWNER_ID,
                WebhookDeliveriesTable.CREATED_AT,
                WebhookDeliveriesTable.STATE,
                WebhookDeliveriesTable.attempt(1),
                WebhookDeliveriesTable.attempt(12)))
        .containsExactly("t", "b", "o", "c", "s", "a1", "a12");
    assertThat(familyNames(new WebhookQueueTable().descriptor())).containsExactly("q");
    assertThat(strings(WebhookQueueTable.DUE)).containsExactly("d");
  }

  @Test
  void photoQualifiersAreDistinct() {
    List<String> qualifiers =
        strings(
            PhotosTable.TITLE,
            PhotosTable.CONTENT_TYPE,
            PhotosTable.SIZE_BYTES,
            PhotosTable.WIDTH,
            PhotosTable.HEIGHT,
            PhotosTable.ORIENTATION,
            PhotosTable.LATITUDE,
            PhotosTable.LONGITUDE,
            PhotosTable.SHA256,
            PhotosTable.LOCATION,
            PhotosTable.CREATED_AT,
            PhotosTable.DELETION_EVENT);

    assertThat(qualifiers).doesNotHaveDuplicates().hasSize(12);
  }

  @Test
  void saltedTablesArePreSplitIntoSixteenRegions() {
    for (PicShareTable table : PicShareTables.all()) {
      if (table instanceof UsernamesTable || table.splitKeys().length == 0) {
        continue;
      }
      byte[][] splits = table.splitKeys();
      assertThat(splits).as(table.name().toString()).hasNumberOfRows(15);
      assertThat(splits[0]).containsExactly(0x10);
      assertThat(splits[14]).containsExactly((byte) 0xf0);
    }
  }

  @Test
  void usernamesAreSplitOnLetters() {
    assertThat(strings(new UsernamesTable().splitKeys())).containsExactly("e", "j", "o", "t");
  }

  @Test
  void splitKeysAreStrictlyIncreasingAndFreshCopies() {
    for (PicShareTable table : PicShareTables.all()) {
      byte[][] splits = table.splitKeys();
      if (splits.length == 0) {
        continue;
      }
      for (int i = 1; i < splits.length; i++) {
        assertThat(Bytes.compareTo(splits[i - 1], splits[i])).isNegative();
      }
      splits[0][0] = 0x7f;
      assertThat(table.splitKeys()[0][0]).isNotEqualTo((byte) 0x7f);
    }
  }

  private static List<String> familyNames(TableDescriptor descriptor) {
    return Arrays.stream(descriptor.getColumnFamilies())
        .map(ColumnFamilyDescriptor::getNameAsString)
        .toList();
  }

  private static List<String> strings(byte[]... values) {
    return Arrays.stream(values).map(Bytes::toString).toList();
  }
}
