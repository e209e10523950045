package io.picshare.schema;

import io.picshare.schema.table.FeedSnapshotsTable;
import io.picshare.schema.table.FeedsTable;
import io.picshare.schema.table.FollowersTable;
import io.picshare.schema.table.FollowingTable;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.IdempotencyTable;
import io.picshare.schema.table.InboxTable;
import io.picshare.schema.table.LeasesTable;
import io.picshare.schema.table.LikesTable;
import io.picshare.schema.table.OutboxDeadLettersTable;
import io.picshare.schema.table.OutboxTable;
import io.picshare.schema.table.PhotoIdsTable;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.PicShareTable;
import io.picshare.schema.table.UsernamesTable;
import io.picshare.schema.table.UsersTable;
import io.picshare.schema.table.WebhookDeliveriesTable;
import io.picshare.schema.table.WebhookQueueTable;
import io.picshare.schema.table.WebhooksTable;
import java.util.List;

/** The complete PicShare schema: every table the schema tool creates and verifies. */
public final class PicShareTables {
  private PicShareTables() {}

  /** Every PicShare table, in creation order. */
  public static List<PicShareTable> all() {
    return List.of(
        new UsersTable(),
        new UsernamesTable(),
        new PhotosTable(),
        new PhotoIdsTable(),
        new IdempotencyTable(),
        new OutboxTable(),
        new OutboxDeadLettersTable(),
        new LeasesTable(),
        new FollowsTable(),
        new FollowingTable(),
        new FollowersTable(),
        new LikesTable(),
        new InboxTable(),
        new FeedsTable(),
        new FeedSnapshotsTable(),
        new WebhooksTable(),
        new WebhookDeliveriesTable(),
        new WebhookQueueTable());
  }
}
