package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageOutputsTest {
    @Test
    void scalarsAreTheirTextAndListsAndMapsAreJson() {
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("version", "42");
        published.put("durationMillis", 3200);
        published.put("changed", true);
        published.put("nothing", null);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("host", "web1");
        host.put("result", "rolled back");
        host.put("error", "said \"no\"");
        published.put("hosts", List.of(host));
        published.put("ids", Map.of("db", 7));

        assertThat(StageOutputs.of(published))
                .containsExactly(
                        Map.entry("version", "42"),
                        Map.entry("durationMillis", "3200"),
                        Map.entry("changed", "true"),
                        Map.entry("nothing", ""),
                        Map.entry(
                                "hosts",
                                "[{\"host\":\"web1\",\"result\":\"rolled back\",\"error\":\"said \\\"no\\\"\"}]"),
                        Map.entry("ids", "{\"db\":7}"));
    }

    @Test
    void valuesInsideListsThatAreNotPlainBecomeTheirText() {
        Object weird = new Object() {
            @Override
            public String toString() {
                return "weird";
            }
        };
        assertThat(StageOutputs.of(Map.of("x", Arrays.asList(weird, new StringBuilder("sb"), null))))
                .containsExactly(Map.entry("x", "[\"weird\",\"sb\",null]"));
    }

    @Test
    void aBodyThatReturnsNoMapPublishesNothing() {
        assertThat(StageOutputs.of("done")).isEmpty();
        assertThat(StageOutputs.of(null)).isEmpty();
    }
}
