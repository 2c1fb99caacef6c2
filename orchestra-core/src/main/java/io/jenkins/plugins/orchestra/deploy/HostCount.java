package io.jenkins.plugins.orchestra.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of hosts as users write it: a count ({@code 2}) or a percentage of the target's hosts ({@code '25%'}).
 *
 * @param value the count, or the percentage (0 to 100)
 * @param percent whether {@code value} is a percentage
 */
public record HostCount(int value, boolean percent) {
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");

    public HostCount {
        if (value < 0) {
            throw new IllegalArgumentException("a number of hosts must not be negative, was " + value);
        }
        if (percent && value > 100) {
            throw new IllegalArgumentException("a percentage of hosts must be at most 100%, was " + value + "%");
        }
    }

    public static HostCount count(int value) {
        return new HostCount(value, false);
    }

    public static HostCount percentage(int value) {
        return new HostCount(value, true);
    }

    /**
     * Reads {@code 2}, {@code '2'} or {@code '25%'}; the message names {@code field}.
     *
     * @param atLeastOne whether zero (and {@code 0%}) is refused
     */
    public static HostCount parse(String field, Object value, boolean atLeastOne) {
        String text = value == null ? "null" : value.toString().strip();
        HostCount parsed = null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long n = ((Number) value).longValue();
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                parsed = count((int) n);
            }
        } else if (value instanceof CharSequence) {
            Matcher m = PERCENT.matcher(text);
            if (m.matches() && Integer.parseInt(m.group(1)) <= 100) {
                parsed = percentage(Integer.parseInt(m.group(1)));
            } else if (COUNT.matcher(text).matches()) {
                parsed = count(Integer.parseInt(text));
            }
        }
        if (parsed == null || (atLeastOne && parsed.value == 0)) {
            throw new IllegalArgumentException("deploy: " + field + " must be a count or a percentage such as '25%'"
                    + (atLeastOne ? ", at least 1" : "") + ", was '" + text + "'");
        }
        return parsed;
    }

    /**
     * How many of {@code hosts} hosts this is. A percentage rounds up when {@code roundUp} (a batch of 25% of 3 hosts is
     * 1 host), else down (25% of 3 hosts may fail: none); a count is capped at {@code hosts}.
     */
    public int of(int hosts, boolean roundUp) {
        if (!percent) {
            return Math.min(value, hosts);
        }
        long scaled = (long) hosts * value;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    /** As users write it: {@code 2} or {@code 25%}. */
    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
