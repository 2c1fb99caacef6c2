/**
 * Runs a Declarative {@code pipeline { … }}: its sections are read by evaluating their blocks against small recorders,
 * then the stages run with Jenkins' semantics (when, input, environment, options, parallel, matrix, post).
 */
package io.jenkins.plugins.orchestra.runner.declarative.interpreter;
