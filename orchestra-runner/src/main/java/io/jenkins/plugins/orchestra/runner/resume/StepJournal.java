package io.jenkins.plugins.orchestra.runner.resume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.process.ScriptException;
import io.jenkins.plugins.orchestra.runner.resume.JournalEntry.Failure;
import io.jenkins.plugins.orchestra.runner.resume.JournalEntry.Outcome;
import io.jenkins.plugins.orchestra.runner.resume.JournalEntry.Rerun;
import io.jenkins.plugins.orchestra.runner.resume.JournalEntry.Value;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.Console;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepInterceptor;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The step journal of a run, {@code steps.jsonl}: every completed call of a leaf step (one without a block of
 * Jenkinsfile code: {@code sh}, {@code echo}, {@code input}, …) is appended as a {@link JournalEntry} and handed to
 * the operating system before the Jenkinsfile gets its result, so it survives the runner being killed. Block steps
 * ({@code stage}, {@code parallel}, {@code withEnv}, …) are not journaled: a resumed run runs their blocks again, and
 * the calls inside them are given back.
 *
 * <p>A call is identified by the {@code parallel} branch path of its thread ({@code main} outside any branch) and its
 * number among that branch's calls, {@code main#3}, {@code Checks/Unit#2}: the same in every run of the same
 * Jenkinsfile that takes the same path, whatever the timing of concurrent branches.
 *
 * <p>{@linkplain #resume Resumed}, the journal gives back the recorded outcome of each call that completed, without
 * running it, and says so in the log; the first call without a record runs for real, as does everything after it.
 * A call whose step differs from the record under its key means the Jenkinsfile took another path: replay stops for
 * the whole run, with a warning, and the records it did not give back are dropped from the file.
 *
 * <p>What is not recorded exactly runs again on resume: a result that is not plain JSON (or does not read back as it
 * was), a result that holds a known secret (secrets never reach the journal), an exception that is not an expected
 * failure ({@link OrchestraException}), and steps that change the run's own state ({@code unstable}, {@code
 * credentials}, and the host steps of {@code orchestrate}: a resumed block runs again with a new coordinator, and
 * the steps inside its stages replay).
 */
public final class StepJournal implements StepInterceptor, Closeable {
    private static final String MAIN = "main";
    /** Steps that change the run's own state, which a recorded result would not restore. */
    private static final Map<String, String> ALWAYS_RUN = Map.of(
            "unstable", "it marks the build unstable",
            "credentials", "it binds a credential",
            // an orchestrate block runs again as a whole, with a new coordinator; the steps in its stages replay
            "orchestraPlan", "it starts an orchestrate block",
            "orchestraAwait", "it waits for the orchestrate block's coordinator",
            "orchestraReport", "it reports to the orchestrate block's coordinator",
            "orchestraSkipped", "it marks a stage of an orchestrate block skipped",
            "orchestraFinish", "it ends an orchestrate block");

    private final Path file;
    private final Console console;
    private final UnaryOperator<String> mask;
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastRecorded;
    private final int recorded;
    private final long resumedLength;
    private final AtomicInteger skipped = new AtomicInteger();

    private final Map<String, JournalEntry> pending; // guarded by this
    private final List<JournalEntry> replayed = new ArrayList<>(); // guarded by this
    private OutputStream out; // guarded by this
    private boolean replaying; // guarded by this
    private boolean broken; // guarded by this

    private StepJournal(Path file, Console console, UnaryOperator<String> mask, Map<String, JournalEntry> entries)
            throws IOException {
        this.file = file;
        this.console = Objects.requireNonNull(console, "console");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.pending = new HashMap<>(entries);
        this.recorded = entries.size();
        this.replaying = !entries.isEmpty();
        Map<String, Integer> last = new HashMap<>();
        entries.values().forEach(e -> last.merge(e.branch(), e.sequence(), Math::max));
        this.lastRecorded = Map.copyOf(last);
        // a plain stream, not a FileChannel: a write from an interrupted thread must not close the journal
        this.out = new FileOutputStream(file.toFile(), true);
        this.resumedLength = Files.size(file);
    }

    /** Starts the journal of a new run; {@code mask} hides the run's secrets, as in its log. */
    public static StepJournal create(Path file, Console console, UnaryOperator<String> mask) throws IOException {
        Files.createFile(file);
        return new StepJournal(file, console, mask, Map.of());
    }

