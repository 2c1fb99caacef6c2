package io.jenkins.plugins.orchestra.runner.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyException;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.RunLogs;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StageLogs;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code notify}: sends the run's news to channels named in {@code orchestra.yaml} ({@code channel: 'oncall'}) or
 * given inline ({@code channel: [kind: 'webhook', url: …]}), with the policy of {@link Notifier}. The run as the message
 * tells it: the build's result so far (in {@code post}, its result), how long it has run, the stages so far, the first
 * failing stage and the last lines of its log ({@code stages/<stage>.log}), {@code BUILD_URL} if set, and the result of
 * the previous run in {@code .orchestra/runs} for {@code fixed}, {@code still-failing} and {@code changed}. What was
 * sent is remembered in the run's directory, so a resumed run does not send it again.
 *
 * <p>Every named argument but {@code channel}, {@code event}, {@code version} and {@code target} is a setting that
 * overrides the channel's own ({@code when}, {@code required}, {@code message}, {@code to}, …). It returns {@code [sent:
 * n, ok: true|false, channels: [[channel:, kind:, status:, attempts:, detail:], …]]}.
 */
public final class NotifyStep {
    private static final Set<String> OWN = Set.of("channel", "event", "version", "target");

    private NotifyStep() {}

    public static void register(PipelineRuntime runtime, RunnerStepHosts hosts, Path runDirectory) {
        runtime.register("notify", (call, rt) -> notify(call, rt, hosts, runDirectory));
    }

    private static Object notify(StepCall call, PipelineRuntime rt, RunnerStepHosts hosts, Path runDirectory)
            throws InterruptedException {
        ExecutionContext context = rt.context();
        rt.console().pipeline(context, "notify");
        List<ChannelRef> channels = channels(call);
        Map<String, Object> settings = new LinkedHashMap<>(call.named());
        settings.keySet().removeAll(OWN);
        StepHost host = hosts.forCall(rt);
        RunContext run = runContext(call, rt, host, runDirectory);
        String event = call.namedArg("event")
                .map(String::valueOf)
                .orElseGet(() -> defaultEvent(call, context, run.status(), settings));
        NotifyRequest request;
        try {
            request = new NotifyRequest(channels, settings, event);
        } catch (IllegalArgumentException e) {
            throw new StepException("notify: " + e.getMessage() + call.at());
        }
        try {
            NotifyResult result = Notifier.standard().notify(request, run, host, NotifyState.in(runDirectory));
            return result.toMap();
        } catch (NotifyException e) {
            throw new StepException("notify: " + e.getMessage() + call.at());
        }
    }

    private static List<ChannelRef> channels(StepCall call) {
        Object channel = call.arg("channel")
                .orElseThrow(() -> new StepException("notify needs its 'channel' argument: the name of a channel in"
                        + " orchestra.yaml, or its settings [kind: …]" + call.at()));
        List<ChannelRef> refs = new ArrayList<>();
        for (Object one : channel instanceof Collection<?> list ? list : List.of(channel)) {
            try {
                if (one instanceof Map<?, ?> inline) {
                    Map<String, Object> settings = new LinkedHashMap<>();
                    inline.forEach((k, v) -> settings.put(String.valueOf(k), v));
                    refs.add(ChannelRef.inline(settings));
                } else if (one instanceof CharSequence name) {
                    refs.add(ChannelRef.named(name.toString()));
                } else {
                    throw new StepException("notify: channel must be a channel's name, a list of names, or its"
                            + " settings [kind: …], was "
                            + (one == null ? "null" : one.getClass().getSimpleName())
                            + call.at());
                }
            } catch (IllegalArgumentException e) {
                throw new StepException("notify: " + e.getMessage() + call.at());
            }
        }
        if (refs.isEmpty()) {
            throw new StepException("notify: channel must name at least one channel" + call.at());
        }
        return refs;
    }

    /**
     * Where the call is and what it says: the same for the same call when a block is retried or the run resumed, and
     * another for another call, another result, or another message (a loop over targets).
     */
    private static String defaultEvent(
            StepCall call, ExecutionContext context, Outcome status, Map<String, Object> settings) {
        StringBuilder event = new StringBuilder(context.stage() == null ? "pipeline" : context.stage());
        if (context.branch() != null && !context.branch().equals(context.stage())) {
            event.append(" [").append(context.branch()).append(']');
        }
        if (call.line() > 0) {
            event.append(" line ").append(call.line());
        }
        event.append(' ').append(status.name());
        Object message = settings.get("message");
        Object title = settings.get("title");
        if (message != null || title != null) {
            event.append(' ').append(sha256(message + "\n" + title).substring(0, 12));
        }
        return event.toString();
    }

