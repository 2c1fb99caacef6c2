package io.jenkins.plugins.orchestra.reliability.secrets;

/** The Jenkinsfiles of the secrets suite: every credential kind, bound and used by every step and channel. */
final class Pipelines {
    static final String CHANNELS = "['mail', 'slack-bot', 'slack-hook', 'teams', 'mattermost', 'hook']";

    private static final String BIND_ALL =
            """
            withCredentials([string(credentialsId: 'api-token', variable: 'API_TOKEN'),
                             usernamePassword(credentialsId: 'nexus', usernameVariable: 'NEXUS_USER',
                                              passwordVariable: 'NEXUS_PASS'),
                             usernameColonPassword(credentialsId: 'nexus', variable: 'NEXUS_UP'),
                             file(credentialsId: 'npmrc', variable: 'NPMRC'),
                             sshUserPrivateKey(credentialsId: 'deploy-key', keyFileVariable: 'KEY',
                                               passphraseVariable: 'KEY_PASS', usernameVariable: 'KEY_USER')])""";

    /** Prints every bound secret, in each form the masker promises to hide. */
    private static final String PRINT_ALL =
            """
            sh '''
                echo "token $API_TOKEN password $NEXUS_PASS pair $NEXUS_UP passphrase $KEY_PASS"
                printf '%s' "$API_TOKEN" | base64 -w0; echo
                printf '%s' "$API_TOKEN" | base64 -w0 | tr '+/' '-_'; echo
                printf 'Authorization: Basic %s\\\\n' "$(printf '%s' "$NEXUS_USER:$NEXUS_PASS" | base64 -w0)"
                printf 'x%s' "$NEXUS_PASS" | base64 -w0; echo
                printf 'xy%s' "$KEY_PASS" | base64 -w0; echo
                python3 -c 'import json, os, urllib.parse as u
            for v in ("API_TOKEN", "NEXUS_PASS"):
                t = os.environ[v]
                print(json.dumps({"t": t}), u.quote_plus(t), u.quote(t, safe=""))'
                cat "$KEY"
                test -s "$NPMRC" && wc -c < "$NPMRC"
                set -x
                : "$API_TOKEN" "$NEXUS_PASS"
            '''
            """;

    /** Provisions (Ansible over SSH with secret variables and a vault; a script with a secret variable), prints every
     * bound secret, deploys over SSH with a key that has a passphrase, and notifies every channel. */
    static final String DELIVERY =
            """
            node {
                stage('provision') {
                    provision tool: 'ansible', playbook: 'site.yml', inventory: 'inventory.ini',
                              sshCredentials: 'ansible-key', secretVars: [db_password: 'db-password'],
                              vaultCredentials: 'vault-pass', timeout: '3m'
                    def r = provision tool: 'shell', secretEnv: [ENV_TOKEN: 'env-token'], script: '''
                        echo "the script sees $ENV_TOKEN"
                        echo "token=$ENV_TOKEN" >> "$ORCHESTRA_OUTPUTS"
                        echo "plain=visible" >> "$ORCHESTRA_OUTPUTS"
                    '''
                    echo "outputs ${r}"
                }
                stage('build') {
                    %s {
                        %s
                        echo "the echo step: ${env.API_TOKEN} ${env.NEXUS_PASS}"
                        sh "echo interpolated ${env.KEY_PASS}"
                    }
                    sh 'rm -rf target && mkdir -p target app && echo 1.0.0 > app/VERSION && tar -czf target/app.tar.gz -C app .'
                }
                stage('deploy') {
                    deploy target: 'web', artifact: 'target/app.tar.gz', version: '1.0.0', strategy: 'rolling', batch: 1,
                           keep: 3
                }
                stage('announce') {
                    notify channel: %s, message: 'released {{version}}', version: '1.0.0', required: true
                }
            }
            """
                    .formatted(BIND_ALL, PRINT_ALL, CHANNELS);

    /** A stage that prints secrets and fails, a parallel one that fails with a secret in its error; a failure notice
     * to every channel with the failing stage's last log lines (and the log attached to the email). */
    static final String FAILING =
            """
            pipeline {
                agent any
                stages {
                    stage('smoke') {
                        parallel {
                            stage('print') {
                                steps {
                                    %s {
                                        %s
                                        sh 'echo "failing now, token $API_TOKEN"; exit 3'
                                    }
                                }
                            }
                            stage('refuse') {
                                steps {
                                    withCredentials([string(credentialsId: 'api-token', variable: 'API_TOKEN')]) {
                                        error "refused with token ${env.API_TOKEN}"
                                    }
                                }
                            }
                        }
                    }
                }
                post {
                    failure {
                        notify channel: %s, required: true, logLines: 40
                    }
                }
            }
            """
                    .formatted(BIND_ALL, PRINT_ALL, CHANNELS);

    /** A stage holding secrets (a file among them) while it sleeps, killed there and resumed; then a deploy and a
     * message. */
    static final String HOLDING =
            """
            node {
                stage('hold') {
                    %s {
                        sh '''
                            echo "holding $API_TOKEN and $KEY_PASS"
                            if [ -e holding ]; then echo "resumed with $NEXUS_PASS"; else touch holding; sleep 60; fi
                        '''
                    }
                }
                stage('after') {
                    deploy target: 'web', artifact: 'target/app.tar.gz', version: '1.0.1', strategy: 'rolling', batch: 1,
                           keep: 3
                    notify channel: ['hook', 'mail'], message: 'resumed and released {{version}}', version: '1.0.1',
                           required: true
                }
            }
            """
                    .formatted(BIND_ALL);

    private Pipelines() {}
}
