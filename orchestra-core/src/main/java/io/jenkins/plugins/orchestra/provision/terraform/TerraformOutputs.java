package io.jenkins.plugins.orchestra.provision.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The root module's outputs, read from {@code terraform output -json}: for each, whether it is sensitive and its value
 * as text (a string as is, anything else as compact JSON).
 */
final class TerraformOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TerraformOutputs() {}

    /** One output. */
    record Output(String name, boolean sensitive, String value) {
        @Override
        public String toString() {
            return "Output[" + name + (sensitive ? ", sensitive]" : "=" + value + "]");
        }
    }

    /**
     * Reads {@code output -json} output; an empty object, or nothing, means no outputs.
     *
     * @throws IllegalArgumentException if it is not that
     */
    static List<Output> parse(String json) {
        if (json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("output -json did not print JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("output -json printed no JSON object");
        }
        List<Output> outputs = new ArrayList<>();
        root.fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            JsonNode value = o.path("value");
            outputs.add(new Output(
                    e.getKey(),
                    o.path("sensitive").asBoolean(false),
                    value.isTextual() ? value.asText() : value.isMissingNode() ? "" : value.toString()));
        });
        return outputs;
    }
}
