package io.jenkins.plugins.orchestra.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations users write: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code PT10S}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");

    private Durations() {}

    /**
     * Parses {@code text}, or throws {@link IllegalArgumentException} whose message says what is accepted. The caller
     * names the field.
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required, such as '30s', '5m' or '1h30m'");
        }
        String compact = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (compact.startsWith("pt") || compact.startsWith("p")) {
            try {
                return Duration.parse(compact.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (compact.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(compact));
            } catch (NumberFormatException e) {
                throw tooLong(text);
            }
        }
        if (!WHOLE.matcher(compact).matches()) {
            throw invalid(text);
        }
        try {
            Duration total = Duration.ZERO;
            Matcher m = PART.matcher(compact);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(
                        switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
            }
            return total;
        } catch (ArithmeticException | NumberFormatException e) {
            throw tooLong(text);
        }
    }

    /** Formats for people: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        // Whole seconds first: toMillis() overflows for durations past about 292 million years.
        long s = d.getSeconds();
        if (s < 1) {
            return d.toMillis() + "ms";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text + "' is too long for a duration");
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a duration; write a number with a unit (ms, s, m, h, d) such as '30s' or '1h30m'");
    }
}
