package io.jenkins.plugins.orchestra.deploy;

/**
 * Asks a person whether a canary deploy goes on to the rest of the hosts: the host's own way of asking (the runner's
 * {@code input}, Jenkins' input step). Called on the thread that runs the deploy.
 */
@FunctionalInterface
public interface DeployApproval {
    /**
     * Asks {@code question} and waits for the answer.
     *
     * @throws InterruptedException if the deploy is stopped while waiting
     */
    Decision ask(String question) throws InterruptedException;

    /**
     * An answer.
     *
     * @param approved whether the deploy goes on
     * @param by who answered
     */
    record Decision(boolean approved, String by) {}

    /** For hosts nobody can answer: every question is refused, saying so. */
    static DeployApproval refuseAll(String why) {
        return question -> new Decision(false, why);
    }
}
