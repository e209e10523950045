package io.picshare.schema;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.RegionInfo;
import org.apache.hadoop.hbase.client.RegionInfoBuilder;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/**
 * A fake {@link Admin} holding namespaces and tables in memory, implementing only the calls {@link
 * SchemaManager} makes, with the exceptions HBase 2.6 documents for them; anything else throws
 * {@link UnsupportedOperationException}. {@link SchemaManagerContractTest} states the behaviour
 * expected of it and of a real cluster alike.
 */
final class InMemoryAdmin implements InvocationHandler {
  private final Set<String> namespaces = new LinkedHashSet<>(List.of("default", "hbase"));
  private final Map<TableName, TableDescriptor> tables = new LinkedHashMap<>();
  private final Map<TableName, Integer> regionCounts = new LinkedHashMap<>();

  static Admin create() {
    return (Admin)
        Proxy.newProxyInstance(
            Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, new InMemoryAdmin());
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
    String call = method.getName() + "/" + (args == null ? 0 : args.length);
    switch (call) {
      case "listNamespaceDescriptors/0":
        return namespaces.stream()
            .map(name -> NamespaceDescriptor.create(name).build())
            .toArray(NamespaceDescriptor[]::new);
      case "createNamespace/1":
        String namespace = ((NamespaceDescriptor) args[0]).getName();
        if (!namespaces.add(namespace)) {
          throw new NamespaceExistException(namespace);
        }
        return null;
      case "tableExists/1":
        return tables.containsKey((TableName) args[0]);
      case "createTable/2":
        TableDescriptor descriptor = (TableDescriptor) args[0];
        TableName name = descriptor.getTableName();
        if (!namespaces.contains(name.getNamespaceAsString())) {
          throw new NamespaceNotFoundException(name.getNamespaceAsString());
        }
        if (tables.containsKey(name)) {
          throw new TableExistsException(name);
        }
        tables.put(name, descriptor);
        regionCounts.put(name, ((byte[][]) args[1]).length + 1);
        return null;
      case "modifyTable/1":
        TableDescriptor modified = (TableDescriptor) args[0];
        existing(modified.getTableName());
        tables.put(modified.getTableName(), modified);
        return null;
      case "addColumnFamily/2":
        TableName target = (TableName) args[0];
        tables.put(
            target,
            TableDescriptorBuilder.newBuilder(existing(target))
                .setColumnFamily((ColumnFamilyDescriptor) args[1])
                .build());
        return null;
      case "getDescriptor/1":
        return existing((TableName) args[0]);
      case "isTableEnabled/1":
        existing((TableName) args[0]);
        return true;
      case "isTableDisabled/1":
        existing((TableName) args[0]);
        return false;
      case "getRegions/1":
        if (!(args[0] instanceof TableName)) {
          break;
        }
        TableName table = (TableName) args[0];
        existing(table);
        List<RegionInfo> regions = new ArrayList<>();
        for (int i = 0; i < regionCounts.get(table); i++) {
          regions.add(RegionInfoBuilder.newBuilder(table).setRegionId(i).build());
        }
        return Collections.unmodifiableList(regions);
      case "close/0":
        return null;
      default:
        break;
    }
    throw new UnsupportedOperationException(call);
  }

  private TableDescriptor existing(TableName name) throws TableNotFoundException {
    TableDescriptor descriptor = tables.get(name);
    if (descriptor == null) {
      throw new TableNotFoundException(name);
    }
    return descriptor;
  }
}
