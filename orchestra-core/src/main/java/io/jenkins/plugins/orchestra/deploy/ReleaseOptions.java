package io.jenkins.plugins.orchestra.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a release looks like on a host beyond its files.
 *
 * @param keep how many releases stay on each host, 5 by default; the live one and the one before it always stay
 * @param shared paths inside the release replaced by links to {@code <base>/shared/<path>}, which outlive releases
 *     (logs, uploads, a config file); a missing one is created as an empty directory
 * @param hooks commands run on each host around the switch
 */
public record ReleaseOptions(int keep, List<String> shared, Hooks hooks) {
    public static final int DEFAULT_KEEP = 5;

    public ReleaseOptions {
        if (keep < 1) {
            throw new IllegalArgumentException("deploy: keep must be at least 1, was " + keep);
        }
        List<String> checked = new ArrayList<>();
        for (String path : shared) {
            String p = Names.relativePath("shared", path);
            if (checked.contains(p)) {
                throw new IllegalArgumentException("deploy: shared lists '" + p + "' twice");
            }
            checked.add(p);
        }
        shared = List.copyOf(checked);
        Objects.requireNonNull(hooks, "hooks");
    }

    public static ReleaseOptions defaults() {
        return new ReleaseOptions(DEFAULT_KEEP, List.of(), Hooks.none());
    }
}
