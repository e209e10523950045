package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * When {@code picshare up} runs the nightly batch jobs: every day at a local time ({@code --nightly
 * 03:00}), or never ({@code --nightly off}).
 */
public record NightlySchedule(Optional<LocalTime> time) {
  public static final NightlySchedule DEFAULT =
      new NightlySchedule(Optional.of(LocalTime.of(3, 0)));
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  public NightlySchedule {
    requireNonNull(time, "time is null");
  }

  /**
   * {@code HH:mm} (24-hour local time) or {@code off}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static NightlySchedule parse(String value) {
    if (value.equalsIgnoreCase("off")) {
      return new NightlySchedule(Optional.empty());
    }
    try {
      return new NightlySchedule(Optional.of(LocalTime.parse(value, HH_MM)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected HH:mm (e.g. 03:00) or off, got: " + value);
    }
  }

  /**
   * The first run strictly after {@code now}, in {@code now}'s zone (on a day whose clocks skip the
   * time, the time the skip moves it to), or empty if off.
   */
  public Optional<ZonedDateTime> nextRun(ZonedDateTime now) {
    return time.map(
        at -> {
          ZonedDateTime today = now.toLocalDate().atTime(at).atZone(now.getZone());
          return today.isAfter(now)
              ? today
              : now.toLocalDate().plusDays(1).atTime(at).atZone(now.getZone());
        });
  }

  @Override
  public String toString() {
    return time.map(HH_MM::format).orElse("off");
  }

  /** The picocli form of {@link #parse}. */
  public static final class Converter implements ITypeConverter<NightlySchedule> {
    @Override
    public NightlySchedule convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
