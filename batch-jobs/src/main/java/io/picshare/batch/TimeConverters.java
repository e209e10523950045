package io.picshare.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line forms of times and durations the batch jobs take. */
public final class TimeConverters {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhms])");

  private TimeConverters() {}

  /** An ISO-8601 instant ({@code 2026-06-01T03:00:00Z}) or epoch milliseconds. */
  public static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.chars().allMatch(Character::isDigit)
            ? Instant.ofEpochMilli(Long.parseLong(value))
            : Instant.parse(value);
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new TypeConversionException(
            "not an ISO-8601 instant (2026-06-01T03:00:00Z) or epoch milliseconds: " + value);
      }
    }
  }

  /**
   * {@code 7d}, {@code 36h}, {@code 90m}, {@code 45s}, or ISO-8601 ({@code P7D}, {@code PT36H}).
   */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
      try {
        if (shortForm.matches()) {
          long amount = Long.parseLong(shortForm.group(1));
          return switch (shortForm.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
          };
        }
        return Duration.parse(value);
      } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
        throw new TypeConversionException("not a duration like 7d, 36h, 90m, 45s or P7D: " + value);
      }
    }
  }
}
