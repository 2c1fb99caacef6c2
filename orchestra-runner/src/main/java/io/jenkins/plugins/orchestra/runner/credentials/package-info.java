/**
 * The local runner's credentials: a file the user keeps private, {@code ~/.config/orchestra/credentials.json}, and
 * {@code ORCHESTRA_CREDENTIAL_*} environment variables. Never the Jenkinsfile, which names credentials only by id.
 * See {@code docs/credentials.md}.
 */
package io.jenkins.plugins.orchestra.runner.credentials;
