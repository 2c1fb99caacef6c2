package io.jenkins.plugins.orchestra.host;

/**
 * Where an automation tells the user what it does: Jenkins' {@code TaskListener}, the runner's console. Lines are
 * masked by the host before anyone sees them. Implementations are thread-safe, since a deploy to many hosts reports
 * from many threads.
 */
public interface StepListener {
    /** One line (or several, split on {@code \n}) of progress for the user. */
    void info(String line);

    /** Something the user should act on that does not fail the step. */
    default void warn(String line) {
        info("WARNING: " + line);
    }
}
