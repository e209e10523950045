package io.picshare.schema.record;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellComparator;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;

/** Turns a {@link Put} into the {@link Result} a get of the written row would return. */
final class PutResults {
  private PutResults() {}

  static Result toResult(Put put) {
    return Result.create(sortedCells(put));
  }

  /**
   * The put's cells in HBase order, as a Result needs them (it looks cells up by binary search).
   */
  static List<Cell> sortedCells(Put put) {
    List<Cell> cells = new ArrayList<>();
    put.getFamilyCellMap().values().forEach(cells::addAll);
    cells.sort(CellComparator.getInstance());
    return cells;
  }
}
