package io.picshare.data.hbase;

import io.picshare.schema.table.UsersTable;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/** Reads the 8-byte counters of a user row; a counter never incremented is 0. */
final class Counters {
  private Counters() {}

  static long read(Result result, byte[] qualifier) {
    byte[] value = result.getValue(UsersTable.COUNTERS, qualifier);
    return value == null ? 0 : Bytes.toLong(value);
  }
}
