package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.PlanParser;
import io.jenkins.plugins.orchestra.coordinator.StageDeclaration;
import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What an {@code orchestrate} block declared, as the glue describes it (options, and each stage's name, arguments and
 * line), kept as JSON text with the build so that the plan can be parsed again after a restart, the same way.
 */
@Restricted(NoExternalUse.class)
final class PlanJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {}

    /** The JSON text of a block's declaration; Groovy values become plain ones first. */
    static String write(String name, Map<?, ?> options, List<?> stages) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", name);
        plan.put("options", PlainValues.map(options));
        plan.put("stages", PlainValues.copy(stages));
        try {
            return JSON.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always write as JSON", e);
        }
    }

    /**
     * The plan a declaration describes.
     *
     * @throws io.jenkins.plugins.orchestra.coordinator.InvalidPlanException naming the stage and field at fault
     */
    @SuppressWarnings("unchecked")
    static Plan read(String json) {
        Map<String, Object> plan = (Map<String, Object>) parse(json);
        List<StageDeclaration> declarations = new ArrayList<>();
        for (Object o : (List<?>) plan.get("stages")) {
            Map<String, Object> d = (Map<String, Object>) o;
            Object line = d.get("line");
            declarations.add(StageDeclaration.of(
                    d.get("name"),
                    (Map<String, Object>) d.getOrDefault("args", Map.of()),
                    line instanceof Number n ? n.intValue() : 0));
        }
        return PlanParser.parse(
                String.valueOf(plan.get("name")), (Map<String, Object>) plan.get("options"), declarations);
    }

    static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not the JSON Orchestra wrote: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object plain) {
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always write as JSON", e);
        }
    }
}
