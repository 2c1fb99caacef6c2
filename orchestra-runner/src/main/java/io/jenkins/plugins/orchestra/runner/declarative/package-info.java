/**
 * The Declarative Pipeline front end of the local runner: {@link
 * io.jenkins.plugins.orchestra.runner.declarative.DeclarativeParser} reads a Jenkinsfile's {@code pipeline {}} block
 * into an immutable {@link io.jenkins.plugins.orchestra.runner.declarative.PipelineModel} without running anything,
 * {@link io.jenkins.plugins.orchestra.runner.declarative.DeclarativeValidator} reports every error with Jenkins' own
 * message texts, and {@link io.jenkins.plugins.orchestra.runner.declarative.DeclarativeReport} renders them the way
 * Jenkins prints a failed compilation.
 */
package io.jenkins.plugins.orchestra.runner.declarative;
