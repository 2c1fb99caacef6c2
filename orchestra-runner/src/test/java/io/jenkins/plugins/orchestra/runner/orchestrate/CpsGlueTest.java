package io.jenkins.plugins.orchestra.runner.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.cloudbees.groovy.cps.Outcome;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageDeclaration;
import io.jenkins.plugins.orchestra.coordinator.StageResult;
import io.jenkins.plugins.orchestra.coordinator.StageResult.RollbackOutcome;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import java.io.NotSerializableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared glue ({@code Orchestrate.groovy}) run the way Jenkins runs it: CPS-transformed by groovy-cps, its
 * {@code parallel} branches as separate CPS threads under a cooperative scheduler, with the program written out and
 * read back at every step (see {@link CpsHarness}). The host steps are backed by a real coordinator on a simulated
 * clock; {@code stage}, {@code timeout}, {@code input}, {@code echo}, {@code error} and {@code parallel} are fakes.
 *
 * <p>What this can and cannot tell. groovy-cps 1.31 (September 2019) is the last release on Maven Central; the
 * interpreter now lives inside workflow-cps (its {@code lib} module) and has moved on. The transformation, closures,
 * {@code @NonCPS}, the stack traces of what CPS code throws, and {@code CpsClosureDef} (the reason {@code rehydrate}
 * cannot be used) behave here as they do there. Not checked here:
 *
 * <ul>
 *   <li>the script-security sandbox: nothing is sandbox-transformed, so no call is checked against the allowlists. The
 *       plugin must load the glue the trusted way (as docker-workflow does), or calls such as {@code
 *       Closure.setDelegate} would need approval;
 *   <li>workflow-cps' own rules on top of the interpreter: its {@code @NonCPS} checks and warnings, the DSL's
 *       argument binding for real steps ({@code timeout(time:)} is an {@code int}; {@code input}'s return value),
 *       {@code CpsThreadGroup} scheduling details, and real aborts (fail-fast, timeouts), which the harness refuses
 *       to model;
 *   <li>Jenkins persists with JBoss River, not {@link java.io.ObjectOutputStream}: River with workflow-cps' iterator
 *       hack saves some things plain serialization refuses (a {@code for (x in list)} loop around a step), so this
 *       harness is the stricter of the two on what it does check.
 * </ul>
 */
@Timeout(60)
class CpsGlueTest {
    private static final String ALICE = "alice";

    @Test
    void runsADiamondWithRetryConditionTimeoutAndApprovalSavingTheProgramAtEveryStep() throws Exception {
        CpsHarness harness = new CpsHarness(submitter -> submitter.split(",")[0]);
        Instant started = harness.now();

        Outcome out = harness.run(
                """
                int tries = 0
                def outputs = orchestrate(maxParallel: 3) {
                    stage('a') { echo 'a runs'; [version: '1.2'] }
                    stage('b', needs: ['a'], retry: [count: 2, backoff: '30s']) { inputs ->
                        echo "b runs with ${inputs.a.version}"
                        tries++
                        if (tries == 1) { error 'b is flaky' }
                        [artifact: "app-${inputs.a.version}.jar"]
                    }
                    stage('c', needs: 'a', timeout: '5m', when: { inputs -> inputs.a.version.startsWith('1.') }) { inputs ->
                        echo 'c runs'
                        stage('c-smoke') { echo 'c-smoke runs' }
                        [image: "img:${inputs.a.version}"]
                    }
                    stage('docs', needs: 'a', when: [condition: { false }]) { echo 'docs runs' }
                    stage('lint', needs: 'a', when: { inputs -> inputs.a.missing.length() > 0 }) { echo 'lint runs' }
                    stage('d', needs: ['b', 'c'], approval: [approvers: ['alice'], message: 'Ship d?']) { inputs ->
                        echo "d runs with ${inputs.b.artifact} and ${inputs.c.image}"
                        [shipped: 'yes']
                    }
                }
                echo "shipped: ${outputs.d.shipped}"
                return outputs
                """);

        assertThat(out.getAbnormal()).isNull();
        assertThat(out.getNormal())
                .isEqualTo(Map.of(
                        "a", Map.of("version", "1.2"),
                        "b", Map.of("artifact", "app-1.2.jar"),
                        "c", Map.of("image", "img:1.2"),
                        "docs", Map.of(),
                        "lint", Map.of(),
                        "d", Map.of("shipped", "yes")));
        RunResult result = harness.result().orElseThrow();
        assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(result.stages())
                .extracting(StageResult::name, StageResult::status, StageResult::attempts)
                .containsExactly(
                        tuple("a", StageStatus.SUCCEEDED, 1),
                        tuple("b", StageStatus.SUCCEEDED, 2),
                        tuple("c", StageStatus.SUCCEEDED, 1),
                        tuple("docs", StageStatus.SKIPPED, 0),
                        tuple("lint", StageStatus.SKIPPED, 0),
                        tuple("d", StageStatus.SUCCEEDED, 1));

        List<String> events = harness.events;
        // each coordinated stage ran in the real stage step of its name, once per attempt; the skipped one too
        assertThat(events)
                .containsSubsequence("stage> a", "echo [a] a runs", "stage< a")
                .containsSubsequence("stage> b", "echo [b] b runs with 1.2", "stage< b failed")
                .containsSubsequence("stage< b failed", "clock +PT30S", "stage> b", "echo [b] b runs with 1.2")
                .containsSubsequence("stage> c", "timeout [c] 300000 MILLISECONDS", "echo [c] c runs")
                .containsSubsequence("stage> c/c-smoke", "echo [c-smoke] c-smoke runs", "stage< c/c-smoke", "stage< c")
                .containsSubsequence(
                        "stage> docs",
                        "skipped docs [docs]: its condition is false: the when condition on line 15",
                        "stage< docs")
                .containsSubsequence(
                        "stage> lint",
                        "skipped lint [lint]: its condition is false: the when condition on line 16 (the condition threw"
                                + " java.lang.NullPointerException: Cannot invoke method length() on null object)",
                        "stage< lint")
                .containsSubsequence(
                        "input [-] Ship d? submitter=alice parameter=orchestraApprover",
                        "input answered by alice",
                        "report d approved [-]",
                        "stage> d",
                        "echo [d] d runs with app-1.2.jar and img:1.2",
                        "stage< d",
                        "echo [-] shipped: yes")
                .doesNotContain("echo [docs] docs runs", "echo [lint] lint runs");
        assertThat(events.stream().filter(e -> e.equals("stage> b"))).hasSize(2);
        // no stage body before what it needs has ended
        assertBodyAfter(events, "echo [b] b runs", "stage< a");
        assertBodyAfter(events, "echo [c] c runs", "stage< a");
        assertBodyAfter(events, "echo [d] d runs", "stage< b", "stage< c");
        // the branches really interleave: c ran between b's two attempts
        assertThat(events).containsSubsequence("stage< b failed", "echo [c] c runs", "clock +PT30S", "stage> b");

        assertThat(Duration.between(started, harness.now())).isEqualTo(Duration.ofSeconds(30));
        assertThat(harness.declared)
                .extracting(StageDeclaration::name, StageDeclaration::line)
                .containsExactly(
                        tuple("a", 3),
                        tuple("b", 4),
                        tuple("c", 10),
                        tuple("docs", 15),
                        tuple("lint", 16),
                        tuple("d", 17));
        assertThat(harness.mismatches).isEmpty();
        assertThat(harness.liveThreads()).isZero();
        // every step call was a save point (roughly 10 per stage here)
        assertThat(harness.checkpoints).isGreaterThan(50);
    }

    @Test
    void rollsBackWhatSucceededWhenAStageFailsAndFailsTheScript() throws Exception {
        CpsHarness harness = new CpsHarness(submitter -> ALICE);

        Outcome out = harness.run(
                """
                orchestrate {
                    stage('a', rollback: { echo 'a rolled back' }) { [version: '2'] }
                    stage('b', needs: 'a', rollback: { error 'cannot undo b' }) { echo 'b runs' }
                    stage('c', needs: 'a', rollback: { outputs -> echo "c rolled back ${outputs.id}" }) { [id: 'c-1'] }
                    stage('d', needs: ['b', 'c']) { error 'd broke' }
                }
                echo 'never'
                """);

        assertThat(out.getAbnormal())
                .isInstanceOf(CpsHarness.StepFailure.class)
                .hasMessage("orchestrate FAILURE: ['d' (error: StepFailure: d broke)]");
        RunResult result = harness.result().orElseThrow();
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
        assertThat(result.stages())
                .extracting(StageResult::name, StageResult::status, StageResult::rollback)
                .containsExactly(
                        tuple("a", StageStatus.SUCCEEDED, RollbackOutcome.ROLLED_BACK),
                        tuple("b", StageStatus.SUCCEEDED, RollbackOutcome.ROLLBACK_FAILED),
                        tuple("c", StageStatus.SUCCEEDED, RollbackOutcome.ROLLED_BACK),
                        tuple("d", StageStatus.FAILED, RollbackOutcome.NONE));
        assertThat(harness.events)
                .containsSubsequence("stage> d", "stage< d failed", "report d failure [-]")
                .containsSubsequence("echo [-] c rolled back c-1", "report c rolledBack [-]")
                .contains("report b rollbackFailed [-]")
                .containsSubsequence("report c rolledBack [-]", "echo [-] a rolled back", "report a rolledBack [-]")
                .doesNotContain("echo [-] never");
        assertBodyAfter(harness.events, "stage> d", "stage< b", "stage< c");
        assertThat(harness.mismatches).isEmpty();
        assertThat(harness.liveThreads()).isZero();
    }

    @Test
    void aRejectedApprovalFailsItsStageWithoutRunningIt() throws Exception {
        CpsHarness harness = new CpsHarness(submitter -> null);

        Outcome out = harness.run(
                """
                orchestrate {
                    stage('build') { [version: '3'] }
                    stage('prod', needs: 'build', approval: 'Ship?') { echo 'prod runs' }
                }
                """);

        assertThat(out.getAbnormal()).hasMessageContaining("'prod' (rejected");
        assertThat(harness.result().orElseThrow().stage("prod").orElseThrow().status())
                .isEqualTo(StageStatus.FAILED);
        assertThat(harness.events)
                .containsSubsequence(
                        "input [-] Ship? submitter= parameter=orchestraApprover", "report prod rejected [-]")
                .doesNotContain("stage> prod", "echo [prod] prod runs");
    }

    /** The harness can fail: a local that cannot be serialized, live across a step, stops the run at that step. */
    @Test
    void catchesANonSerializableLocalHeldAcrossAStep() throws Exception {
        CpsHarness harness = new CpsHarness(submitter -> ALICE);

        assertThatThrownBy(
                        () -> harness.run(
                                """
                        def lock = new Object()
                        echo 'holding a lock'
                        echo "still holding ${lock.hashCode() != 0}"
                        """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cannot be saved after thread 'main' called echo")
                .hasRootCauseInstanceOf(NotSerializableException.class)
                .hasRootCauseMessage("java.lang.Object");
    }

    /** The harness can fail: a step called from a {@code @NonCPS} method is caught as Jenkins catches it. */
    @Test
    void catchesAStepCalledFromANonCpsMethod() throws Exception {
        CpsHarness harness = new CpsHarness(submitter -> ALICE);

        harness.run(
                """
                @NonCPS
                def quietly(String message) {
                    echo message
                    return 'done'
                }
                quietly('from a NonCPS method')
                """);

        assertThat(harness.mismatches).containsExactly("expected to call quietly but wound up catching echo");
    }

    private static void assertBodyAfter(List<String> events, String body, String... ends) {
        int at = indexOfPrefix(events, body);
        assertThat(at).as("%s ran", body).isNotNegative();
        for (String end : ends) {
            assertThat(events.lastIndexOf(end)).as("%s before %s", end, body).isBetween(0, at);
        }
    }

    private static int indexOfPrefix(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
