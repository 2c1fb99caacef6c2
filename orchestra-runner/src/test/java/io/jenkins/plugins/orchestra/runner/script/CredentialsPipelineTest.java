package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.runner.credentials.LocalCredentialStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CredentialsPipelineTest {
    @TempDir
    Path workspace;

    @TempDir
    Path home;

    private LocalCredentialStore store;

    @BeforeEach
    void credentials() throws Exception {
        Path file = home.resolve("credentials.json");
        Files.writeString(
                file,
                """
                {"credentials": {
                  "deployer": {"type": "usernamePassword", "username": "deploy", "password": "s3cr3t-pa55"},
                  "api-token": {"type": "string", "secret": "tok-1234567890"},
                  "kubeconfig": {"type": "file", "fileName": "config", "content": "server: https://k8s.example\\ntoken: kube-9876"}
                }}
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        store = LocalCredentialStore.load(Optional.of(file), Map.of(), home);
    }

    private Runs.Run run(String jenkinsfile) {
        return Runs.run(workspace, jenkinsfile, Map.of(), InputProvider.unattended(), store);
    }

    @Test
    void bindsCredentialsForTheBlockAndMasksThemEverywhere() {
        Runs.Run run = run(
                """
                withCredentials([usernamePassword(credentialsId: 'deployer', usernameVariable: 'U', passwordVariable: 'P'),
                                 string(credentialsId: 'api-token', variable: 'TOKEN')]) {
                    sh 'echo "user=$U pass=$P token=$TOKEN"'
                    echo "from groovy: ${env.P}"
                }
                sh 'echo "after: [$P]"'
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .contains("Masking supported pattern matches of $P or $TOKEN")
                .contains("user=deploy pass=**** token=****")
                .contains("from groovy: ****")
                .contains("after: []")
                .doesNotContain("s3cr3t-pa55", "tok-1234567890");
    }

    @Test
    void masksASecretInTheErrorOfAFailedStageForTheSummaryJUnitAndNotifications() {
        Runs.Run run = run(
                """
                stage('smoke') {
                    withCredentials([string(credentialsId: 'api-token', variable: 'TOKEN')]) {
                        error "refused with token ${env.TOKEN}"
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.outcome().stages()).singleElement().satisfies(s -> assertThat(s.error())
                .isEqualTo("refused with token ****"));
        assertThat(run.log()).doesNotContain("tok-1234567890");
    }

    @Test
    void bindsAFileCredentialAsAPrivateFileThatIsGoneAfterTheBlock() {
        Runs.Run run = run(
                """
                def path
                withCredentials([file(credentialsId: 'kubeconfig', variable: 'KUBECONFIG')]) {
                    path = env.KUBECONFIG
                    sh 'stat -c %a "$KUBECONFIG"; grep -c server "$KUBECONFIG"'
                }
                echo "exists after: ${new File(path).exists()}"
                """);
        assertThat(run.log()).contains("600", "exists after: false");
    }

    @Test
    void declarativeEnvironmentCredentialsGivesUserAndPasswordVariables() {
        Runs.Run run = run(
                """
                pipeline {
                    agent any
                    environment { DEPLOY = credentials('deployer') }
                    stages {
                        stage('Show') { steps { sh 'echo "$DEPLOY_USR / $DEPLOY_PSW / $DEPLOY"' } }
                    }
                }
                """);
        assertThat(run.log()).contains("deploy / **** / deploy:****").doesNotContain("s3cr3t-pa55");
    }

    @Test
    void declarativeEnvironmentFileCredentialsAreGoneWhenTheirBlockEnds() {
        Runs.Run run = run(
                """
                pipeline {
                    agent any
                    environment { PIPELINE_FILE = credentials('kubeconfig') }
                    stages {
                        stage('Use') {
                            environment { STAGE_FILE = credentials('kubeconfig') }
                            steps {
                                sh 'stat -c %a "$STAGE_FILE" "$(dirname "$STAGE_FILE")"'
                                echo "stage file: ${env.STAGE_FILE}"
                                echo "pipeline file: ${env.PIPELINE_FILE}"
                            }
                        }
                        stage('After') {
                            steps {
                                echo "pipeline file in a later stage: ${new File(env.PIPELINE_FILE).exists()}"
                            }
                        }
                    }
                }
                """);
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("600", "700", "pipeline file in a later stage: true");
        Path stageFile = Path.of(line(run.log(), "stage file: "));
        Path pipelineFile = Path.of(line(run.log(), "pipeline file: "));
        assertThat(stageFile.getParent()).as("the stage's credential directory").doesNotExist();
        assertThat(pipelineFile.getParent())
                .as("the pipeline's credential directory")
                .doesNotExist();
    }

    private static String line(String log, String prefix) {
        return log.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in\n" + log))
                .substring(prefix.length());
    }

    @Test
    void anUnknownCredentialFailsWithOneLineAndASuggestion() {
        Runs.Run run = run("withCredentials([string(credentialsId: 'api-tokn', variable: 'T')]) { echo 'x' }");
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains(
                        "ERROR: Could not find credentials entry with ID 'api-tokn' (did you mean" + " 'api-token'?)");
    }
}
