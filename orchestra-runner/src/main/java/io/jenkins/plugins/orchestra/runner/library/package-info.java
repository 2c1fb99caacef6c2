/**
 * Jenkins shared libraries from local folders: {@code orchestra run --library name=path} makes {@code @Library('name')}
 * and the {@code library} step load the folder's {@code vars/}, {@code src/} and {@code resources/}, compiled with the
 * Jenkinsfile's own Groovy class loader, as Jenkins does. See {@code docs/runner.md}.
 */
package io.jenkins.plugins.orchestra.runner.library;
