package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;

/** Counts events and keeps none of them. */
public final class CountingListener implements CoordinatorListener {
    private long events;

    @Override
    public void onEvent(CoordinatorEvent event) {
        events++;
    }

    public long events() {
        return events;
    }
}
