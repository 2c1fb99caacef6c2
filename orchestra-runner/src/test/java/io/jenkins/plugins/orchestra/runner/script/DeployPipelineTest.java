package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code deploy} step in Jenkinsfiles run by the runner, with targets from {@code orchestra.yaml}. */
@Timeout(120)
class DeployPipelineTest {
    @TempDir
    Path workspace;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(
                workspace.resolve("orchestra.yaml"),
                """
                targets:
                  web:
                    kind: local
                    hosts: [a, b, c]
                    base: out/{host}
                """);
        Files.createDirectories(workspace.resolve("build/1"));
        Files.writeString(workspace.resolve("build/1/index.html"), "one\n");
        Files.createDirectories(workspace.resolve("build/2"));
        Files.writeString(workspace.resolve("build/2/index.html"), "two\n");
    }

    @Test
    void deploysAndReturnsItsOutputs() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                node {
                    def r = deploy target: 'web', artifact: 'build/1', version: "1.0.${env.BUILD_NUMBER}"
                    echo "deployed ${r.version} to ${r.hosts.size()} hosts: ${r.hosts.collect { it.host + '=' + it.result }.join(', ')}"
                }
                """);
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .contains("[Pipeline] deploy")
                .contains("Deploying 1.0.7 (1, directory, ")
                .contains("deployed 1.0.7 to 3 hosts: a=deployed, b=deployed, c=deployed");
        assertThat(workspace.resolve("out/b/current/index.html")).hasContent("one");
    }

    @Test
    void aFailedDeployFailsTheBuildWithItsTable() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                node {
                    deploy target: 'web', artifact: 'build/1', version: '1'
                    deploy target: 'web', artifact: 'build/2', version: '2', strategy: 'rolling',
                           healthCheck: [command: 'test "$DEPLOY_HOST" != b', timeout: '300ms', interval: '100ms']
                    echo 'not reached'
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("ERROR: deploy: deploy to target 'web' failed: 1 of 3 hosts failed (b: health check failed")
                .contains("; rolled back: a, b; not started: c")
                .containsPattern("c +1 -> 2 +not started")
                .doesNotContain("not reached");
        assertThat(workspace.resolve("out/a/current/index.html")).hasContent("one");
    }

    @Test
    void aCanaryIsPromotedThroughInput() throws Exception {
        List<String> asked = new ArrayList<>();
        InputProvider input = new InputProvider() {
            @Override
            public Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters) {
                asked.add(message);
                return new Answer(true, "alice", Map.of());
            }
        };
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('Release') {
                            steps {
                                deploy target: 'web', artifact: 'build/2', version: '2', strategy: 'canary', approval: true
                            }
                        }
                    }
                }
                """,
                Map.of(),
                input);
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(asked)
                .containsExactly("Promote the release from the canary hosts to the rest? (2 is live and healthy on a)");
        assertThat(run.log()).contains("Promoted by alice");
    }

    @Test
    void anUnattendedCanaryApprovalRollsBackAndAborts() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                node {
                    deploy target: 'web', artifact: 'build/1', version: '1'
                    deploy target: 'web', artifact: 'build/2', version: '2', strategy: 'canary', approval: 'Go?'
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.ABORTED);
        assertThat(run.log()).contains("[a] rolled back: current -> 1");
        assertThat(workspace.resolve("out/a/current/index.html")).hasContent("one");
        assertThat(workspace.resolve("out/a/.orchestra/lock")).doesNotExist();
    }

    @Test
    void badParametersNameTheFieldAndTheLine() {
        Runs.Run run = Runs.run(
                workspace,
                "node {\n  deploy target: 'web', artifact: 'x', version: '1', batch: 'x',"
                        + " strategy: 'rolling'\n}\n");
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("ERROR: deploy: batch must be a count or a percentage such as '25%', at least"
                        + " 1, was 'x' @ line 2");
    }

    @Test
    void theRunsDryRunChangesNothing() {
        Runs.Run run = Runs.run(
                workspace,
                """
                node {
                    withEnv(['ORCHESTRA_DRY_RUN=true']) {
                        def r = deploy target: 'web', artifact: 'build/1', version: '1'
                        echo "result ${r.result}"
                    }
                }
                """);
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("Dry run: deploy 1", "result DRY_RUN");
        assertThat(workspace.resolve("out")).doesNotExist();
    }

    @Test
    void insideOrchestrateTheDeployResultIsTheStageOutputsWithHostsAsJson() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                node {
                    deploy target: 'web', artifact: 'build/1', version: '1'
                    orchestrate {
                        stage('release') { deploy target: 'web', artifact: 'build/2', version: '2' }
                        stage('check', needs: 'release') { inputs ->
                            def out = inputs.release
                            def hosts = readJSON(text: out.hosts)
                            echo "version ${out.version} previous ${out.previousVersion} result ${out.result}"
                            echo "hosts ${hosts.collect { it.host + '=' + it.result + ':' + it.previous + '->' + it.live }.join(', ')}"
                            echo "raw ${out.hosts}"
                        }
                    }
                }
                """);
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .contains("[check] version 2 previous 1 result SUCCESS")
                .contains("[check] hosts a=deployed:1->2, b=deployed:1->2, c=deployed:1->2")
                .contains("[check] raw [{\"host\":\"a\",\"previous\":\"1\",\"version\":\"2\",\"result\":\"deployed\"");
        assertThat(workspace.resolve("out/c/current/index.html")).hasContent("two");
    }
}
