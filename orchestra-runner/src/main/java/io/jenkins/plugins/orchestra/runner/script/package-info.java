/**
 * Runs a Jenkinsfile as Groovy 2.4.21 code whose unknown method calls are pipeline steps, the way Jenkins Pipeline
 * does, without Jenkins.
 */
package io.jenkins.plugins.orchestra.runner.script;
