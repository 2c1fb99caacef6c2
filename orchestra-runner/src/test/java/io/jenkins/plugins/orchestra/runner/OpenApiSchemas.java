package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The JSON schemas of orchestra-dashboard/openapi.yaml, as the orchestra-dashboard jar carries it. */
final class OpenApiSchemas {
    private OpenApiSchemas() {}

    /** Validates {@code json} against {@code #/components/schemas/<schema>} of the dashboard's openapi.yaml. */
    static void assertValid(String schema, JsonNode json) throws IOException {
        List<com.networknt.schema.Error> errors = schema(schema).validate(json);
        assertThat(errors).as(schema + " errors in " + json).isEmpty();
    }

    private static Schema schema(String name) throws IOException {
        JsonNode openapi;
        try (InputStream in =
                OpenApiSchemas.class.getResourceAsStream("/io/jenkins/plugins/orchestra/dashboard/openapi.yaml")) {
            assertThat(in).as("openapi.yaml in the orchestra-dashboard jar").isNotNull();
            openapi = new YAMLMapper().readTree(in);
        }
        ObjectNode document = ((ObjectNode) openapi).deepCopy();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.put("$ref", "#/components/schemas/" + name);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return registry.getSchema(SchemaLocation.of("https://orchestra.invalid/openapi.json"), document);
    }
}
