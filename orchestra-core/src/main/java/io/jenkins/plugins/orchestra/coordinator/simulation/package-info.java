/**
 * Runs a plan on simulated time with stated durations and outcomes: "what if" estimates, benchmarks of the
 * coordinator's scheduling, and deterministic tests.
 */
package io.jenkins.plugins.orchestra.coordinator.simulation;
