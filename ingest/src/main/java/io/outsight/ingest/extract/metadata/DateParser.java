package io.outsight.ingest.extract.metadata;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the date formats pages use in metadata and bylines (ISO-8601 with or without offset or seconds, RFC 1123,
 * compact {@code yyyyMMdd}, Unix epoch seconds, English month names in either order, numeric day.month.year) into
 * UTC instants, and rejects implausible ones: later than the clock's now (plus a day of slack for time zones) or
 * before 1990. A date without time is midnight UTC; a time without offset is taken as UTC (a guess; pages that care
 * give an offset). Thread-safe.
 */
public final class DateParser {

    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*"
                    + "(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:T?(\\d{2})(\\d{2})(\\d{2})?Z?)?");
    private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?"
                    + "\\s+(\\d{4})");
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
                    + "\\.?,?\\s+(\\d{4})");
    private static final Pattern NUMERIC_DMY = Pattern.compile("\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\b");
    private static final Pattern CLOCK_TIME = Pattern.compile(
            "(?i)\\b(\\d{1,2})[:.](\\d{2})(?::(\\d{2}))?\\s*([ap])\\.?m\\.?"
                    + "|\\b(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\b");
    private static final Pattern ZONE_WORD = Pattern.compile(
            "(?i)\\b(UTC|GMT|Z|EST|EDT|ET|CST|CDT|CT|MST|MDT|PST|PDT|PT|BST|CET|CEST|IST|JST|AEST|AEDT)\\b"
                    + "|([+-]\\d{2}:?\\d{2})\\b");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    /** Offsets of zone abbreviations that news pages print; standard/daylight variants as written. */
    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("UTC", "Z"), Map.entry("GMT", "Z"), Map.entry("Z", "Z"), Map.entry("EST", "-05:00"),
            Map.entry("EDT", "-04:00"), Map.entry("ET", "America/New_York"), Map.entry("CST", "-06:00"),
            Map.entry("CDT", "-05:00"), Map.entry("CT", "America/Chicago"), Map.entry("MST", "-07:00"),
            Map.entry("MDT", "-06:00"), Map.entry("PST", "-08:00"), Map.entry("PDT", "-07:00"),
            Map.entry("PT", "America/Los_Angeles"), Map.entry("BST", "+01:00"), Map.entry("CET", "+01:00"),
            Map.entry("CEST", "+02:00"), Map.entry("IST", "+05:30"), Map.entry("JST", "+09:00"),
            Map.entry("AEST", "+10:00"), Map.entry("AEDT", "+11:00"));

    private final Clock clock;

    public DateParser(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Parses a machine-readable or written date; empty when unparseable or implausible. */
    public Optional<Instant> parse(String value) {
        Objects.requireNonNull(value, "value");
        String s = value.strip();
        if (s.isEmpty() || s.length() > 200) {
            return Optional.empty();
        }
        return parseAny(s).filter(this::plausible);
    }

    /** Whether a date can be a publication date: not in the future, not before the web went public. */
    public boolean plausible(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(clock.instant().plus(FUTURE_SLACK));
    }

    private static Optional<Instant> parseAny(String s) {
        try {
            Matcher m = ISO.matcher(s);
            if (m.find()) {
                return Optional.of(fromIso(m));
            }
            if (EPOCH.matcher(s).matches()) {
                long n = Long.parseLong(s);
                return Optional.of(s.length() == 13 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n));
            }
            m = COMPACT.matcher(s);
            if (m.matches()) {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return Optional.of(date.atTime(time).toInstant(ZoneOffset.UTC));
            }
            try {
                return Optional.of(ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeException ignored) {
                // not RFC 1123; try written forms
            }
            return written(s);
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Instant fromIso(Matcher m) {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        String zone = m.group(7);
        ZoneOffset offset = ZoneOffset.UTC;
        if (zone != null && !zone.equals("Z") && !zone.equals("UTC") && !zone.equals("GMT")) {
            String z = zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
            offset = ZoneOffset.of(z);
        }
        return OffsetDateTime.of(date, time, offset).toInstant();
    }

    /** Dates as written for people: "Nov. 19, 2019 9:03 am ET", "19 November 2019", "19.11.2019 09:03". */
    private static Optional<Instant> written(String s) {
        LocalDate date = null;
        Matcher m = MONTH_FIRST.matcher(s);
        if (m.find()) {
            date = LocalDate.of(Integer.parseInt(m.group(3)), MONTHS.get(m.group(1).toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group(2)));
        } else if ((m = DAY_FIRST.matcher(s)).find()) {
            date = LocalDate.of(Integer.parseInt(m.group(3)), MONTHS.get(m.group(2).toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group(1)));
        } else if ((m = NUMERIC_DMY.matcher(s)).find()) {
            // Day first: the order of most of the world; month-first pages usually write the month in words.
            date = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1)));
        }
        if (date == null) {
            return Optional.empty();
        }
        String rest = s.substring(0, m.start()) + " " + s.substring(m.end());
        LocalTime time = LocalTime.MIDNIGHT;
        Matcher t = CLOCK_TIME.matcher(rest);
        if (t.find()) {
            if (t.group(4) != null) {
                int hour = Integer.parseInt(t.group(1)) % 12 + (t.group(4).equalsIgnoreCase("p") ? 12 : 0);
                time = LocalTime.of(hour, Integer.parseInt(t.group(2)),
                        t.group(3) == null ? 0 : Integer.parseInt(t.group(3)));
            } else {
                time = LocalTime.of(Integer.parseInt(t.group(5)), Integer.parseInt(t.group(6)),
                        t.group(7) == null ? 0 : Integer.parseInt(t.group(7)));
            }
        }
        LocalDateTime local = date.atTime(time);
        Matcher z = ZONE_WORD.matcher(rest);
        if (z.find()) {
            String zone = z.group(1) != null ? ZONES.get(z.group(1).toUpperCase(Locale.ROOT)) : z.group(2);
            if (zone != null) {
                ZoneId id = zone.contains("/") ? ZoneId.of(zone)
                        : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                return Optional.of(local.atZone(id).toInstant());
            }
        }
        return Optional.of(local.toInstant(ZoneOffset.UTC));
    }
}
