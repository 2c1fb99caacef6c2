package io.jenkins.plugins.orchestra.coordinator;

/** What a stage's failure does to the rest of the run. */
public enum FailurePolicy {
    /**
     * The default: nothing new starts (stages waiting to start are skipped, save those whose {@code when} is
     * {@code failure} or {@code always}); running stages finish, or are aborted if the plan is {@code failFast};
     * then rollbacks and {@code finally} stages run and the run fails.
     */
    HALT_PIPELINE("haltPipeline"),
    /** Stages that need this one are skipped (unless their {@code when} says otherwise); the rest runs on; the run fails. */
    HALT_BRANCH("haltBranch"),
    /** The failure counts as success with a warning. */
    IGNORE("ignore");

    private final String userName;

    FailurePolicy(String userName) {
        this.userName = userName;
    }

    /** The name users write in a Jenkinsfile. */
    public String userName() {
        return userName;
    }

    static FailurePolicy fromUserName(String field, String text) {
        for (FailurePolicy p : values()) {
            if (p.userName.equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw InvalidPlanException.ofField(field, "must be haltPipeline, haltBranch or ignore, was '" + text + "'");
    }
}
