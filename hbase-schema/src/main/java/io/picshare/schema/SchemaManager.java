package io.picshare.schema;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.table.PicShareTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptor;

/**
 * Creates and checks the PicShare schema on a live cluster. {@link #create()} is idempotent: it
 * adds the namespace, missing tables and missing column families of existing tables (new columns of
 * a newer release), and never changes or drops anything that exists; {@link #verify()} reports how
 * the live schema differs from the code. Blocking; does not close the {@link Admin}.
 */
public final class SchemaManager {
  private final Admin admin;
  private final List<PicShareTable> tables;

  public SchemaManager(Admin admin) {
    this(admin, PicShareTables.all());
  }

  public SchemaManager(Admin admin, List<PicShareTable> tables) {
    this.admin = requireNonNull(admin, "admin is null");
    this.tables = List.copyOf(requireNonNull(tables, "tables is null"));
  }

  /** Creates the namespace and every missing table (pre-split); returns one line per object. */
  public List<String> create() throws IOException {
    List<String> actions = new ArrayList<>();
    actions.add(createNamespace());
    for (PicShareTable table : tables) {
      actions.add(createTable(table));
    }
    return actions;
  }

  /** The differences between the live schema and the code, one per line; empty when they match. */
  public List<String> verify() throws IOException {
    List<String> differences = new ArrayList<>();
    if (!namespaceExists()) {
      differences.add("missing namespace " + PicShareTable.NAMESPACE);
    }
    for (PicShareTable table : tables) {
      TableName name = table.name();
      if (!admin.tableExists(name)) {
        differences.add("missing table " + name);
        continue;
      }
      if (admin.isTableDisabled(name)) {
        differences.add("table " + name + " is disabled");
      }
      differences.addAll(
          TableDescriptorDiff.differences(table.descriptor(), admin.getDescriptor(name)));
    }
    return differences;
  }

  /** A human-readable listing of each table: live state, region count and column families. */
  public String describe() throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("namespace ")
        .append(PicShareTable.NAMESPACE)
        .append(namespaceExists() ? "" : " (missing)")
        .append('\n');
    for (PicShareTable table : tables) {
      TableName name = table.name();
      int plannedRegions = table.splitKeys().length + 1;
      TableDescriptor descriptor;
      if (admin.tableExists(name)) {
        descriptor = admin.getDescriptor(name);
        out.append(
            String.format(
                "%s: %s, %d regions (created with %d)%n",
                name,
                admin.isTableEnabled(name) ? "enabled" : "disabled",
                admin.getRegions(name).size(),
                plannedRegions));
      } else {
        descriptor = table.descriptor();
        out.append(String.format("%s: missing (code: %d regions)%n", name, plannedRegions));
      }
      for (ColumnFamilyDescriptor family : descriptor.getColumnFamilies()) {
        out.append("  ").append(FamilySettings.format(family)).append('\n');
      }
    }
    return out.toString();
  }

  private String createNamespace() throws IOException {
    String namespace = PicShareTable.NAMESPACE;
    if (namespaceExists()) {
      return "namespace " + namespace + " exists";
    }
    try {
      admin.createNamespace(NamespaceDescriptor.create(namespace).build());
      return "created namespace " + namespace;
    } catch (NamespaceExistException e) {
      return "namespace " + namespace + " exists (created concurrently)";
    }
  }

  private String createTable(PicShareTable table) throws IOException {
    TableName name = table.name();
    if (admin.tableExists(name)) {
      return addMissingFamilies(table);
    }
    byte[][] splitKeys = table.splitKeys();
    try {
      admin.createTable(table.descriptor(), splitKeys);
      return "created table " + name + " with " + (splitKeys.length + 1) + " regions";
    } catch (TableExistsException e) {
      return "table " + name + " exists (created concurrently), left unchanged";
    }
  }

  private String addMissingFamilies(PicShareTable table) throws IOException {
    TableName name = table.name();
    TableDescriptor live = admin.getDescriptor(name);
    List<String> added = new ArrayList<>();
    for (ColumnFamilyDescriptor family : table.descriptor().getColumnFamilies()) {
      if (!live.hasColumnFamily(family.getName())) {
        admin.addColumnFamily(name, family);
        added.add(family.getNameAsString());
      }
    }
    return added.isEmpty()
        ? "table " + name + " exists, left unchanged"
        : "table " + name + " exists, added families " + String.join(", ", added);
  }

  private boolean namespaceExists() throws IOException {
    return Arrays.stream(admin.listNamespaceDescriptors())
        .anyMatch(namespace -> namespace.getName().equals(PicShareTable.NAMESPACE));
  }
}