    private static RunContext runContext(StepCall call, PipelineRuntime rt, StepHost host, Path runDirectory) {
        ExecutionContext context = rt.context();
        BuildResult result = rt.currentBuild().current();
        if (context.stageState() != null) {
            result = result.combine(context.stageState().result());
        }
        List<RunContext.Stage> stages = new ArrayList<>();
        List<StageRecord> records = rt.stages();
        for (StageRecord s : records) {
            stages.add(new RunContext.Stage(s.name(), s.branch(), outcome(s.result()), s.duration(), s.error()));
        }
        // in a stage's own post section, the stage has no record yet: it is the one failing
        if (context.stage() != null
                && context.stageState() != null
                && context.stageState().result() != BuildResult.SUCCESS
                && records.stream().noneMatch(r -> r.name().equals(context.stage()))) {
            stages.add(new RunContext.Stage(
                    context.stage(),
                    context.branch(),
                    outcome(context.stageState().result()),
                    Duration.ZERO,
                    null));
        }
        Instant started = Instant.ofEpochMilli(rt.currentBuild().getStartTimeInMillis());
        Duration duration = Duration.between(started, rt.clock().instant());
        return new RunContext(
                host.run(),
                outcome(result),
                previous(runDirectory),
                duration.isNegative() ? Duration.ZERO : duration,
                stages,
                call.namedArg("version").map(String::valueOf).orElse(null),
                call.namedArg("target").map(String::valueOf).orElse(null),
                List.of(),
                new FileLogs(runDirectory));
    }

    private static Outcome outcome(BuildResult result) {
        return Outcome.valueOf(result.name());
    }

    /** The result of the newest finished run before this one, from its {@code summary.json}. */
    static Optional<Outcome> previous(Path runDirectory) {
        int current;
        try {
            current = Integer.parseInt(runDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path runs = runDirectory.getParent();
        if (runs == null || !Files.isDirectory(runs)) {
            return Optional.empty();
        }
        List<Integer> earlier = new ArrayList<>();
        try (Stream<Path> list = Files.list(runs)) {
            for (Path p : list.toList()) {
                try {
                    int n = Integer.parseInt(p.getFileName().toString());
                    if (n < current) {
                        earlier.add(n);
                    }
                } catch (NumberFormatException e) {
                    // not a run
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        earlier.sort(java.util.Comparator.reverseOrder());
        ObjectMapper json = new ObjectMapper();
        for (int n : earlier) {
            Path summary = runs.resolve(Integer.toString(n)).resolve("summary.json");
            if (!Files.isRegularFile(summary)) {
                continue; // still running, or died: not an outcome
            }
            try {
                JsonNode result = json.readTree(summary.toFile()).path("result");
                return Optional.of(Outcome.parse(result.asText()));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run directory's logs: {@code stages/<stage>.log} and {@code log.txt}, masked as they were written. */
    private record FileLogs(Path runDirectory) implements RunLogs {
        /** Enough of a log's end for the last lines a message shows. */
        private static final int TAIL_BYTES = 64 * 1024;

        @Override
        public List<String> tail(String stage, int lines) {
            Path file = runDirectory.resolve("stages").resolve(StageLogs.fileName(stage));
            if (lines <= 0 || !Files.isRegularFile(file)) {
                return List.of();
            }
            try {
                Tail end = last(file, TAIL_BYTES);
                List<String> all = new ArrayList<>(List.of(end.text().split("\n", -1)));
                if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                    all.remove(all.size() - 1);
                }
                if (end.truncated() && !all.isEmpty()) {
                    all.remove(0); // cut in the middle
                }
                // the step markers, also behind a parallel branch's name, tell a reader nothing here
                all.removeIf(line -> line.startsWith("[Pipeline] ") || line.contains("] [Pipeline] "));
                return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return List.of();
            }
        }

        @Override
        public Optional<LogExcerpt> excerpt(String stage, int maxBytes) {
            Path file = stage == null ? null : runDirectory.resolve("stages").resolve(StageLogs.fileName(stage));
            if (file == null || !Files.isRegularFile(file)) {
                file = runDirectory.resolve("log.txt");
            }
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                Tail end = last(file, maxBytes);
                return Optional.of(new LogExcerpt(file.getFileName().toString(), end.text(), end.truncated()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private record Tail(String text, boolean truncated) {}

        /** The last {@code max} bytes of a file, starting at a whole UTF-8 character. */
        private static Tail last(Path file, int max) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                long from = Math.max(0, length - max);
                byte[] bytes = new byte[(int) (length - from)];
                f.seek(from);
                f.readFully(bytes);
                int start = 0;
                while (from > 0 && start < bytes.length && (bytes[start] & 0xC0) == 0x80) {
                    start++;
                }
                return new Tail(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), from > 0);
            }
        }
    }
}
