package io.jenkins.plugins.orchestra.deploy.release;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <base>/.orchestra/releases.log}: one tab-separated line per switch of {@code current}, appended, never
 * rewritten:
 *
 * <pre>
 * 2026-11-23T10:00:00Z  deploy    42  9f86d08…  web-app#42  alice
 * 2026-11-23T10:05:00Z  rollback  41            web-app#43  bob
 * </pre>
 *
 * A {@code deploy} line makes its version live (with the checksum of its artifact); a {@code rollback} line goes back
 * to the release before, its version (empty when nothing was live before). Replayed as a stack, the lines say which
 * release a rollback goes back to: rolling back twice goes back two releases.
 */
public final class ReleaseLog {
    public static final String DEPLOY = "deploy";
    public static final String ROLLBACK = "rollback";

    private final List<Entry> entries;

    private ReleaseLog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * A line of the log.
     *
     * @param version the release made live, empty for a rollback to nothing
     * @param checksum the artifact's SHA-256 for a deploy, else empty
     */
    public record Entry(Instant time, String action, String version, String checksum, String run, String user) {
        public Entry {
            Objects.requireNonNull(time, "time");
            action = clean(action);
            version = clean(version);
            checksum = clean(checksum);
            run = clean(run);
            user = clean(user);
        }

        public String line() {
            return time + "\t" + action + "\t" + version + "\t" + checksum + "\t" + run + "\t" + user;
        }

        static Optional<Entry> parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length < 6 || !(f[1].equals(DEPLOY) || f[1].equals(ROLLBACK))) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(Instant.parse(f[0]), f[1], f[2], f[3], f[4], f[5]));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        private static String clean(String value) {
            return Objects.requireNonNull(value, "value")
                    .replaceAll("[\\t\\r\\n\\x00]", " ")
                    .strip();
        }
    }

    /** Reads the log's lines; lines that are not entries (a torn last line, say) are skipped. */
    public static ReleaseLog parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            Entry.parse(line).ifPresent(entries::add);
        }
        return new ReleaseLog(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The releases made live, oldest at the bottom, replaying deploys as pushes and rollbacks as pops. */
    public List<String> stack() {
        List<String> stack = new ArrayList<>();
        for (Entry e : entries) {
            if (e.action().equals(DEPLOY)) {
                if (stack.isEmpty() || !stack.get(stack.size() - 1).equals(e.version())) {
                    stack.add(e.version());
                }
            } else {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
                boolean matches = e.version().isEmpty()
                        ? stack.isEmpty()
                        : !stack.isEmpty() && stack.get(stack.size() - 1).equals(e.version());
                if (!matches) {
                    // the log and the host disagree (a hand-made change): trust the line
                    stack.clear();
                    if (!e.version().isEmpty()) {
                        stack.add(e.version());
                    }
                }
            }
        }
        return stack;
    }

    /**
     * The release a rollback from {@code current} goes to: the one below {@code current} on the stack that is still
     * present, else the newest other present release the log knows.
     */
    public Optional<String> previous(Optional<String> current, List<String> present) {
        List<String> stack = stack();
        int from = current.map(stack::lastIndexOf).orElse(-1);
        if (from < 0) {
            from = stack.size();
        }
        for (int i = from - 1; i >= 0; i--) {
            String v = stack.get(i);
            if (present.contains(v) && !current.filter(v::equals).isPresent()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The checksum of the last deploy of each version. */
    public Map<String, String> checksums() {
        Map<String, String> sums = new HashMap<>();
        for (Entry e : entries) {
            if (e.action().equals(DEPLOY) && !e.checksum().isEmpty()) {
                sums.put(e.version(), e.checksum());
            }
        }
        return sums;
    }

    /** {@code present} ordered by when each was last deployed, oldest first; releases the log never names first. */
    public List<String> byAge(List<String> present) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!e.version().isEmpty()) {
                last.put(e.version(), i);
            }
        }
        List<String> ordered = new ArrayList<>(present);
        ordered.sort((a, b) -> Integer.compare(last.getOrDefault(a, -1), last.getOrDefault(b, -1)));
        return ordered;
    }
}
