package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Typed reads of the values Groovy passes as named arguments. A read that fails records a problem naming the field and
 * the value, and returns empty; problems keep the order of the reads.
 */
final class Arguments {
    private static final int SHOWN_LENGTH = 80;
    private static final String DURATION = "a duration such as '30s', '5m' or '1h30m', or a whole number of seconds";

    private final List<Problem> problems = new ArrayList<>();

    List<Problem> problems() {
        return problems;
    }

    /** How many problems were found so far; compare before and after reading a part to see whether it failed. */
    int count() {
        return problems.size();
    }

    void problem(String field, String message) {
        problems.add(Problem.ofField(field, message));
    }

    /** Reports {@code field}, which is not one of {@code known}. */
    void unknown(String field, String key, List<String> known, String what) {
        String hint = Suggestions.closest(key, known)
                .map(m -> " (did you mean '" + m + "'?)")
                .orElseGet(() -> "; use one of " + String.join(", ", known));
        problem(field, "is not " + what + hint);
    }

    /** Runs a constructor or parser of the model, turning its {@link InvalidPlanException} into problems. */
    <T> Optional<T> attempt(Supplier<T> build) {
        try {
            return Optional.of(build.get());
        } catch (InvalidPlanException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    Optional<String> text(String field, Object value, String expected) {
        if (value instanceof CharSequence) {
            return Optional.of(value.toString());
        }
        return mismatch(field, expected, value);
    }

    /** One name or a list of names; {@code expected} says what, for the message. */
    Optional<List<String>> names(String field, Object value, String expected) {
        if (value instanceof CharSequence) {
            return Optional.of(List.of(value.toString()));
        }
        if (value instanceof List) {
            List<String> names = new ArrayList<>();
            for (Object item : (List<?>) value) {
                if (!(item instanceof CharSequence)) {
                    return mismatch(field, expected, value);
                }
                names.add(item.toString());
            }
            return Optional.of(names);
        }
        return mismatch(field, expected, value);
    }

    Optional<Boolean> bool(String field, Object value) {
        if (value instanceof Boolean) {
            return Optional.of((Boolean) value);
        }
        return mismatch(field, "true or false", value);
    }

    Optional<Double> number(String field, Object value) {
        if (value instanceof Number) {
            return Optional.of(((Number) value).doubleValue());
        }
        return mismatch(field, "a number", value);
    }

    /** A whole number from 1 up. */
    Optional<Integer> count(String field, Object value) {
        return wholeNumber(field, value, "a whole number").flatMap(n -> {
            if (n < 1) {
                problem(field, "must be at least 1, was " + show(value));
                return Optional.empty();
            }
            if (n > Integer.MAX_VALUE) {
                problem(field, "must be at most " + Integer.MAX_VALUE + ", was " + show(value));
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        });
    }

    /**
     * A duration string or a whole number of seconds.
     *
     * @param zeroAllowed whether zero is fine (a backoff) or the duration must be positive (a timeout)
     */
    Optional<Duration> duration(String field, Object value, boolean zeroAllowed) {
        Duration d;
        if (value instanceof CharSequence) {
            String text = value.toString();
            try {
                d = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                if (looksNegative(text)) {
                    return outOfRange(field, zeroAllowed, value);
                }
                return mismatch(field, DURATION, value);
            }
        } else {
            Optional<Long> seconds = wholeNumber(field, value, DURATION);
            if (seconds.isEmpty()) {
                return Optional.empty();
            }
            d = Duration.ofSeconds(seconds.get());
        }
        if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
            return outOfRange(field, zeroAllowed, value);
        }
        return Optional.of(d);
    }

    /** The value as the user wrote it and its type, for messages: {@code 'two' (String)}, {@code 2.5 (BigDecimal)}. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type;
        if (value instanceof CharSequence) {
            type = "String";
        } else if (value instanceof List) {
            type = "List";
        } else if (value instanceof Map) {
            type = "Map";
        } else {
            type = value.getClass().getSimpleName().isEmpty()
                    ? value.getClass().getName()
                    : value.getClass().getSimpleName();
        }
        return show(value) + " (" + type + ")";
    }

    /** The value as the user wrote it in Groovy, on one line and cut short: {@code 'two'}, {@code [count: 2]}. */
    static String show(Object value) {
        StringBuilder sb = new StringBuilder();
        render(sb, value);
        String shown = oneLine(sb.toString());
        if (shown.codePointCount(0, shown.length()) > SHOWN_LENGTH) {
            shown = shown.substring(0, shown.offsetByCodePoints(0, SHOWN_LENGTH - 1)) + "…";
        }
        return shown;
    }

    /** Escapes line breaks and other control characters, so that a message stays on one line. */
    static String oneLine(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!control) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    private Optional<Long> wholeNumber(String field, Object value, String expected) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        BigDecimal exact = null;
        if (value instanceof BigInteger) {
            exact = new BigDecimal((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            exact = (BigDecimal) value;
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                exact = BigDecimal.valueOf(d);
            }
        }
        if (exact == null || exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            return mismatch(field, expected, value);
        }
        if (exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            problem(field, "must be at most " + Long.MAX_VALUE + ", was " + show(value));
            return Optional.empty();
        }
        // Far below any limit: the caller's range check reports it with the value as written.
        return Optional.of(exact.max(BigDecimal.valueOf(Long.MIN_VALUE)).longValue());
    }

    private <T> Optional<T> outOfRange(String field, boolean zeroAllowed, Object value) {
        problem(field, (zeroAllowed ? "must not be negative, was " : "must be positive, was ") + show(value));
        return Optional.empty();
    }

    private <T> Optional<T> mismatch(String field, String expected, Object value) {
        problem(field, "must be " + expected + ", was " + describe(value));
        return Optional.empty();
    }

    private static boolean looksNegative(String text) {
        String t = text.strip();
        if (!t.startsWith("-")) {
            return false;
        }
        try {
            Durations.parse(t.substring(1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void render(StringBuilder sb, Object value) {
        if (sb.length() > SHOWN_LENGTH) {
            return; // cut short anyway; also ends lists that contain themselves
        }
        if (value instanceof CharSequence) {
            sb.append('\'').append(value).append('\'');
        } else if (value instanceof List) {
            sb.append('[');
            String sep = "";
            for (Object item : (List<?>) value) {
                sb.append(sep);
                render(sb, item);
                sep = ", ";
                if (sb.length() > SHOWN_LENGTH) {
                    break;
                }
            }
            sb.append(']');
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                sb.append("[:]");
                return;
            }
            sb.append('[');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sep).append(e.getKey()).append(": ");
                render(sb, e.getValue());
                sep = ", ";
                if (sb.length() > SHOWN_LENGTH) {
                    break;
                }
            }
            sb.append(']');
        } else {
            try {
                sb.append(value);
            } catch (RuntimeException e) {
                sb.append(value.getClass().getName());
            }
        }
    }
}
