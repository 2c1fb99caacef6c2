package io.jenkins.plugins.orchestra.coordinator;

/**
 * Hears every event of a run, in order, on the thread that drives the coordinator. A listener must not call back into
 * the coordinator.
 */
@FunctionalInterface
public interface CoordinatorListener {
    void onEvent(CoordinatorEvent event);
}
