package io.jenkins.plugins.orchestra.coordinator.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The typed fields of one JSON object of a journal line; each accessor names the field that is wrong. */
final class JsonFields {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final int SHOWN = 60;

    private final JsonNode node;

    private JsonFields(JsonNode node) {
        this.node = node;
    }

    /** Parses one line, without its new line. */
    static JsonFields parse(byte[] bytes, int offset, int length) throws InvalidLineException {
        try {
            return parse(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString());
        } catch (CharacterCodingException e) {
            throw InvalidLineException.notJson("it is not UTF-8 text");
        }
    }

    /**
     * Parses one line of text. Text, not bytes, because Jackson's byte parser refuses an escaped lone surrogate in a
     * field name, which its generator writes and its text parser reads back.
     */
    static JsonFields parse(String line) throws InvalidLineException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw InvalidLineException.notJson("it is not JSON (" + describe(e) + ")");
        }
        if (tree == null || tree.isMissingNode()) {
            throw InvalidLineException.notJson("it is empty");
        }
        if (!tree.isObject()) {
            throw InvalidLineException.invalid("it is not a JSON object but " + shown(tree));
        }
        return new JsonFields(tree);
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String text(String name) throws InvalidLineException {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrong(name, "a string", value);
        }
        return value.textValue();
    }

    Optional<String> optionalText(String name) throws InvalidLineException {
        return has(name) ? Optional.of(text(name)) : Optional.empty();
    }

    int integer(String name) throws InvalidLineException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrong(name, "a whole number", value);
        }
        return value.intValue();
    }

    Instant instant(String name) throws InvalidLineException {
        String text = text(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw wrong(name, "an ISO-8601 instant such as 2026-01-01T00:00:00Z", node.get(name));
        }
    }

    Optional<Instant> optionalInstant(String name) throws InvalidLineException {
        return has(name) ? Optional.of(instant(name)) : Optional.empty();
    }

    List<String> texts(String name) throws InvalidLineException {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw wrong(name, "an array of strings", value);
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw wrong(name, "an array of strings", value);
            }
            texts.add(element.textValue());
        }
        return List.copyOf(texts);
    }

    Map<String, String> textMap(String name) throws InvalidLineException {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw wrong(name, "an object of strings", value);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw wrong(name, "an object of strings", value);
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return Map.copyOf(map);
    }

    JsonFields object(String name) throws InvalidLineException {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw wrong(name, "an object", value);
        }
        return new JsonFields(value);
    }

    /** A constant written as its lower-case name. */
    <E extends Enum<E>> E choice(String name, E[] values) throws InvalidLineException {
        String text = text(name);
        for (E value : values) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw wrong(
                name,
                "one of "
                        + Arrays.stream(values)
                                .map(v -> v.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")),
                node.get(name));
    }

    private JsonNode required(String name) throws InvalidLineException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw InvalidLineException.invalid("field '" + name + "' is missing");
        }
        return value;
    }

    private static InvalidLineException wrong(String name, String expected, JsonNode value) {
        return InvalidLineException.invalid("field '" + name + "' must be " + expected + ", was " + shown(value));
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    /** Jackson's message without its multi-line location, which names no useful source here. */
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int cut = message.indexOf(" (start marker at");
        message = (cut >= 0 ? message.substring(0, cut) : message)
                .lines()
                .findFirst()
                .orElse("");
        return e.getLocation() == null ? message : "column " + e.getLocation().getColumnNr() + ": " + message;
    }
}
