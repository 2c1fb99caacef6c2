package io.jenkins.plugins.orchestra.provision;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named arguments of one {@code provision} call, read with the types a Jenkinsfile writes them in: strings (also
 * Groovy's {@code GString}s), booleans, whole numbers, durations ({@code '30s'}, {@code '5m'} or seconds), lists and
 * maps. A value of the wrong type throws {@link ProvisionException.InvalidArgument} naming the argument and the value.
 */
public final class ToolArguments {
    private static final int SHOWN_LENGTH = 80;

    private final String tool;
    private final Map<String, Object> values;

    /** The arguments of a call of {@code tool}; {@code values} is copied. */
    public ToolArguments(String tool, Map<String, ?> values) {
        this.tool = tool;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The tool these arguments are for: {@code ansible}. */
    public String tool() {
        return tool;
    }

    /** Whether the call gave this argument (a {@code null} value counts as not given). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** The names of the arguments given. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    public Optional<String> string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof CharSequence s) {
            return Optional.of(s.toString());
        }
        throw mismatch(name, "a string", v);
    }

    public String requiredString(String name) {
        String s = string(name).orElseThrow(() -> invalid(name + " is required"));
        if (s.isBlank()) {
            throw invalid(name + " must not be blank");
        }
        return s;
    }

    public boolean bool(String name, boolean otherwise) {
        Object v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw mismatch(name, "true or false", v);
    }

    /** A whole number from 1 up. */
    public Optional<Integer> count(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger)) {
            throw mismatch(name, "a whole number", v);
        }
        BigInteger n = new BigInteger(v.toString());
        if (n.signum() < 1 || n.bitLength() > 31) {
            throw invalid(name + " must be a whole number from 1 to " + Integer.MAX_VALUE + ", was " + show(v));
        }
        return Optional.of(n.intValue());
    }

    /** A positive duration: {@code '30s'}, {@code '5m'}, {@code '1h30m'}, ISO-8601, or a whole number of seconds. */
    public Optional<Duration> duration(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        Duration d;
        if (v instanceof CharSequence s) {
            try {
                d = Durations.parse(s.toString());
            } catch (IllegalArgumentException e) {
                throw mismatch(name, "a duration such as '30s', '5m' or '1h30m'", v);
            }
        } else if (v instanceof Integer || v instanceof Long) {
            d = Duration.ofSeconds(((Number) v).longValue());
        } else {
            throw mismatch(name, "a duration such as '30s', '5m' or '1h30m'", v);
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(name + " must be positive, was " + show(v));
        }
        return Optional.of(d);
    }

    /** One string or a list of strings; empty if not given. */
    public List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof CharSequence s) {
            return List.of(s.toString());
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof CharSequence)) {
                    throw mismatch(name, "a string or a list of strings", v);
                }
                out.add(item.toString());
            }
            return List.copyOf(out);
        }
        throw mismatch(name, "a string or a list of strings", v);
    }

    /**
     * A map with string keys whose values are plain data (strings, numbers, booleans, null, and lists and maps of
     * them), with Groovy strings turned into {@code String}s; empty if not given.
     */
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw mismatch(name, "a map such as [key: 'value']", v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, value) -> out.put(String.valueOf(k), plain(name + "." + k, value)));
        return Collections.unmodifiableMap(out);
    }

    /** A map of strings to strings (environment variables, credentials ids); empty if not given. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        map(name).forEach((k, value) -> {
            if (!(value instanceof String s)) {
                throw mismatch(name + "." + k, "a string", value);
            }
            out.put(k, s);
        });
        return Collections.unmodifiableMap(out);
    }

    /** The value as given, for arguments that take several shapes. */
    public Optional<Object> raw(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Plain data: Groovy strings become strings; anything but strings, numbers, booleans, lists and maps is refused. */
    public Object plain(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(plain(name + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(name + "." + k, v)));
            return Collections.unmodifiableMap(out);
        }
        throw mismatch(name, "a string, number, boolean, list or map", value);
    }

    /** An {@link ProvisionException.InvalidArgument} whose message starts with {@code provision (tool): }. */
    public ProvisionException.InvalidArgument invalid(String message) {
        return ProvisionException.invalid("provision (" + tool + "): " + message);
    }

    private ProvisionException.InvalidArgument mismatch(String name, String expected, Object value) {
        return invalid(name + " must be " + expected + ", was " + describe(value));
    }

    /** The value as the user wrote it and its type: {@code 'two' (String)}. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value instanceof CharSequence
                ? "String"
                : value instanceof List
                        ? "List"
                        : value instanceof Map ? "Map" : value.getClass().getSimpleName();
        return show(value) + " (" + type + ")";
    }

    /** The value on one line, cut short. */
    public static String show(Object value) {
        String shown = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
        shown = shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        if (shown.length() > SHOWN_LENGTH) {
            shown = shown.substring(0, SHOWN_LENGTH - 1) + "…";
        }
        return shown;
    }
}
