package io.picshare.data.search;

/** JSON string literals (RFC 8259) for the documents and requests sent to Solr's JSON handlers. */
public final class SolrJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SolrJson() {}

  /** {@code value} as a JSON string literal. */
  public static String string(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2);
    appendString(json, value);
    return json.toString();
  }

  /** Appends {@code value} to {@code json} as a JSON string literal. */
  public static void appendString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
