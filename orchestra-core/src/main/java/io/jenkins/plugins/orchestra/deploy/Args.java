package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the plain values of a map as a Jenkinsfile or {@code orchestra.yaml} wrote them (strings or Groovy strings,
 * numbers, booleans, lists, maps). Every message starts with {@code deploy: } and names the field by its path
 * ({@code healthCheck.timeout}).
 */
final class Args {
    private final String path;
    private final Map<String, Object> values;

    private Args(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /**
     * The map's entries, after refusing keys that are not in {@code known} (naming the closest known one).
     *
     * @param path the field the map is, empty for the step's own arguments
     */
    static Args of(String path, Map<?, ?> map, Set<String> known) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse("");
                throw new IllegalArgumentException("deploy: unknown "
                        + (path.isEmpty() ? "parameter '" + key + "'" : "setting '" + key + "' in " + path) + hint
                        + "; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
            if (e.getValue() != null) {
                values.put(key, e.getValue());
            }
        }
        return new Args(path, values);
    }

    /** {@code key}, {@code healthCheck.key} or {@code target 'web' key}. */
    static String field(String path, String key) {
        if (path.isEmpty()) {
            return key;
        }
        return path.contains(" ") ? path + " " + key : path + "." + key;
    }

    String field(String key) {
        return field(path, key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof CharSequence || v instanceof Number) {
            return Optional.of(v.toString());
        }
        throw invalid(key, "a string", v);
    }

    Optional<Integer> integer(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                return Optional.of(Math.toIntExact(((Number) v).longValue()));
            }
            if (v instanceof CharSequence s) {
                return Optional.of(Integer.parseInt(s.toString().strip()));
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the message
        }
        throw invalid(key, "a whole number", v);
    }

    Optional<Boolean> bool(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        if (v instanceof CharSequence s
                && (s.toString().equals("true") || s.toString().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(s.toString()));
        }
        throw invalid(key, "true or false", v);
    }

    Optional<Duration> duration(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Integer || v instanceof Long) {
            return Optional.of(Duration.ofSeconds(((Number) v).longValue()));
        }
        try {
            return Optional.of(Durations.parse(v.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "deploy: " + field(key) + " must be a duration such as '30s' or '5m'," + " was '" + v + "'");
        }
    }

    /** A string or a list of strings. */
    List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof CharSequence s) {
            return List.of(s.toString());
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof CharSequence) && !(item instanceof Number)) {
                    throw invalid(key, "a list of strings", v);
                }
                out.add(item.toString());
            }
            return List.copyOf(out);
        }
        throw invalid(key, "a string or a list of strings", v);
    }

    Optional<Map<?, ?>> map(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> m) {
            return Optional.of(m);
        }
        throw invalid(key, "a map such as [key: value]", v);
    }

    IllegalArgumentException invalid(String key, String expected, Object value) {
        return new IllegalArgumentException(
                "deploy: " + field(key) + " must be " + expected + ", was " + describe(value));
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
