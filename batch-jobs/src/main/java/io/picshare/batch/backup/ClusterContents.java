package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.table.LeasesTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;

/**
 * Whether a cluster's PicShare tables already hold data, which a restore would replace. A table
 * holds data if a scan finds one row; a disabled table cannot be scanned and counts as holding
 * data. {@code picshare:leases} does not count: an API that merely started leaves its worker-id
 * leases there, and they are coordination state, not anyone's data.
 */
final class ClusterContents {
  private final Connection connection;

  ClusterContents(Connection connection) {
    this.connection = requireNonNull(connection, "connection is null");
  }

  /** Of {@code tables}, those that exist and hold data, each with why it counts. */
  List<String> tablesWithData(Collection<TableName> tables) throws IOException {
    List<String> found = new ArrayList<>();
    try (Admin admin = connection.getAdmin()) {
      for (TableName name : tables) {
        if (name.equals(LeasesTable.NAME) || !admin.tableExists(name)) {
          continue;
        }
        if (admin.isTableDisabled(name)) {
          found.add(name + " (disabled: cannot tell whether it is empty)");
        } else if (hasRow(name)) {
          found.add(name.getNameAsString());
        }
      }
    }
    return found;
  }

  private boolean hasRow(TableName name) throws IOException {
    Scan scan = new Scan().setOneRowLimit().setFilter(new FirstKeyOnlyFilter());
    try (Table table = connection.getTable(name);
        ResultScanner scanner = table.getScanner(scan)) {
      return scanner.next() != null;
    }
  }
}
