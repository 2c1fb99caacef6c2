package io.jenkins.plugins.orchestra.deploy;

/** How a deploy ended on one host. */
public enum HostOutcome {
    /** Switched to the new release (or, for a rollback, back one release) and healthy. */
    DEPLOYED("deployed"),
    /** The release was already live with the same checksum: nothing was changed. */
    UNCHANGED("unchanged"),
    /** Failed; {@link HostResult#live()} says what the host serves now. */
    FAILED("failed"),
    /** Switched in this run, then back to the release it had, because it or another host failed. */
    ROLLED_BACK("rolled back"),
    /** Not touched: an earlier host or batch failed, or the deploy was stopped first. */
    NOT_STARTED("not started"),
    /** Blue/green: the release was put in the idle slot, but the deploy stopped before switching to it. */
    NOT_SWITCHED("not switched"),
    /** A dry run: what would happen was printed, nothing was changed. */
    PLANNED("planned");

    private final String label;

    HostOutcome(String label) {
        this.label = label;
    }

    /** As tables and outputs show it: {@code rolled back}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
