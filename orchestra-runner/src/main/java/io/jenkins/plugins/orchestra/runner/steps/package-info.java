/** The built-in steps of the local runner, with Jenkins' semantics. */
package io.jenkins.plugins.orchestra.runner.steps;
