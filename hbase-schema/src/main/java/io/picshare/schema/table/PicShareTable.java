package io.picshare.schema.table;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;

/**
 * One PicShare HBase table as code: its name (always in namespace {@value #NAMESPACE}), the
 * descriptor the schema tool creates and verifies, and the split keys it is pre-split on.
 */
public interface PicShareTable {
  /** The HBase namespace holding every PicShare table. */
  String NAMESPACE = "picshare";

  TableName name();

  TableDescriptor descriptor();

  /** Split keys for pre-splitting at creation: n keys give n + 1 regions. Returns a fresh copy. */
  byte[][] splitKeys();
}
