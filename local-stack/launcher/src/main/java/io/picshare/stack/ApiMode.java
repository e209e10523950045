package io.picshare.stack;

/** How the local stack runs the PicShare API. */
public enum ApiMode {
  /** No API: just the backends (what most integration tests need). */
  NONE,
  /** One API process serving reads and writes. */
  ALL,
  /** A read-role and a write-role API process on their own ports, as in production. */
  SPLIT
}
