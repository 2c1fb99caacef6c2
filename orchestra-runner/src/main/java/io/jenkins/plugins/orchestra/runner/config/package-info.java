/** The runner's {@code orchestra.yaml}: named deploy targets and notification channels. */
package io.jenkins.plugins.orchestra.runner.config;
