package io.jenkins.plugins.orchestra.coordinator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage body returned, as the coordinator keeps a stage's outputs: names to strings. Strings, numbers and
 * booleans become their text; lists and maps (a {@code deploy}'s {@code hosts}, a {@code provision}'s map outputs)
 * become JSON text, which a later stage reads back with {@code readJSON} (pipeline-utility-steps in Jenkins, the
 * runner's own); {@code null} becomes an empty string. Every host hands a stage's result to {@link
 * Coordinator#stageSucceeded} through this, so both hosts publish the same text.
 *
 * <pre>{@code
 * StageOutputs.of(Map.of("version", "42", "hosts", List.of(Map.of("host", "web1", "result", "deployed"))))
 * // {version=42, hosts=[{"host":"web1","result":"deployed"}]}
 * }</pre>
 */
public final class StageOutputs {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StageOutputs() {}

    /** The outputs of a stage whose body returned {@code published}; empty unless it is a map. */
    public static Map<String, String> of(Object published) {
        Map<String, String> out = new LinkedHashMap<>();
        if (published instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
        }
        return out;
    }

    /** One output's text. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value instanceof Object[]) {
            try {
                return JSON.writeValueAsString(plain(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "cannot write " + value.getClass().getName() + " as JSON", e);
            }
        }
        return value.toString();
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value instanceof Object[] items) {
            List<Object> list = new ArrayList<>();
            for (Object item : items) {
                list.add(plain(item));
            }
            return list;
        }
        // a GString, an enum, an Optional: its text, so that no object's fields leak into the JSON
        return value.toString();
    }
}
