package io.jenkins.plugins.orchestra.jenkins.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Copies of values made of strings, numbers, booleans, lists and maps, as plain JDK collections: what crosses the
 * remoting channel, goes into a Pipeline program's saved state, or is written as JSON. A Groovy {@code GString}
 * becomes its text; anything else becomes its {@code toString()}, so that no exotic object rides along.
 */
@Restricted(NoExternalUse.class)
public final class PlainValues {
    private PlainValues() {}

    public static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> m) {
            return map(m);
        }
        if (value instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(copy(item)));
            return list;
        }
        return String.valueOf(value);
    }

    /** A copy of this map with string keys. */
    public static LinkedHashMap<String, Object> map(Map<?, ?> map) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
        }
        return copy;
    }
}
