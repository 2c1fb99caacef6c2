/**
 * Runs plans written in Java: a driver thread owns the {@link io.jenkins.plugins.orchestra.coordinator.Coordinator}
 * and a pool of threads runs the stages. Used by the benchmarks, the tests and the local runner.
 */
package io.jenkins.plugins.orchestra.coordinator.executor;
