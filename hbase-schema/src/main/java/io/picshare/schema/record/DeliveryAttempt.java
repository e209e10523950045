package io.picshare.schema.record;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One attempt of a webhook delivery, the cell {@code d:a<number>}:
 *
 * <pre>
 * byte 0       format version, 0x01
 * bytes 1–8    when the attempt started, epoch ms, long
 * bytes 9–12   how long it took, ms, int
 * bytes 13–16  the receiver's HTTP status, int; 0 when there was no response
 * bytes 17…    what went wrong, UTF-8; empty when nothing did (a 2xx answer)
 * </pre>
 *
 * @param statusCode the HTTP status the receiver answered, 0 if none
 * @param error empty for a 2xx answer, else what failed (e.g. {@code HTTP 500}, a timeout)
 */
public record DeliveryAttempt(
    int number, long startedAtMillis, int durationMillis, int statusCode, String error) {
  /** Longer errors are cut to this many characters. */
  public static final int MAX_ERROR_LENGTH = 300;

  private static final byte VERSION = 0x01;
  private static final int HEADER = 1 + Long.BYTES + 2 * Integer.BYTES;

  public DeliveryAttempt {
    if (number < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1: " + number);
    }
    requireNonNull(error, "error is null");
    if (error.length() > MAX_ERROR_LENGTH) {
      error = error.substring(0, MAX_ERROR_LENGTH);
    }
  }

  /** Whether the receiver accepted the delivery (any 2xx status). */
  public boolean succeeded() {
    return statusCode >= 200 && statusCode < 300;
  }

  public byte[] encode() {
    byte[] text = error.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER + text.length)
        .put(VERSION)
        .putLong(startedAtMillis)
        .putInt(durationMillis)
        .putInt(statusCode)
        .put(text)
        .array();
  }

  /**
   * @throws IllegalArgumentException if {@code cell} is not a valid encoding
   */
  public static DeliveryAttempt decode(int number, byte[] cell) {
    if (cell == null || cell.length < HEADER || cell[0] != VERSION) {
      throw new IllegalArgumentException("not a delivery attempt cell");
    }
    ByteBuffer buffer = ByteBuffer.wrap(cell, 1, HEADER - 1);
    return new DeliveryAttempt(
        number,
        buffer.getLong(),
        buffer.getInt(),
        buffer.getInt(),
        new String(Arrays.copyOfRange(cell, HEADER, cell.length), StandardCharsets.UTF_8));
  }
}
