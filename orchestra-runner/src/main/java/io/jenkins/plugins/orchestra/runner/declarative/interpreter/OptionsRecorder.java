package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code options { … }}: {@code timeout} and {@code retry} change how stages run; {@code skipDefaultCheckout},
 * {@code disableConcurrentBuilds}, {@code timestamps}, {@code buildDiscarder} and the like are accepted and have
 * nothing to do locally.
 */
final class OptionsRecorder extends Recorder {
    Long timeoutNanos;
    int retry = 1;
    boolean parallelsAlwaysFailFast;
    boolean skipStagesAfterUnstable;

    public void timeout(Map<String, Object> args) {
        long time = ((Number) args.get("time")).longValue();
        Object unit = args.getOrDefault("unit", "MINUTES");
        timeoutNanos = TimeUnit.valueOf(unit.toString().toUpperCase(java.util.Locale.ROOT))
                .toNanos(time);
    }

    public void retry(Object count) {
        retry = ((Number) (count instanceof Map<?, ?> m ? m.get("count") : count)).intValue();
    }

    public void parallelsAlwaysFailFast() {
        parallelsAlwaysFailFast = true;
    }

    public void skipStagesAfterUnstable() {
        skipStagesAfterUnstable = true;
    }

    /** Options that mean nothing to a local run. */
    public Object methodMissing(String name, Object args) {
        return null;
    }
}
