package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

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

    @Property(tries = 500, edgeCases = EdgeCasesMode.MIXIN)
    void returnsAPlanOrReportsEveryProblemOnOneLine(
            @ForAll("options") Map<String, Object> options, @ForAll("stages") List<StageDeclaration> stages) {
        Set<Integer> lines = stages.stream().map(StageDeclaration::line).collect(Collectors.toSet());
        try { // any exception other than InvalidPlanException fails the property
            Plan plan = PlanParser.parse("release", options, stages);

            assertThat(plan.stages()).hasSameSizeAs(stages);
            Statistics.collect("plan");
        } catch (InvalidPlanException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.toString()).doesNotContain("\n", "\r");
                assertThat(p.line() == 0 || lines.contains(p.line())).isTrue();
            });
            assertThat(e.getMessage().lines())
                    .hasSize(e.problems().size() == 1 ? 1 : e.problems().size() + 1);
            Statistics.collect(e.problems().size() == 1 ? "one problem" : "several problems");
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void checksAnswerForAnyValueOnOneLine(@ForAll("values") Object value) {
        assertOneLine(PlanParser.checkDuration("timeout", value));
        assertOneLine(PlanParser.checkCount("retry.count", value));
        if (value == null || value instanceof String) {
            assertOneLine(PlanParser.checkStageName((String) value));
        }
    }

    private static void assertOneLine(Optional<String> message) {
        message.ifPresent(m -> assertThat(m).doesNotContain("\n", "\r"));
    }

    @Provide
    Arbitrary<Map<String, Object>> options() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Map.of())),
                Tuple.of(3, Arbitraries.just(Map.of("maxParallel", 2, "failFast", true))),
                Tuple.of(1, arguments(1)));
    }

    @Provide
    Arbitrary<List<StageDeclaration>> stages() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                        Tuple.of(12, Arbitraries.of("a", "b", "c", "d", "e", "f")),
                        Tuple.of(1, Arbitraries.of(NAMES)),
                        Tuple.of(1, Arbitraries.strings().ofMaxLength(4)))
                .injectNull(0.01);
        Arbitrary<Map<String, Object>> arguments =
                Arbitraries.frequencyOf(Tuple.of(12, plausibleArguments()), Tuple.of(1, arguments(1)));
        Arbitrary<StageDeclaration> stage = Combinators.combine(
                        name, arguments, Arbitraries.integers().between(0, 400))
                .as(StageDeclaration::new);
        return Arbitraries.frequencyOf(
                Tuple.of(6, stage.list().ofMinSize(1).ofMaxSize(5).uniqueElements(StageDeclaration::name)),
                Tuple.of(1, stage.list().ofMaxSize(5)));
    }

    @Provide
    Arbitrary<Object> values() {
        return value(2);
    }

    /** Some of the stage arguments, each with a value of a form the parser accepts. */
    private static Arbitrary<Map<String, Object>> plausibleArguments() {
        Map<String, Arbitrary<Object>> plausible = new LinkedHashMap<>();
        plausible.put("needs", Arbitraries.of("a", "b", "c", List.of("a"), List.of("b", "c"), List.of("a", "b")));
        plausible.put(
                "when",
                Arbitraries.of(
                        "success", "always", "always", Map.of("condition", "x > 1"), Map.of("trigger", "failure")));
        plausible.put(
                "retry",
                Arbitraries.of(
                        1,
                        2,
                        Map.of("count", 2, "backoff", "1s"),
                        Map.of("count", 3, "on", List.of("error", "timeout"), "jitter", 0.5)));
        plausible.put("timeout", Arbitraries.of("10s", "5m", 30, "PT1M"));
        plausible.put("failurePolicy", Arbitraries.of("haltPipeline", "haltBranch", "ignore"));
        plausible.put("rollback", Arbitraries.of(true, false, new ClosureMarker()));
        plausible.put(
                "approval",
                Arbitraries.of(true, false, "Ship it?", Map.of("approvers", List.of("alice", "bob"), "quorum", 2)));
        plausible.put("lock", Arbitraries.of("db", "env"));
        plausible.put("finally", Arbitraries.of(false, false, true));
        plausible.put("outputs", Arbitraries.of("url", List.of("host", "port")));
        return Arbitraries.subsetOf(plausible.keySet()).ofMaxSize(4).flatMap(keys -> {
            List<String> ordered = List.copyOf(keys);
            List<Arbitrary<Object>> values =
                    ordered.stream().map(plausible::get).toList();
            return Combinators.combine(values).as(chosen -> {
                Map<String, Object> arguments = new LinkedHashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    arguments.put(ordered.get(i), chosen.get(i));
                }
                return arguments;
            });
        });
    }

    private static Arbitrary<Map<String, Object>> arguments(int depth) {
        Arbitrary<String> key =
                Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(6));
        return Arbitraries.maps(key, value(depth)).ofMaxSize(5).map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                        Arbitraries.of(NAMES),
                        Arbitraries.of(WORDS),
                        Arbitraries.strings().ofMaxLength(8),
                        Arbitraries.integers().between(-3, 5),
                        Arbitraries.longs(),
                        Arbitraries.bigDecimals(),
                        Arbitraries.doubles(),
                        Arbitraries.of(true, false),
                        Arbitraries.just(new ClosureMarker()))
                .map(v -> (Object) v)
                .injectNull(0.05);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(3).map(l -> (Object) l);
        Arbitrary<Object> map = arguments(depth - 1).map(m -> (Object) m);
        return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(2, list), Tuple.of(2, map));
    }
}
