package vn.lienthong.client;

import java.util.List;

/** The units changed since a version, and the directory's current version to sync from next. */
public record Directory(long version, List<UnitRecord> units) {
  public Directory {
    units = List.copyOf(units);
  }
}
