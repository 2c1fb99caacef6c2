package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.jenkins.graph.BlockLog;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The log of a stage of an {@code orchestrate} block: the log of its {@code parallel} branch (every attempt, its
 * approval, its rollback), read a page at a time as openapi.yaml's LogChunk. Offsets count the bytes Jenkins keeps,
 * console notes included; the text comes without them, and a page that stops before the end of the log stops at the
 * end of a line.
 */
@Restricted(NoExternalUse.class)
final class StageLog {
    static final int MAX_PAGE = 1 << 20;

    private final BlockLog log;

    private StageLog(BlockLog log) {
        this.log = log;
    }

    /** The log of the branch that starts at flow node {@code branch}; empty if it has not started. */
    static StageLog of(FlowExecution execution, String branch) {
        return new StageLog(BlockLog.of(execution, branch));
    }

    /** A page from {@code offset} (at most {@code limit} bytes), or the last {@code tail} bytes from a line start. */
    Map<String, Object> page(String stage, Long offset, Long limit, Long tail) throws IOException {
        long size = log.size();
        boolean fromTail = tail != null && offset == null;
        long from =
                fromTail ? Math.max(0, size - Math.min(tail, MAX_PAGE)) : offset == null ? 0 : Math.min(offset, size);
        long max = Math.min(limit == null ? MAX_PAGE : limit, MAX_PAGE);
        byte[] bytes = log.read(from, (int) Math.min(max, size - from));
        return LogPage.of(stage, from, bytes, size, fromTail);
    }
}