    /**
     * Opens the journal of a run that stopped, to resume it: reads the records, and cuts off a last line that a crash
     * left incomplete, so that the lines appended next start on a line of their own.
     *
     * @throws ResumeException if a line before the last is not a record
     */
    public static StepJournal resume(Path file, Console console, UnaryOperator<String> mask) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Map<String, JournalEntry> entries = new LinkedHashMap<>();
        int start = 0;
        for (int line = 1; start < bytes.length; line++) {
            int end = indexOf(bytes, start);
            if (end < 0) {
                break; // a line is written whole with its new line: without one, it was cut short
            }
            JournalEntry entry;
            try {
                entry = JournalEntry.parse(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                if (end == bytes.length - 1) {
                    break; // the last line, garbled by a crash
                }
                throw new ResumeException(file + " line " + line + " is not a step record: " + e.getMessage());
            }
            entries.put(entry.key(), entry);
            start = end + 1;
        }
        if (start < bytes.length) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(start);
            }
        }
        return new StepJournal(file, console, mask, entries);
    }

    /** How many completed calls the journal held when it was opened. */
    public int recorded() {
        return recorded;
    }

    /** How many calls were given back without running. */
    public int skipped() {
        return skipped.get();
    }

    @Override
    public Object intercept(StepCall call, ExecutionContext context, Invocation step) throws Exception {
        if (call.isBlock()) {
            return step.run();
        }
        String branch = context.branch() == null ? MAIN : context.branch();
        int sequence =
                counters.computeIfAbsent(branch, b -> new AtomicInteger()).incrementAndGet();
        String key = branch + "#" + sequence;
        JournalEntry entry = replay(key, call.name(), context);
        if (entry != null) {
            if (entry.outcome() instanceof Value v) {
                return JournalEntry.Json.MAPPER.treeToValue(v.json(), Object.class);
            }
            if (entry.outcome() instanceof Failure f) {
                throw f.exception();
            }
            return step.run(); // recorded already, as a call that runs again
        }
        Object value;
        try {
            value = step.run();
        } catch (OrchestraException e) {
            append(new JournalEntry(key, call.name(), failure(call.name(), e)));
            throw e;
        } catch (Exception | Error e) {
            append(new JournalEntry(
                    key, call.name(), new Rerun("it threw " + e.getClass().getName())));
            throw e;
        }
        append(new JournalEntry(key, call.name(), outcome(call.name(), value)));
        return value;
    }

    /**
     * A step error, given back as a {@link io.jenkins.plugins.orchestra.runner.script.StepException} with its
     * message; an interruption (a {@link FlowInterruptedException}, or a script stopped because its thread was
     * interrupted) as a {@link FlowInterruptedException} with its result.
     */
    private Outcome failure(String step, OrchestraException e) {
        String always = ALWAYS_RUN.get(step);
        if (always != null) {
            return new Rerun(always);
        }
        BuildResult interrupted = null;
        if (e instanceof FlowInterruptedException f) {
            interrupted = f.result();
        } else if (e instanceof ScriptException.Aborted) {
            interrupted = BuildResult.ABORTED;
        }
        return new Failure(mask.apply(String.valueOf(e.getMessage())), interrupted);
    }

    /** The record to give back for this call, or {@code null} if it runs for real. */
    private synchronized JournalEntry replay(String key, String step, ExecutionContext context) {
        if (!replaying) {
            return null;
        }
        JournalEntry entry = pending.remove(key);
        if (entry == null) {
            Integer last = lastRecorded.get(key.substring(0, key.lastIndexOf('#')));
            if (last != null && last + 1 == Integer.parseInt(key.substring(key.lastIndexOf('#') + 1))) {
                console.println(context, "[resume] running " + step + ": it had not completed when the run stopped");
            }
            return null;
        }
        if (!entry.step().equals(step)) {
            console.println(
                    context,
                    "[resume] WARNING: call " + key + " is " + step + ", but was " + entry.step()
                            + " before the run stopped: the Jenkinsfile took another path, so from here on every"
                            + " step runs again");
            diverge();
            return null;
        }
        replayed.add(entry);
        if (entry.outcome() instanceof Rerun r) {
            console.println(context, "[resume] running " + step + " again: " + r.reason());
        } else if (entry.outcome() instanceof Failure f) {
            skipped.incrementAndGet();
            console.println(
                    context, "[resume] skipped " + step + " (failed before the run stopped: " + f.message() + ")");
        } else {
            skipped.incrementAndGet();
            console.println(context, "[resume] skipped " + step + " (completed before the run stopped)");
        }
        return entry;
    }

    /** Stops replaying, and keeps in the file only what this run did: the records it gave back, then its own. */
    private void diverge() {
        replaying = false;
        pending.clear();
        if (broken) {
            return;
        }
        Path rewritten = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            out.close();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (JournalEntry e : replayed) {
                text.write((e.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] all = Files.readAllBytes(file);
            text.write(all, (int) resumedLength, all.length - (int) resumedLength);
            Files.write(rewritten, text.toByteArray());
            Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            fail(e);
        }
    }

    private synchronized void append(JournalEntry entry) {
        if (broken) {
            return;
        }
        try {
            out.write((entry.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        broken = true;
        console.println(
                ExecutionContext.root(file.getParent()),
                "WARNING: cannot write " + file + " (" + e.getMessage() + "): the steps from here on are not"
                        + " journaled, and a resumed run would run them again");
    }

    private Outcome outcome(String step, Object value) {
        String always = ALWAYS_RUN.get(step);
        if (always != null) {
            return new Rerun(always);
        }
        if (!isJson(value)) {
            return new Rerun("its result, a " + value.getClass().getName() + ", is not recorded");
        }
        JsonNode json = JournalEntry.Json.MAPPER.valueToTree(value);
        String text = json.toString();
        if (!mask.apply(text).equals(text)) {
            return new Rerun("its result holds a secret");
        }
        try {
            if (!Objects.equals(JournalEntry.Json.MAPPER.readValue(text, Object.class), value)) {
                return new Rerun("its result does not read back from JSON as it was");
            }
        } catch (JsonProcessingException e) {
            return new Rerun("its result does not read back from JSON");
        }
        return new Value(json);
    }

    /** Plain JSON: what reads back from a JSON text as it was, up to the exact number types, which are checked after. */
    private static boolean isJson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
            return true;
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return true;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(StepJournal::isJson);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(e -> e.getKey() instanceof String && isJson(e.getValue()));
        }
        return false;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
