package io.picshare.api.http;

import java.util.Optional;

/**
 * One satisfiable byte range of a representation of {@code size} bytes, parsed from a {@code Range}
 * header (RFC 9110 §14). Unparseable or multi-range headers are ignored (the whole representation
 * is sent), as the RFC allows.
 */
record ByteRange(long first, long last, long size) {
  /** The range asked for; empty if the header is absent or ignored. */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = header.substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String start = spec.substring(0, dash).strip();
      String end = spec.substring(dash + 1).strip();
      if (start.isEmpty()) {
        long suffix = Long.parseLong(end);
        if (suffix <= 0) {
          throw new Unsatisfiable(size);
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, size));
      }
      long first = Long.parseLong(start);
      long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
      if (first < 0 || (!end.isEmpty() && Long.parseLong(end) < first)) {
        return Optional.empty();
      }
      if (first >= size) {
        throw new Unsatisfiable(size);
      }
      return Optional.of(new ByteRange(first, last, size));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  long length() {
    return last - first + 1;
  }

  String contentRange() {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** The header asks only for bytes past the end. */
  static final class Unsatisfiable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long size;

    Unsatisfiable(long size) {
      super("no requested byte is within the " + size + " bytes of the content");
      this.size = size;
    }
  }
}
