package io.picshare.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptor;

/**
 * Lists how a live table descriptor differs from the one in code: missing or unexpected families
 * and differing {@link FamilySettings}; empty when they match.
 */
final class TableDescriptorDiff {
  private TableDescriptorDiff() {}

  static List<String> differences(TableDescriptor expected, TableDescriptor actual) {
    String table = expected.getTableName().getNameAsString();
    List<String> differences = new ArrayList<>();
    for (ColumnFamilyDescriptor wanted : expected.getColumnFamilies()) {
      ColumnFamilyDescriptor live = actual.getColumnFamily(wanted.getName());
      if (live == null) {
        differences.add(table + ": missing family " + wanted.getNameAsString());
        continue;
      }
      Map<String, String> liveSettings = FamilySettings.of(live);
      FamilySettings.of(wanted)
          .forEach(
              (setting, value) -> {
                String liveValue = liveSettings.get(setting);
                if (!value.equals(liveValue)) {
                  differences.add(
                      String.format(
                          "%s: family %s has %s=%s, expected %s",
                          table, wanted.getNameAsString(), setting, liveValue, value));
                }
              });
    }
    for (ColumnFamilyDescriptor live : actual.getColumnFamilies()) {
      if (!expected.hasColumnFamily(live.getName())) {
        differences.add(table + ": unexpected family " + live.getNameAsString());
      }
    }
    return differences;
  }
}
