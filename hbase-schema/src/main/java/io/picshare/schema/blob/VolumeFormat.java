package io.picshare.schema.blob;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The byte layout of a volume file, the large immutable file the pack job appends photos into
 * (docs/storage-format.md, "Volumes"). All integers big-endian.
 *
 * <pre>
 * header   32 bytes   magic "PSVOL001" (8), volume id (16: UUID msb, lsb), created ms (8)
 * record   25 + n     magic "PSR1" (4), kind (1), photo id (8), n (8), CRC32C of data (4), data (n)
 * ...
 * index    29 × k     per record: kind (1), photo id (8), data offset (8), n (8), CRC32C (4)
 * trailer  24 bytes   k (4), index offset (8), CRC32C of the index (4), magic "PSVOLEND" (8)
 * </pre>
 *
 * A photo's location is (volume path, data offset, n): a read is one positioned read of the data.
 * The trailer finds the index; {@link #scanRecords} rebuilds the index from the records alone.
 */
public final class VolumeFormat {
  public static final int HEADER_LENGTH = 32;
  public static final int RECORD_HEADER_LENGTH = 25;
  public static final int INDEX_ENTRY_LENGTH = 29;
  public static final int TRAILER_LENGTH = 24;

  private static final byte[] MAGIC = "PSVOL001".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_MAGIC = "PSVOLEND".getBytes(StandardCharsets.US_ASCII);
  private static final int RECORD_MAGIC = 0x50535231; // "PSR1"

  /** What a record holds. */
  public enum Kind {
    /** A photo's original upload. */
    ORIGINAL(0),
    /** A photo's display renditions file (docs/storage-format.md), whole. */
    RENDITIONS(1);

    private final byte code;

    Kind(int code) {
      this.code = (byte) code;
    }

    static Kind of(byte code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown record kind " + code);
    }
  }

  /** One record: {@code length} bytes of data at {@code dataOffset}, with their CRC32C. */
  public record Entry(Kind kind, long photoId, long dataOffset, long length, int crc32c) {
    public Entry {
      requireNonNull(kind, "kind is null");
      if (dataOffset < HEADER_LENGTH + RECORD_HEADER_LENGTH || length < 0) {
        throw new IllegalArgumentException("bad record range: " + dataOffset + "+" + length);
      }
    }
  }

  /** The volume's identity, from its header. */
  public record Header(UUID volumeId, long createdMillis) {}

  private VolumeFormat() {}

  public static byte[] header(UUID volumeId, long createdMillis) {
    return ByteBuffer.allocate(HEADER_LENGTH)
        .put(MAGIC)
        .putLong(volumeId.getMostSignificantBits())
        .putLong(volumeId.getLeastSignificantBits())
        .putLong(createdMillis)
        .array();
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} do not start with a volume header
   */
  public static Header readHeader(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not a PicShare volume (bad header magic)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_LENGTH - MAGIC.length);
    return new Header(new UUID(buffer.getLong(), buffer.getLong()), buffer.getLong());
  }

  /** The bytes written before a record's data. */
  public static byte[] recordHeader(Kind kind, long photoId, long length, int crc32c) {
    return ByteBuffer.allocate(RECORD_HEADER_LENGTH)
        .putInt(RECORD_MAGIC)
        .put(kind.code)
        .putLong(photoId)
        .putLong(length)
        .putInt(crc32c)
        .array();
  }

  /** The index and trailer that end a volume holding {@code entries}, written at {@code at}. */
  public static byte[] footer(List<Entry> entries, long at) {
    ByteBuffer index = ByteBuffer.allocate(entries.size() * INDEX_ENTRY_LENGTH);
    for (Entry entry : entries) {
      index
          .put(entry.kind().code)
          .putLong(entry.photoId())
          .putLong(entry.dataOffset())
          .putLong(entry.length())
          .putInt(entry.crc32c());
    }
    byte[] indexBytes = index.array();
    return ByteBuffer.allocate(indexBytes.length + TRAILER_LENGTH)
        .put(indexBytes)
        .putInt(entries.size())
        .putLong(at)
        .putInt(crc32c(indexBytes, 0, indexBytes.length))
        .put(END_MAGIC)
        .array();
  }

  /** Where the index starts and how many entries it has, from the last 24 bytes of a volume. */
  public record Trailer(int entries, long indexOffset, int indexCrc32c) {}

  /**
   * @throws IllegalArgumentException if {@code trailer} is not a volume's trailer (e.g. the volume
   *     was never finished)
   */
  public static Trailer readTrailer(byte[] trailer) {
    if (trailer.length != TRAILER_LENGTH
        || !Arrays.equals(
            Arrays.copyOfRange(trailer, TRAILER_LENGTH - END_MAGIC.length, TRAILER_LENGTH),
            END_MAGIC)) {
      throw new IllegalArgumentException("not a finished PicShare volume (bad trailer magic)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(trailer);
    return new Trailer(buffer.getInt(), buffer.getLong(), buffer.getInt());
  }

  /**
   * @throws IllegalArgumentException if the index bytes do not match the trailer
   */
  public static List<Entry> readIndex(byte[] index, Trailer trailer) {
    if (index.length != trailer.entries() * INDEX_ENTRY_LENGTH
        || crc32c(index, 0, index.length) != trailer.indexCrc32c()) {
      throw new IllegalArgumentException("volume index is corrupt");
    }
    ByteBuffer buffer = ByteBuffer.wrap(index);
    List<Entry> entries = new ArrayList<>(trailer.entries());
    for (int i = 0; i < trailer.entries(); i++) {
      entries.add(
          new Entry(
              Kind.of(buffer.get()),
              buffer.getLong(),
              buffer.getLong(),
              buffer.getLong(),
              buffer.getInt()));
    }
    return entries;
  }

  /**
   * Reads a volume from its start, checking every record's CRC32C, and returns the index its
   * records make (stopping at the first byte that does not begin a record: the index, or the end of
   * a volume whose writer died).
   *
   * @throws IllegalArgumentException if the header or a record is corrupt
   */
  public static List<Entry> scanRecords(InputStream volume) throws IOException {
    DataInputStream in = new DataInputStream(volume);
    byte[] header = in.readNBytes(HEADER_LENGTH);
    readHeader(header);
    long position = HEADER_LENGTH;
    List<Entry> entries = new ArrayList<>();
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      int magic;
      try {
        magic = in.readInt();
      } catch (EOFException end) {
        return entries;
      }
      if (magic != RECORD_MAGIC) {
        return entries;
      }
      Kind kind = Kind.of(in.readByte());
      long photoId = in.readLong();
      long length = in.readLong();
      int expected = in.readInt();
      CRC32C crc = new CRC32C();
      long left = length;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new IllegalArgumentException(
              "volume ends inside the record of photo " + photoId + " at " + position);
        }
        crc.update(buffer, 0, read);
        left -= read;
      }
      if ((int) crc.getValue() != expected) {
        throw new IllegalArgumentException(
            "CRC32C mismatch in the record of photo " + photoId + " at " + position);
      }
      entries.add(new Entry(kind, photoId, position + RECORD_HEADER_LENGTH, length, expected));
      position += RECORD_HEADER_LENGTH + length;
    }
  }

  public static int crc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
