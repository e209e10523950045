package io.picshare.stack;

/** A stack node died or never became ready; the message names it and quotes its log. */
public final class NodeFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NodeFailedException(NodeProcess node, String what) {
    super(node.name() + " " + what + "; last lines of " + node.logFile() + ":\n" + node.tail(25));
  }
}
