package io.picshare.batch.search;

import io.picshare.data.search.PhotoDocument;
import io.picshare.data.search.SolrCoreClient;
import io.picshare.schema.table.UsersTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.mapreduce.TableMapper;
import org.apache.hadoop.io.NullWritable;

/**
 * The map task of a reindex, over {@code picshare:photos}: each live photo row becomes its {@link
 * PhotoDocument} (the owner's username from {@link OwnerNames}), and every {@code --batch-size}
 * documents go to Solr in one JSON update. It writes no map output. A Solr error fails the task
 * attempt, which YARN retries; adds are idempotent (a document replaces the one with its id).
 */
public final class ReindexMapper extends TableMapper<NullWritable, NullWritable> {
  /** Owners whose username one task keeps. */
  private static final int OWNER_NAMES_KEPT = 100_000;

  private static final Duration SOLR_TIMEOUT = Duration.ofSeconds(60);

  private final List<PhotoIndexRow.Live> pending = new ArrayList<>();
  private int batchSize;
  private SolrCoreClient solr;
  private Connection hbase;
  private Table users;
  private OwnerNames owners;

  @Override
  protected void setup(Context context) throws IOException {
    ReindexSettings settings = ReindexSettings.from(context.getConfiguration());
    batchSize = settings.batchSize();
    solr = new SolrCoreClient(settings.coreUrl(), SOLR_TIMEOUT);
    hbase = ConnectionFactory.createConnection(context.getConfiguration());
    users = hbase.getTable(UsersTable.NAME);
    owners = new OwnerNames(users, OWNER_NAMES_KEPT);
  }

  @Override
  protected void map(ImmutableBytesWritable row, Result result, Context context)
      throws IOException, InterruptedException {
    context.getCounter(ReindexCounters.PHOTOS_READ).increment(1);
    PhotoIndexRow indexRow = PhotoIndexRow.of(result);
    if (indexRow instanceof PhotoIndexRow.Skipped skipped) {
      context.getCounter(skipped.reason()).increment(1);
      return;
    }
    pending.add((PhotoIndexRow.Live) indexRow);
    if (pending.size() >= batchSize) {
      flush(context);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      flush(context);
    } finally {
      users.close();
      hbase.close();
    }
  }

  private void flush(Context context) throws IOException, InterruptedException {
    if (pending.isEmpty()) {
      return;
    }
    Map<Long, String> names =
        owners.of(pending.stream().map(live -> live.photo().ownerId()).toList());
    List<PhotoDocument> documents = new ArrayList<>(pending.size());
    for (PhotoIndexRow.Live live : pending) {
      documents.add(live.document(names.get(live.photo().ownerId())));
    }
    solr.add(documents);
    context.getCounter(ReindexCounters.DOCUMENTS_WRITTEN).increment(documents.size());
    pending.clear();
  }
}
