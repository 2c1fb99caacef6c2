package io.jenkins.plugins.orchestra.deploy.strategy;

import io.jenkins.plugins.orchestra.deploy.HostOutcome;
import io.jenkins.plugins.orchestra.deploy.HostResult;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-host table a deploy prints at its end:
 *
 * <pre>
 * host  previous -&gt; new  result       time  error
 * web1  41 -&gt; 42         rolled back  3.1s
 * web2  41 -&gt; 42         rolled back  3.0s  health check failed after 3.0s (2 tries): GET … answered 500
 * web3  41 -&gt; 42         not started  -
 * </pre>
 */
public final class HostTable {
    private HostTable() {}

    public static List<String> lines(List<HostResult> hosts) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"host", "previous -> new", "result", "time", "error"});
        for (HostResult h : hosts) {
            boolean untouched = h.outcome() == HostOutcome.NOT_STARTED;
            rows.add(new String[] {
                h.host(),
                h.previous().orElse("-") + " -> " + h.version().orElse("-"),
                h.outcome().label(),
                untouched ? "-" : Durations.format(h.time()),
                h.error().orElse("")
            });
        }
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
