package io.picshare.data.search;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.id.PublicIds;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One photo's document in the Solr photos core ({@code solr-config/}), the one shape the workers'
 * indexer and the reindex job both write: keyed by the photo's public id, with the owner's public
 * id and lower-cased username, the title as typed, the upload time and the like count. {@link
 * #INDEXED_AT} is not part of it: Solr stamps every document it adds with its own clock (the
 * field's {@code default="NOW"}), which is how the reindex job finds documents it did not write.
 */
public record PhotoDocument(
    long photoId, long ownerId, String owner, String title, long createdAtMillis, long likes) {
  /** The photo's public id: the unique key. */
  public static final String ID = "id";

  /** The owner's public id. */
  public static final String OWNER_ID = "owner_id";

  /** The owner's username, lower-cased. */
  public static final String OWNER = "owner";

  /** The title as typed; searched by its words. */
  public static final String TITLE = "title";

  /** Upload time (a Solr date). */
  public static final String CREATED_AT = "created_at";

  /** Likes, capped at {@link Integer#MAX_VALUE}. */
  public static final String LIKE_COUNT = "like_count";

  /** When Solr last added the document, by Solr's clock; never written by a client. */
  public static final String INDEXED_AT = "indexed_at";

  public PhotoDocument {
    requireNonNull(owner, "owner is null");
    requireNonNull(title, "title is null");
  }

  /**
   * The document's fields in schema order: strings, an {@link Integer} like count and a {@link
   * Date} upload time (the value types SolrJ writes as Solr's).
   */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(ID, PublicIds.encode(photoId));
    fields.put(OWNER_ID, PublicIds.encode(ownerId));
    fields.put(OWNER, owner.toLowerCase(Locale.ROOT));
    fields.put(TITLE, title);
    fields.put(CREATED_AT, new Date(createdAtMillis));
    fields.put(LIKE_COUNT, (int) Math.min(Integer.MAX_VALUE, Math.max(0, likes)));
    return fields;
  }

  /**
   * The document as a JSON object for Solr's JSON update handler ({@code /update} with a JSON array
   * of such objects): the same {@link #fields()}, the date as ISO-8601 UTC.
   */
  public String toJson() {
    StringBuilder json = new StringBuilder(128 + title.length());
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : fields().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      SolrJson.appendString(json, field.getKey());
      json.append(':');
      Object value = field.getValue();
      if (value instanceof Integer number) {
        json.append(number.intValue());
      } else if (value instanceof Date date) {
        SolrJson.appendString(json, date.toInstant().toString());
      } else {
        SolrJson.appendString(json, (String) value);
      }
    }
    return json.append('}').toString();
  }
}
