package io.jenkins.plugins.orchestra.view;

import io.jenkins.plugins.orchestra.host.Secret;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns what a step returned into JSON values (maps with text keys, lists, text, numbers, booleans, null), masking
 * every text on the way: a {@link Secret} becomes its mask, and anything else unknown its masked {@code toString()}.
 */
final class JsonValues {
    static final int MAX_DEPTH = 16;
    static final int MAX_ITEMS = 1_000;
    static final int MAX_TEXT = 16_384;

    private JsonValues() {}

    static Map<String, Object> object(Map<?, ?> map, UnaryOperator<String> mask) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) of(map, mask);
        return out;
    }

    static Object of(Object value, UnaryOperator<String> mask) {
        return of(value, mask, 0);
    }

    private static Object of(Object value, UnaryOperator<String> mask, int depth) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? n : String.valueOf(n);
        }
        if (value instanceof Secret) {
            return io.jenkins.plugins.orchestra.host.SecretMasker.MASK;
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            return text(String.valueOf(value), mask);
        }
        if (depth >= MAX_DEPTH) {
            return "…";
        }
        if (value instanceof Optional<?> o) {
            return of(o.orElse(null), mask, depth);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (n++ == MAX_ITEMS) {
                    out.put("…", (m.size() - MAX_ITEMS) + " more");
                    break;
                }
                out.put(text(String.valueOf(e.getKey()), mask), of(e.getValue(), mask, depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object o : it) {
                if (out.size() == MAX_ITEMS) {
                    out.add("…");
                    break;
                }
                out.add(of(o, mask, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> out = new ArrayList<>(Math.min(length, MAX_ITEMS));
            for (int i = 0; i < Math.min(length, MAX_ITEMS); i++) {
                out.add(of(Array.get(value, i), mask, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    out.put(c.getName(), of(c.getAccessor().invoke(r), mask, depth + 1));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.put(c.getName(), null);
                }
            }
            return Collections.unmodifiableMap(out);
        }
        return text(String.valueOf(value), mask);
    }

    private static String text(String s, UnaryOperator<String> mask) {
        String masked = mask.apply(s);
        return masked.length() > MAX_TEXT ? masked.substring(0, MAX_TEXT) + "…" : masked;
    }
}
