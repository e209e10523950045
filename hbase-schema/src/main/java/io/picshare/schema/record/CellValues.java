package io.picshare.schema.record;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Reads typed cell values out of a {@link Result}, failing clearly on absent or malformed cells.
 */
final class CellValues {
  private final Result result;
  private final byte[] family;

  CellValues(Result result, byte[] family) {
    this.result = result;
    this.family = family;
  }

  byte[] bytes(byte[] qualifier) {
    byte[] value = result.getValue(family, qualifier);
    if (value == null) {
      throw new IllegalArgumentException(
          "row " + Bytes.toStringBinary(result.getRow()) + " has no cell " + column(qualifier));
    }
    return value;
  }

  String string(byte[] qualifier) {
    return new String(bytes(qualifier), StandardCharsets.UTF_8);
  }

  long longValue(byte[] qualifier) {
    return Bytes.toLong(sized(bytes(qualifier), Long.BYTES, qualifier));
  }

  int intValue(byte[] qualifier) {
    return Bytes.toInt(sized(bytes(qualifier), Integer.BYTES, qualifier));
  }

  /** The double in the cell, or null if the cell is absent. */
  Double optionalDouble(byte[] qualifier) {
    byte[] value = result.getValue(family, qualifier);
    return value == null ? null : Bytes.toDouble(sized(value, Double.BYTES, qualifier));
  }

  private byte[] sized(byte[] value, int size, byte[] qualifier) {
    if (value.length != size) {
      throw new IllegalArgumentException(
          "cell " + column(qualifier) + " must be " + size + " bytes, was " + value.length);
    }
    return value;
  }

  private String column(byte[] qualifier) {
    return Bytes.toString(family) + ":" + Bytes.toString(qualifier);
  }
}
