package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.coordinator.FailurePolicy;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RetryPolicy;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.When;
import io.jenkins.plugins.orchestra.coordinator.executor.StageActions;
import io.jenkins.plugins.orchestra.coordinator.executor.StageFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The example plan {@code ./orchestra demo} runs until the runner reads Jenkinsfiles: a small delivery graph whose
 * stages write real files under a work directory, with a flaky stage that succeeds on its retry.
 */
final class DemoPlan {
    private DemoPlan() {}

    static Plan plan() {
        return Plan.builder("delivery-demo")
                .stage(StageSpec.builder("checkout").outputs("revision"))
                .stage(StageSpec.builder("unit-tests").needs("checkout"))
                .stage(StageSpec.builder("integration-tests")
                        .needs("checkout")
                        .retry(new RetryPolicy(
                                2, Duration.ofMillis(200), Duration.ofSeconds(2), 2, 0, RetryPolicy.DEFAULT_ON)))
                .stage(StageSpec.builder("lint").needs("checkout").failurePolicy(FailurePolicy.IGNORE))
                .stage(StageSpec.builder("package")
                        .needs("checkout", "unit-tests", "integration-tests")
                        .outputs("artifact"))
                .stage(StageSpec.builder("deploy-staging")
                        .needs("package")
                        .lock("staging")
                        .rollback(true))
                .stage(StageSpec.builder("smoke-staging").needs("deploy-staging"))
                .stage(StageSpec.builder("report").needs("smoke-staging").when(When.Trigger.ALWAYS))
                .stage(StageSpec.builder("cleanup").isFinally(true))
                .maxParallel(4)
                .build();
    }

    static StageActions actions(Path work, PrintStream out) {
        AtomicInteger integrationAttempts = new AtomicInteger();
        return StageActions.builder()
                .stage("checkout", ctx -> {
                    Files.createDirectories(work.resolve("src"));
                    Files.writeString(work.resolve("src/App.java"), "class App {}\n");
                    pause(300);
                    return Map.of("revision", "4f2a9c1");
                })
                .stage("unit-tests", ctx -> {
                    pause(700);
                    return Map.of("tests", "128");
                })
                .stage("integration-tests", ctx -> {
                    pause(500);
                    if (integrationAttempts.incrementAndGet() == 1) {
                        throw new IOException("connection reset by the test database");
                    }
                    return Map.of("tests", "31");
                })
                .stage("lint", ctx -> {
                    pause(200);
                    throw StageFailure.error("3 style warnings");
                })
                .stage("package", ctx -> {
                    Path artifact = work.resolve(
                            "app-" + ctx.input("checkout", "revision").orElseThrow() + ".jar");
                    Files.writeString(artifact, "artifact\n");
                    pause(400);
                    return Map.of("artifact", artifact.getFileName().toString());
                })
                .stage("deploy-staging", ctx -> {
                    String artifact = ctx.input("package", "artifact").orElseThrow();
                    Path release = work.resolve("staging/releases/" + artifact);
                    Files.createDirectories(release.getParent());
                    Files.copy(work.resolve(artifact), release, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    pause(600);
                    return Map.of("release", release.toString());
                })
                .rollback("deploy-staging", (stage, outputs) -> Files.deleteIfExists(Path.of(outputs.get("release"))))
                .stage("smoke-staging", ctx -> {
                    pause(300);
                    return Map.of();
                })
                .stage("report", ctx -> {
                    out.println("    report: staging is running " + ctx.inputs());
                    return Map.of();
                })
                .stage("cleanup", ctx -> {
                    Files.deleteIfExists(work.resolve("src/App.java"));
                    return Map.of();
                })
                .build();
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
