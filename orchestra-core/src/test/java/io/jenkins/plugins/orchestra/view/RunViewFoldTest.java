package io.jenkins.plugins.orchestra.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.CriticalPath;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.view.RunEvent.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RunViewFoldTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final RunViewFold fold = new RunViewFold(UnaryOperator.identity(), clock);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private RunView.Stage stage(RunView view, String name) {
        return view.stages().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in " + view.stages()));
    }

    private List<String> edges(RunView view) {
        return view.edges().stream()
                .map(e -> name(view, e.from()) + "->" + name(view, e.to())
                        + (e.kind().equals("sequence") ? "" : ":" + e.kind()))
                .toList();
    }

    private static String name(RunView view, String id) {
        return view.stages().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow()
                .name();
    }

    /** Build, then Checks with two parallel stages, then Package: as the runner reports examples/delivery. */
    private void declarativeDelivery() {
        fold.accept(
                new RunEvent.RunStarted(at(0), 7, "Jenkinsfile", "orchestra run by alice", Map.of("SMOKE", "true")));
        fold.accept(new RunEvent.StageStarted(at(0), "k1", null, null, "Build"));
        fold.accept(new RunEvent.StageEnded(at(2), "k1", Result.SUCCESS, null));
        fold.accept(new RunEvent.StageStarted(at(2), "k2", null, null, "Checks"));
        fold.accept(new RunEvent.ParallelStarted(at(2), "p1", "k2", null, List.of("Unit tests", "Lint")));
        fold.accept(new RunEvent.StageStarted(at(2), "k3", "p1", "Unit tests", "Unit tests"));
        fold.accept(new RunEvent.StageStarted(at(2), "k4", "p1", "Lint", "Lint"));
        fold.accept(new RunEvent.StageEnded(at(3), "k4", Result.SUCCESS, null));
        fold.accept(new RunEvent.StageEnded(at(9), "k3", Result.SUCCESS, null));
        fold.accept(new RunEvent.ParallelEnded(at(9), "p1"));
        fold.accept(new RunEvent.StageEnded(at(9), "k2", Result.SUCCESS, null));
        fold.accept(new RunEvent.StageStarted(at(9), "k5", null, null, "Package"));
        fold.accept(new RunEvent.StageEnded(at(10), "k5", Result.SUCCESS, null));
        fold.accept(new RunEvent.StageStarted(at(10), "k6", null, null, "Smoke test"));
        fold.accept(new RunEvent.StageEnded(at(10), "k6", Result.NOT_BUILT, "skipped due to when conditional"));
        fold.accept(new RunEvent.RunEnded(at(11), Result.SUCCESS));
    }

    @Test
    void fansParallelStagesOutAndInBetweenTheirNeighbours() {
        declarativeDelivery();
        RunView view = fold.snapshot();

        assertThat(view.stages())
                .extracting(RunView.Stage::name)
                .containsExactly("Build", "Checks", "Unit tests", "Lint", "Package", "Smoke test");
        assertThat(stage(view, "Unit tests").parent())
                .isEqualTo(stage(view, "Checks").id());
        assertThat(stage(view, "Build").parent()).isNull();
        assertThat(edges(view))
                .containsExactly(
                        "Build->Unit tests",
                        "Build->Lint",
                        "Unit tests->Package",
                        "Lint->Package",
                        "Package->Smoke test");
        assertThat(stage(view, "Smoke test").status()).isEqualTo("SKIPPED");
        assertThat(stage(view, "Smoke test").note()).isEqualTo("skipped due to when conditional");
        assertThat(view.status()).isEqualTo("SUCCESS");
        assertThat(view.durationMillis()).isEqualTo(11_000);
    }

    @Test
    void namesTheCriticalPathAndItsBottleneckThroughParallelStages() {
        declarativeDelivery();
        RunView view = fold.snapshot();

        assertThat(view.criticalPath().stages())
                .extracting(id -> name(view, id))
                .containsExactly("Build", "Unit tests", "Package");
        assertThat(name(view, view.criticalPath().bottleneck())).isEqualTo("Unit tests");
        assertThat(view.criticalPath().totalMillis()).isEqualTo(10_000);
    }

    @Test
    void groupsABranchThatRunsSeveralStages() {
        fold.accept(new RunEvent.RunStarted(at(0), 1, "Jenkinsfile", "", Map.of()));
        fold.accept(new RunEvent.StageStarted(at(0), "a", null, null, "A"));
        fold.accept(new RunEvent.StageEnded(at(1), "a", Result.SUCCESS, null));
        fold.accept(new RunEvent.ParallelStarted(at(1), "p", null, null, List.of("left", "z")));
        fold.accept(new RunEvent.StageStarted(at(1), "x", "p", "left", "x"));
        fold.accept(new RunEvent.StageStarted(at(1), "z", "p", "z", "z"));
        fold.accept(new RunEvent.StageEnded(at(2), "x", Result.SUCCESS, null));
        fold.accept(new RunEvent.StageStarted(at(2), "y", "p", "left", "y"));
        fold.accept(new RunEvent.StageEnded(at(3), "y", Result.FAILURE, "script returned exit code 1"));
        fold.accept(new RunEvent.StageEnded(at(4), "z", Result.SUCCESS, null));
        fold.accept(new RunEvent.StageStarted(at(4), "b", null, null, "B"));
        fold.accept(new RunEvent.StageEnded(at(4), "b", Result.NOT_BUILT, "skipped due to earlier failure(s)"));

        RunView view = fold.snapshot();

        assertThat(view.stages()).extracting(RunView.Stage::name).containsExactly("A", "left", "x", "z", "y", "B");
        RunView.Stage left = stage(view, "left");
        assertThat(left.kind()).isEqualTo("branch");
        assertThat(left.status()).isEqualTo("FAILED");
        assertThat(stage(view, "x").parent()).isEqualTo(left.id());
        assertThat(stage(view, "z").parent())
                .as("a branch of one stage of its name is that stage")
                .isNull();
        assertThat(edges(view)).containsExactlyInAnyOrder("A->x", "x->y", "A->z", "y->B", "z->B");
    }

    @Test
    void showsAnOrchestratedPlanWithItsNeedsBeforeItRuns() {
        Plan plan = Plan.of(
                "orchestrate-1",
                StageSpec.of("build"),
                StageSpec.of("unit", "build"),
                StageSpec.of("it", "build"),
                StageSpec.of("package", "unit", "it"),
                StageSpec.builder("clean up").isFinally(true).build());
        fold.accept(new RunEvent.RunStarted(at(0), 2, "Jenkinsfile", "", Map.of()));
        fold.accept(new RunEvent.OrchestratePlanned(at(0), "o1", null, null, plan));

        RunView view = fold.snapshot();

        assertThat(view.stages()).extracting(RunView.Stage::status).containsOnly("PENDING");
        assertThat(view.stages()).allMatch(RunView.Stage::orchestrated);
        assertThat(edges(view))
                .containsExactlyInAnyOrder(
                        "build->unit:needs",
                        "build->it:needs",
                        "unit->package:needs",
                        "it->package:needs",
                        "package->clean up:finally");
    }

    @Test
    void foldsTheCoordinatorsEventsIntoStatesWaitsRetriesAndTheSameCriticalPath() {
        Plan plan = Plan.of(
                "orchestrate-1",
                StageSpec.of("build"),
                StageSpec.of("unit", "build"),
                StageSpec.builder("it")
                        .needs("build")
                        .retry(1, Duration.ofSeconds(5))
                        .build(),
                StageSpec.builder("deploy")
                        .needs("unit", "it")
                        .lock("prod")
                        .approval(new ApprovalSpec(
                                List.of("alice", "bob"),
                                1,
                                Optional.empty(),
                                ApprovalSpec.OnTimeout.REJECT,
                                "Ship it?"))
                        .build(),
                StageSpec.builder("publish")
                        .needs("deploy")
                        .when(io.jenkins.plugins.orchestra.coordinator.When.Trigger.FAILURE)
                        .build());
        fold.accept(new RunEvent.RunStarted(T0, 3, "Jenkinsfile", "", Map.of()));
        fold.accept(new RunEvent.OrchestratePlanned(T0, "o1", null, null, plan));
        Simulation.Behaviour behaviour = new Simulation.Behaviour() {
            @Override
            public Duration duration(String stage, int attempt) {
                return Duration.ofSeconds(stage.equals("it") ? 10 : 2);
            }

            @Override
            public Optional<Failure> failure(String stage, int attempt) {
                return stage.equals("it") && attempt == 1 ? Optional.of(Failure.error("flaky")) : Optional.empty();
            }

            @Override
            public Duration approvalDelay(String stage) {
                return Duration.ofSeconds(30);
            }
        };
        RunResult result = Simulation.run(plan, behaviour, clock, e -> fold.accept(new RunEvent.Coordinated("o1", e)));
        fold.accept(new RunEvent.RunEnded(clock.instant(), Result.SUCCESS));

        RunView view = fold.snapshot();

        RunView.Stage it = stage(view, "it");
        assertThat(it.status()).isEqualTo("SUCCEEDED");
        assertThat(it.attempts()).isEqualTo(2);
        assertThat(it.spans()).extracting(RunView.Span::kind).containsExactly("running", "waiting", "running");
        assertThat(it.waitedMillis()).isEqualTo(5_000);
        RunView.Stage deploy = stage(view, "deploy");
        assertThat(deploy.waitedMillis()).isEqualTo(30_000);
        assertThat(deploy.spans().get(0).reason()).isEqualTo("approval");
        assertThat(stage(view, "publish").status()).isEqualTo("SKIPPED");
        assertThat(stage(view, "publish").note()).isNotBlank();
        RunView.Approval approval = view.approvals().get(0);
        assertThat(approval.status()).isEqualTo("APPROVED");
        assertThat(approval.approvers()).containsExactly("alice", "bob");
        assertThat(approval.decisions()).extracting(RunView.Decision::by).containsExactly("alice");

        CriticalPath expected = result.criticalPath();
        assertThat(view.criticalPath().stages())
                .extracting(id -> name(view, id))
                .isEqualTo(expected.stages());
        assertThat(name(view, view.criticalPath().bottleneck()))
                .isEqualTo(expected.bottleneck().orElseThrow());
        assertThat(view.criticalPath().totalMillis()).isEqualTo(expected.total().toMillis());
    }

    @Test
    void showsAWaitingApprovalWithWhoMustApproveAndKeepsTheAuditTrail() {
        fold.accept(new RunEvent.RunStarted(at(0), 4, "Jenkinsfile", "", Map.of()));
        fold.accept(new RunEvent.StageStarted(at(0), "k1", null, null, "Deploy"));
        fold.accept(new RunEvent.InputRequested(at(1), "k1", "Deploy", "Deploy to prod?", List.of("alice", "bob")));

        RunView waiting = fold.snapshot();
        RunView.Stage deploy = stage(waiting, "Deploy");
        assertThat(deploy.status()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(deploy.waiting().approvers()).containsExactly("alice", "bob");
        assertThat(deploy.waiting().input()).isEqualTo("Deploy");
        assertThat(fold.pendingApprovers("Deploy")).contains(List.of("alice", "bob"));

        fold.accept(new RunEvent.InputAnswered(at(5), "Deploy", true, "bob", "looks good"));
        fold.accept(new RunEvent.StageEnded(at(6), "k1", Result.SUCCESS, null));

        RunView done = fold.snapshot();
        assertThat(stage(done, "Deploy").status()).isEqualTo("SUCCEEDED");
        assertThat(stage(done, "Deploy").waitedMillis()).isEqualTo(4_000);
        assertThat(done.approvals()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("APPROVED");
            assertThat(a.decisions())
                    .containsExactly(new RunView.Decision("bob", true, "looks good", at(5).toEpochMilli()));
        });
        assertThat(fold.pendingApprovers("Deploy")).isEmpty();
    }

    @Test
    void masksSecretsInOutputsParamsNotesAndAutomationResults() throws Exception {
        SecretMasker masker = new SecretMasker();
        masker.add(Secret.of("hunter2-token"));
        RunViewFold masked = new RunViewFold(masker::mask, clock);
        masked.accept(new RunEvent.RunStarted(at(0), 5, "Jenkinsfile", "", Map.of("TOKEN", "hunter2-token")));
        masked.accept(new RunEvent.StageStarted(at(0), "k1", null, null, "Deploy"));
        masked.accept(new RunEvent.AutomationRecorded(
                at(1),
                "k1",
                "deploy",
                12,
                Map.of(
                        "hosts",
                        List.of(Map.of("host", "web1", "password", Secret.of("x"), "log", "used hunter2-token"))),
                null));
        masked.accept(new RunEvent.StageEnded(at(2), "k1", Result.FAILURE, "curl -H hunter2-token failed"));

        String json = new String(RunViewJson.toBytes(masked.snapshot()), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("hunter2-token").contains("****");
        JsonNode tree = new ObjectMapper().readTree(json);
        JsonNode host = tree.path("stages")
                .get(0)
                .path("automation")
                .get(0)
                .path("result")
                .path("hosts")
                .get(0);
        assertThat(host.path("host").asText()).isEqualTo("web1");
        assertThat(host.path("password").asText()).isEqualTo("****");
    }

    @Test
    void keepsWhatAStepOutsideEveryStageReportedAsTheRunsOwn() throws Exception {
        fold.accept(new RunEvent.RunStarted(at(0), 7, "Jenkinsfile", "", Map.of()));
        fold.accept(new RunEvent.StageStarted(at(0), "k1", null, null, "Build"));
        fold.accept(new RunEvent.StageEnded(at(1), "k1", Result.SUCCESS, null));
        long seen = fold.version();
        Map<String, Object> sent =
                Map.of("sent", 1, "ok", true, "channels", List.of(Map.of("channel", "releases", "status", "sent")));
        fold.accept(new RunEvent.AutomationRecorded(at(2), null, "notify", 30, sent, null));

        RunView view = fold.snapshot();
        assertThat(view.automation()).singleElement().satisfies(a -> {
            assertThat(a.step()).isEqualTo("notify");
            assertThat(a.line()).isEqualTo(30);
            assertThat(a.result()).isEqualTo(sent);
        });
        assertThat(stage(view, "Build").automation()).isEmpty();
        assertThat(fold.changesSince(seen).run().automation()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(fold.toJson());
        assertThat(json.path("automation")
                        .get(0)
                        .path("result")
                        .path("channels")
                        .get(0)
                        .path("channel")
                        .asText())
                .isEqualTo("releases");
    }

    @Test
    void givesOnlyWhatChangedSinceAVersionAndTheEdgesOnlyWhenTheGraphChanged() {
        fold.accept(new RunEvent.RunStarted(at(0), 6, "Jenkinsfile", "", Map.of()));
        fold.accept(new RunEvent.StageStarted(at(0), "k1", null, null, "one"));
        fold.accept(new RunEvent.StageStarted(at(0), "k2", null, null, "two"));
        long seen = fold.snapshot().version();

        fold.accept(new RunEvent.StageEnded(at(1), "k2", Result.SUCCESS, null));
        RunView.Delta ended = fold.changesSince(seen);
        assertThat(ended.stages()).extracting(RunView.Stage::name).containsExactly("two");
        assertThat(ended.edges()).isNull();

        fold.accept(new RunEvent.StageStarted(at(1), "k3", null, null, "three"));
        RunView.Delta added = fold.changesSince(ended.run().version());
        assertThat(added.stages()).extracting(RunView.Stage::name).containsExactly("three");
        assertThat(added.edges()).hasSize(2);
    }

    @Test
    void writesTheSameJsonFromItsCacheOfEndedStagesAsFromASnapshot() {
        declarativeDelivery();
        byte[] first = fold.toJson();
        fold.accept(new RunEvent.InputRequested(at(12), "k5", "late", "Really?", List.of()));
        assertThat(new String(fold.toJson(), java.nio.charset.StandardCharsets.UTF_8))
                .isNotEqualTo(new String(first, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(RunViewJson.toBytes(fold.snapshot()), java.nio.charset.StandardCharsets.UTF_8));
    }
}
