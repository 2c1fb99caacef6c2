package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random argument maps, plausible and garbage: a failing seed reproduces its case. */
class PlanParserPropertiesTest {
    /** Every key any map the parser reads knows, so that garbage reaches the deeper reads too. */
    private static final List<String> KEYS = List.of(
            "needs",
            "when",
            "retry",
            "timeout",
            "failurePolicy",
            "rollback",
            "approval",
            "lock",
            "finally",
            "outputs",
            "trigger",
            "condition",
            "count",
            "backoff",
            "maxBackoff",
            "multiplier",
            "jitter",
            "on",
            "approvers",
            "quorum",
            "onTimeout",
            "message",
            "maxParallel",
            "failFast");

    private static final List<String> NAMES = List.of("a", "b", "c", "d", "", " a", "a\nb", "x".repeat(201));

    private static final List<String> WORDS = List.of(
            "success",
            "failure",
            "always",
            "haltPipeline",
            "haltBranch",
            "ignore",
            "reject",
            "skip",
            "approve",
            "error",
            "timeout",
            "infrastructure",
            "aborted",
            "10s",
            "0s",
            "-5m",
            "PT-1S",
            "1h30m",
            "99999999999999999999d",
            "P1D",
            "line\r\nbreak",
            "\u2028");

    /** What the Groovy glue passes for a closure. */
    private record ClosureMarker() {}

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void returnsAPlanOrReportsEveryProblemOnOneLine(long seed) {
        Random r = new Random(seed);
        Map<String, Object> options = options(r);
        List<StageDeclaration> stages = stages(r);
        Set<Integer> lines = stages.stream().map(StageDeclaration::line).collect(Collectors.toSet());
        try { // any exception other than InvalidPlanException fails the test
            Plan plan = PlanParser.parse("release", options, stages);

            assertThat(plan.stages()).hasSameSizeAs(stages);
        } catch (InvalidPlanException e) {
            assertThat(e.problems()).as("seed %d", seed).isNotEmpty().allSatisfy(p -> {
                assertThat(p.toString()).doesNotContain("\n", "\r");
                assertThat(p.line() == 0 || lines.contains(p.line())).isTrue();
            });
            assertThat(e.getMessage().lines())
                    .hasSize(e.problems().size() == 1 ? 1 : e.problems().size() + 1);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void checksAnswerForAnyValueOnOneLine(long seed) {
        Object value = value(new Random(seed), 2);
        assertOneLine(PlanParser.checkDuration("timeout", value));
        assertOneLine(PlanParser.checkCount("retry.count", value));
        if (value == null || value instanceof String) {
            assertOneLine(PlanParser.checkStageName((String) value));
        }
    }

    private static void assertOneLine(Optional<String> message) {
        message.ifPresent(m -> assertThat(m).doesNotContain("\n", "\r"));
    }

    private static Map<String, Object> options(Random r) {
        return switch (r.nextInt(7)) {
            case 0, 1, 2 -> Map.of();
            case 3, 4, 5 -> Map.of("maxParallel", 2, "failFast", true);
            default -> arguments(r, 1);
        };
    }

    private static List<StageDeclaration> stages(Random r) {
        boolean unique = r.nextInt(7) < 6;
        int n = (unique ? 1 : 0) + r.nextInt(unique ? 5 : 6);
        List<StageDeclaration> stages = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            String name = name(r);
            if (unique && !names.add(name)) {
                continue;
            }
            Map<String, Object> arguments = r.nextInt(13) < 12 ? plausibleArguments(r) : arguments(r, 1);
            stages.add(new StageDeclaration(name, arguments, r.nextInt(401)));
        }
        return stages;
    }

    private static String name(Random r) {
        int pick = r.nextInt(100);
        if (pick == 0) {
            return null;
        }
        if (pick < 86) {
            return List.of("a", "b", "c", "d", "e", "f").get(r.nextInt(6));
        }
        if (pick < 93) {
            return NAMES.get(r.nextInt(NAMES.size()));
        }
        return randomString(r, 4);
    }

    /** Some of the stage arguments, each with a value of a form the parser accepts. */
    private static Map<String, Object> plausibleArguments(Random r) {
        Map<String, List<Object>> plausible = new LinkedHashMap<>();
        plausible.put("needs", List.of("a", "b", "c", List.of("a"), List.of("b", "c"), List.of("a", "b")));
        plausible.put(
                "when",
                List.of("success", "always", "always", Map.of("condition", "x > 1"), Map.of("trigger", "failure")));
        plausible.put(
                "retry",
                List.of(
                        1,
                        2,
                        Map.of("count", 2, "backoff", "1s"),
                        Map.of("count", 3, "on", List.of("error", "timeout"), "jitter", 0.5)));
        plausible.put("timeout", List.of("10s", "5m", 30, "PT1M"));
        plausible.put("failurePolicy", List.of("haltPipeline", "haltBranch", "ignore"));
        plausible.put("rollback", List.of(true, false, new ClosureMarker()));
        plausible.put(
                "approval",
                List.of(true, false, "Ship it?", Map.of("approvers", List.of("alice", "bob"), "quorum", 2)));
        plausible.put("lock", List.of("db", "env"));
        plausible.put("finally", List.of(false, false, true));
        plausible.put("outputs", List.of("url", List.of("host", "port")));
        List<String> keys = new ArrayList<>(plausible.keySet());
        java.util.Collections.shuffle(keys, r);
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (String key : keys.subList(0, r.nextInt(5))) {
            List<Object> choices = plausible.get(key);
            arguments.put(key, choices.get(r.nextInt(choices.size())));
        }
        return arguments;
    }

    private static Map<String, Object> arguments(Random r, int depth) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String key = r.nextBoolean() ? KEYS.get(r.nextInt(KEYS.size())) : randomString(r, 6);
            arguments.put(key, value(r, depth));
        }
        return arguments;
    }

    private static Object value(Random r, int depth) {
        int kind = depth == 0 ? 0 : r.nextInt(10);
        if (kind >= 8) {
            return arguments(r, depth - 1);
        }
        if (kind >= 6) {
            List<Object> list = new ArrayList<>();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                list.add(value(r, depth - 1));
            }
            return list;
        }
        if (r.nextInt(20) == 0) {
            return null;
        }
        return switch (r.nextInt(9)) {
            case 0 -> NAMES.get(r.nextInt(NAMES.size()));
            case 1 -> WORDS.get(r.nextInt(WORDS.size()));
            case 2 -> randomString(r, 8);
            case 3 -> r.nextInt(9) - 3;
            case 4 -> r.nextLong();
            case 5 -> new BigDecimal(r.nextGaussian() * 1e6).movePointLeft(r.nextInt(6));
            case 6 ->
                r.nextBoolean()
                        ? r.nextDouble() * 100 - 50
                        : List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0).get(r.nextInt(3));
            case 7 -> r.nextBoolean();
            default -> new ClosureMarker();
        };
    }

    private static String randomString(Random r, int maxLength) {
        int length = r.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(r.nextBoolean() ? (char) (32 + r.nextInt(95)) : (char) r.nextInt(Character.MAX_VALUE + 1));
        }
        return sb.toString();
    }
}
