package io.jenkins.plugins.orchestra.reliability.badinput;

import java.util.List;
import java.util.Map;

/**
 * Cases known to end in an unclear error, each with why; docs/reliability.md lists them under what is left. They are
 * counted as unclear in the figures but do not fail the suite; anything else that is not a clear error does.
 */
final class Known {
    static final Map<String, String> CASES = Map.ofEntries(
            Map.entry("notify channel: 'out', title: [1]", "notify turns a title of another type into text"),
            Map.entry("notify channel: [kind: 'outbox', directory: 'x', name: ", "an inline channel's name is a label"),
            Map.entry("env: ['A;touch", "provision passes variable names as given (no shell reads them)"),
            Map.entry("key file missing: exit 0", "a key file is read when its credential is used"));

    private Known() {}

    static String reason(String problem) {
        for (Map.Entry<String, String> e : CASES.entrySet()) {
            if (problem.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The problems that are not known. */
    static List<String> unknown(List<String> problems) {
        return problems.stream().filter(p -> reason(p) == null).toList();
    }
}
