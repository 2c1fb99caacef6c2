package io.jenkins.plugins.orchestra.deploy.release;

import static io.jenkins.plugins.orchestra.deploy.ShellQuote.quote;

import io.jenkins.plugins.orchestra.deploy.Artifact;
import io.jenkins.plugins.orchestra.deploy.DeployException;
import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.LockOwner;
import io.jenkins.plugins.orchestra.deploy.ReleaseOptions;
import io.jenkins.plugins.orchestra.deploy.ReleaseState;
import io.jenkins.plugins.orchestra.deploy.ShellQuote;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The release model over a {@link HostConnection}, shared by the {@code local} and {@code ssh} targets:
 *
 * <pre>
 * &lt;base&gt;/releases/&lt;version&gt;/      one directory per release, complete before it gets its name
 * &lt;base&gt;/shared/&lt;path&gt;            outlives releases; linked into each as configured
 * &lt;base&gt;/current -&gt; releases/42   the live release, switched by rename(2) of a new symlink
 * &lt;base&gt;/blue, &lt;base&gt;/green         blue/green slots (symlinks to releases); current -&gt; blue or green
 * &lt;base&gt;/.orchestra/releases.log    who made which release live, when, from which artifact checksum
 * &lt;base&gt;/.orchestra/lock            the run that deploys now
 * </pre>
 *
 * Every value in a command is quoted; versions and shared paths are checked before they get here.
 */
public final class ReleaseHost implements TargetHost {
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(30);
    private static final Set<String> SLOTS = Set.of("blue", "green");
    private static final System.Logger LOGGER = System.getLogger(ReleaseHost.class.getName());

    private final HostConnection connection;
    private final String name;
    private final String base;
    private final RunRef run;
    private final InstantSource clock;

    /**
     * @param base the absolute path releases go under on that host
     * @param run whose deploy this is, for the release log
     */
    public ReleaseHost(HostConnection connection, String name, String base, RunRef run, InstantSource clock) {
        this.connection = connection;
        this.name = name;
        this.base = base;
        this.run = run;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        String host = name.contains("@") ? name.substring(name.lastIndexOf('@') + 1) : name;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }

    @Override
    public String location() {
        return base;
    }

    private String prelude() {
        return "B=" + quote(base) + "\n";
    }

    // ---- lock ------------------------------------------------------------------------------------------------------

    @Override
    public void lock(LockOwner owner, Duration staleAfter, StepListener listener) throws InterruptedException {
        // a lock that vanished between our try and our look at it was released just then: try again
        for (int attempt = 1; !tryLock(owner, staleAfter, listener, attempt == 3); attempt++) {
            // next attempt
        }
    }

    /** Whether the lock was taken; false when it vanished before its owner could be read and {@code last} is not set. */
    private boolean tryLock(LockOwner owner, Duration staleAfter, StepListener listener, boolean last)
            throws InterruptedException {
        String script = prelude()
                + "mkdir -p \"$B/.orchestra\" || exit 3\n"
                + "L=\"$B/.orchestra/lock\"; T=\"$B/.orchestra/lock.$$.tmp\"\n"
                + "printf '%s\\n' " + quote(owner.line()) + " > \"$T\" || exit 3\n"
                + "if ln \"$T\" \"$L\" 2>/dev/null; then rm -f \"$T\"; echo acquired; exit 0; fi\n"
                + "rm -f \"$T\"\n"
                + "printf 'age\\t%s\\n' $(( $(date +%s) - $(stat -c %Y \"$L\" 2>/dev/null || date +%s) ))\n"
                + "printf 'owner\\t'; cat \"$L\" 2>/dev/null; echo\n";
        ExecResult r = connection.exec(script, COMMAND_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new HostException(
                    name,
                    HostException.Kind.COMMAND_FAILED,
                    "cannot create the lock in " + base + "/.orchestra (exit code " + r.exitCode() + ")"
                            + suffix(r.lastLine()));
        }
        if (r.stdout().startsWith("acquired")) {
            return true;
        }
        long age = 0;
        String heldBy = "";
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("age\t")) {
                try {
                    age = Long.parseLong(line.substring(4).strip());
                } catch (NumberFormatException e) {
                    age = 0;
                }
            } else if (line.startsWith("owner\t")) {
                heldBy = line.substring(6);
            }
        }
        if (heldBy.isBlank() && !last) {
            return false;
        }
        Optional<LockOwner> holder = LockOwner.parse(heldBy);
        String who = holder.map(LockOwner::describe).orElse("an unknown owner ('" + heldBy.strip() + "')");
        boolean old = age > staleAfter.toSeconds();
        boolean gone = holder.map(LockOwner::isGoneFromThisMachine).orElse(false);
        if (!old && !gone) {
            throw DeployException.locked("target is locked on " + name + " by " + who + " (" + base
                    + "/.orchestra/lock); it is released when that deploy ends, or taken over once older than "
                    + Durations.format(staleAfter));
        }
        listener.warn(name + ": taking over the stale lock of " + who + " ("
                + (gone ? "that process has ended" : "older than " + Durations.format(staleAfter)) + ")");
        takeOver(heldBy.strip(), owner, staleAfter, who);
        return true;
    }

    private void takeOver(String stale, LockOwner owner, Duration staleAfter, String who) throws InterruptedException {
        String script = prelude()
                + "L=\"$B/.orchestra/lock\"; D=\"$B/.orchestra/lock.takeover\"; T=\"$B/.orchestra/lock.$$.tmp\"\n"
                + "if [ -d \"$D\" ] && [ $(( $(date +%s) - $(stat -c %Y \"$D\" 2>/dev/null || date +%s) )) -gt "
                + staleAfter.toSeconds() + " ]; then rmdir \"$D\"; fi\n"
                + "mkdir \"$D\" 2>/dev/null || { echo busy; exit 0; }\n"
                + "if [ \"$(cat \"$L\" 2>/dev/null)\" = " + quote(stale) + " ]; then rm -f \"$L\"; fi\n"
                + "printf '%s\\n' " + quote(owner.line()) + " > \"$T\"\n"
                + "if ln \"$T\" \"$L\" 2>/dev/null; then rm -f \"$T\"; rmdir \"$D\"; echo acquired; exit 0; fi\n"
                + "rm -f \"$T\"; rmdir \"$D\"; echo held\n";
        ExecResult r = connection.execChecked("taking over the lock", script, COMMAND_TIMEOUT);
        if (!r.stdout().startsWith("acquired")) {
            throw DeployException.locked("target is locked on " + name + ": another run took over the stale lock of "
                    + who + " first (" + base + "/.orchestra/lock)");
        }
    }

    @Override
    public void unlock(LockOwner owner) throws InterruptedException {
        String script = prelude() + "L=\"$B/.orchestra/lock\"\n" + "if [ \"$(cat \"$L\" 2>/dev/null)\" = "
                + quote(owner.line()) + " ]; then rm -f \"$L\"; fi\n";
        connection.execChecked("releasing the lock", script, COMMAND_TIMEOUT);
    }

    // ---- state -----------------------------------------------------------------------------------------------------

    @Override
    public ReleaseState state() throws InterruptedException {
        String script = prelude()
                + "[ -d \"$B\" ] || { echo nobase; exit 0; }\n"
                + "cd \"$B\" || exit 1\n"
                + "if [ -e current ] && [ ! -L current ]; then echo notlink; fi\n"
                + "printf 'current\\t%s\\n' \"$(readlink current 2>/dev/null)\"\n"
                + "for s in blue green; do if [ -L \"$s\" ]; then printf 'slot\\t%s\\t%s\\n' \"$s\" \"$(readlink"
                + " \"$s\")\"; fi; done\n"
                + "for d in releases/*/; do if [ -d \"$d\" ]; then d=${d%/}; printf 'release\\t%s\\n' \"${d#releases/}\";"
                + " fi; done\n"
                + "if [ -f .orchestra/releases.log ]; then awk '{ print \"log\\t\" $0 }' .orchestra/releases.log; fi\n"
                + "for f in .orchestra/checksums/*; do if [ -f \"$f\" ]; then printf 'sum\\t%s\\t%s\\n' \"${f##*/}\""
                + " \"$(head -n 1 \"$f\")\"; fi; done\n";
        ExecResult r = connection.execChecked("reading the releases", script, COMMAND_TIMEOUT);
        String currentLink = "";
        Map<String, String> slots = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        List<String> logLines = new ArrayList<>();
        Map<String, String> prepared = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            if (line.equals("nobase")) {
                return ReleaseState.empty();
            } else if (line.equals("notlink")) {
                throw new HostException(
                        name,
                        HostException.Kind.COMMAND_FAILED,
                        base + "/current is not a symlink (left by another tool?); move it away so that releases can"
                                + " be switched");
            } else if (line.startsWith("current\t")) {
                currentLink = line.substring(8);
            } else if (line.startsWith("slot\t")) {
                String[] f = line.split("\t", 3);
                if (f.length == 3) {
                    slots.put(f[1], f[2]);
                }
            } else if (line.startsWith("release\t")) {
                present.add(line.substring(8));
            } else if (line.startsWith("log\t")) {
                logLines.add(line.substring(4));
            } else if (line.startsWith("sum\t")) {
                String[] f = line.split("\t", 3);
                if (f.length == 3 && !f[2].isBlank()) {
                    prepared.put(f[1], f[2].strip());
                }
            }
        }
        ReleaseLog log = ReleaseLog.parse(logLines);
        Optional<String> liveSlot = SLOTS.contains(currentLink) ? Optional.of(currentLink) : Optional.empty();
        Optional<String> current = (liveSlot.isPresent()
                        ? Optional.ofNullable(slots.get(currentLink)).flatMap(this::versionOf)
                        : versionOf(currentLink))
                .filter(present::contains);
        Optional<String> previous = log.previous(current, present);
        if (previous.isEmpty() && liveSlot.isPresent()) {
            previous = Optional.ofNullable(slots.get(otherSlot(liveSlot.get())))
                    .flatMap(this::versionOf)
                    .filter(present::contains)
                    .filter(v -> !v.equals(current.orElse("")));
        }
        // a release that was prepared but never made live (its before hook failed, the connection dropped) is known
        // by the checksum written when it was unpacked; the release log's, written when it went live, wins
        Map<String, String> checksums = new HashMap<>(prepared);
        checksums.putAll(log.checksums());
        return new ReleaseState(
                current,
                previous,
                log.byAge(present),
                checksums,
                liveSlot,
                currentLink.isEmpty() ? Optional.empty() : Optional.of(currentLink));
    }

    private Optional<String> versionOf(String link) {
        String rest = null;
        if (link.startsWith("releases/")) {
            rest = link.substring("releases/".length());
        } else if (link.startsWith(base + "/releases/")) {
            rest = link.substring(base.length() + "/releases/".length());
        }
        if (rest != null && rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest == null || rest.isEmpty() || rest.contains("/") ? Optional.empty() : Optional.of(rest);
    }

    private static String otherSlot(String slot) {
        return slot.equals("blue") ? "green" : "blue";
    }

    // ---- prepare ---------------------------------------------------------------------------------------------------

    @Override
    public Prepared prepare(Artifact artifact, String version, ReleaseOptions options, ReleaseState state)
            throws InterruptedException {
        if (state.has(version)) {
            Optional<String> known = state.checksumOf(version);
            if (known.isPresent() && known.get().equals(artifact.checksum())) {
                return Prepared.REUSED;
            }
            throw DeployException.invalid("version " + version + " is already on " + name + " (" + base + "/releases/"
                    + version + ") "
                    + (known.isPresent()
                            ? "from another artifact (sha256 " + shorten(known.get()) + ", this one is "
                                    + artifact.shortChecksum() + ")"
                            : "from an unknown artifact")
                    + "; give this build its own version");
        }
        String id = version + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String upload = base + "/.orchestra/uploads/" + id + ".part";
        connection.execChecked(
                "creating " + base,
                prelude() + "mkdir -p \"$B/releases\" \"$B/shared\" \"$B/.orchestra/uploads\"\n",
                COMMAND_TIMEOUT);
        try {
            connection.upload(artifact.file(), upload);
        } catch (HostException e) {
            removeQuietly(upload);
            throw e;
        }
        StringBuilder s = new StringBuilder(prelude());
        s.append("U=")
                .append(quote(upload))
                .append("; P=\"$B/releases/\"")
                .append(quote(".partial-" + id))
                .append("; R=\"$B/releases/\"")
                .append(quote(version))
                .append('\n');
        s.append("trap 'rc=$?; if [ $rc -ne 0 ]; then rm -rf \"$P\" \"$U\"; fi' EXIT\n");
        s.append("set -e\n");
        s.append("if [ -e \"$R\" ]; then echo \"$R exists already\" >&2; exit 1; fi\n");
        s.append("if command -v sha256sum >/dev/null 2>&1; then sum=$(sha256sum \"$U\" | cut -d' ' -f1);"
                        + " if [ \"$sum\" != ")
                .append(quote(artifact.uploadChecksum()))
                .append(" ]; then echo \"the upload arrived damaged (sha256 $sum)\" >&2; exit 1; fi; fi\n");
        s.append("mkdir \"$P\"\n");
        switch (artifact.format()) {
            case TAR_GZ, DIRECTORY -> s.append("tar -xzf \"$U\" -C \"$P\" --no-same-owner\n");
            case TAR -> s.append("tar -xf \"$U\" -C \"$P\" --no-same-owner\n");
            case ZIP ->
                s.append("if ! command -v unzip >/dev/null 2>&1; then echo 'unzip is not installed; install it"
                                + " or deploy a .tar.gz' >&2; exit 1; fi\n")
                        .append("unzip -q \"$U\" -d \"$P\"\n");
            case FILE ->
                s.append("F=\"$P\"/")
                        .append(quote(artifact.fileName()))
                        .append("\nmv \"$U\" \"$F\"\nchmod ")
                        .append(artifact.executable() ? "0755" : "0644")
                        .append(" \"$F\"\n");
        }
        for (String shared : options.shared()) {
            s.append("S=\"$B/shared/\"")
                    .append(quote(shared))
                    .append("; T=\"$P/\"")
                    .append(quote(shared))
                    .append('\n');
            s.append("if [ ! -e \"$S\" ] && [ ! -L \"$S\" ]; then mkdir -p \"$(dirname \"$S\")\";"
                    + " if [ -e \"$T\" ] || [ -L \"$T\" ]; then mv \"$T\" \"$S\"; else mkdir -p \"$S\"; fi; fi\n");
            s.append("rm -rf \"$T\"; mkdir -p \"$(dirname \"$T\")\"; ln -s \"$S\" \"$T\"\n");
        }
        s.append("mkdir -p \"$B/.orchestra/checksums\"; printf '%s\\n' ")
                .append(quote(artifact.checksum()))
                .append(" > \"$B/.orchestra/checksums/\"")
                .append(quote(version))
                .append('\n');
        s.append("mv -T \"$P\" \"$R\"\n");
        s.append("rm -f \"$U\"\n");
        connection.execChecked("unpacking " + version, s.toString(), UNPACK_TIMEOUT);
        return Prepared.UPLOADED;
    }

    // ---- switching -------------------------------------------------------------------------------------------------

    /** Points {@code link} (in base) at {@code target} atomically: a new symlink renamed over it. */
    private static String relink(String link, String target) {
        String tmp =
                "." + link + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return "ln -s " + quote(target) + " " + quote(tmp) + " && mv -T " + quote(tmp) + " " + quote(link)
                + " || { rm -f " + quote(tmp) + "; exit 1; }\n";
    }

    private String switchScript(List<String> relinks, String action, String version, String checksum) {
        ReleaseLog.Entry entry = new ReleaseLog.Entry(clock.instant(), action, version, checksum, run.id(), run.user());
        return prelude() + "cd \"$B\" || exit 1\n"
                + "if [ -e current ] && [ ! -L current ]; then echo \"$B/current is not a symlink; move it away\" >&2;"
                + " exit 1; fi\n"
                + String.join("", relinks)
                + "printf '%s\\n' " + quote(entry.line()) + " >> .orchestra/releases.log\n";
    }

    @Override
    public void activate(String version, String checksum) throws InterruptedException {
        connection.execChecked(
                "switching current to " + version,
                prelude() + "[ -d \"$B/releases/\"" + quote(version) + " ] || { echo "
                        + quote("releases/" + version + " is missing") + " >&2; exit 1; }\n"
                        + switchScript(
                                List.of(relink("current", "releases/" + version)),
                                ReleaseLog.DEPLOY,
                                version,
                                checksum),
                COMMAND_TIMEOUT);
    }

    @Override
    public String stage(String version, ReleaseState state) throws InterruptedException {
        String idle = state.liveSlot().map(ReleaseHost::otherSlot).orElse("blue");
        connection.execChecked(
                "pointing slot " + idle + " at " + version,
                prelude() + "cd \"$B\" || exit 1\n"
                        + "if [ -e " + quote(idle) + " ] && [ ! -L " + quote(idle) + " ]; then echo \"$B/\""
                        + quote(idle + " is not a symlink; move it away") + " >&2; exit 1; fi\n"
                        + relink(idle, "releases/" + version),
                COMMAND_TIMEOUT);
        return idle;
    }

    @Override
    public void activateSlot(String slot, String version, String checksum) throws InterruptedException {
        if (!SLOTS.contains(slot)) {
            throw new IllegalArgumentException("slot must be blue or green, was " + slot);
        }
        connection.execChecked(
                "switching current to slot " + slot,
                switchScript(List.of(relink("current", slot)), ReleaseLog.DEPLOY, version, checksum),
                COMMAND_TIMEOUT);
    }

    @Override
    public void restore(ReleaseState before) throws InterruptedException {
        String script;
        if (before.currentLink().isPresent()) {
            script = switchScript(
                    List.of(relink("current", before.currentLink().get())),
                    ReleaseLog.ROLLBACK,
                    before.current().orElse(""),
                    "");
        } else {
            script = switchScript(List.of("rm -f current\n"), ReleaseLog.ROLLBACK, "", "");
        }
        connection.execChecked(
                "switching current back to " + before.current().orElse("nothing"), script, COMMAND_TIMEOUT);
    }

    @Override
    public String rollBackOne(ReleaseState state) throws InterruptedException {
        String previous =
                state.previous().orElseThrow(() -> new IllegalStateException(name + " has no previous release"));
        List<String> relinks = new ArrayList<>();
        if (state.liveSlot().isPresent()) {
            String idle = otherSlot(state.liveSlot().get());
            relinks.add(relink(idle, "releases/" + previous));
            relinks.add(relink("current", idle));
        } else {
            relinks.add(relink("current", "releases/" + previous));
        }
        connection.execChecked(
                "switching current back to " + previous,
                switchScript(relinks, ReleaseLog.ROLLBACK, previous, ""),
                COMMAND_TIMEOUT);
        return previous;
    }

    // ---- commands and housekeeping ---------------------------------------------------------------------------------

    @Override
    public ExecResult run(String command, String version, Optional<String> previous, Duration timeout)
            throws InterruptedException {
        String dir = base + "/releases/" + version;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEPLOY_VERSION", version);
        env.put("DEPLOY_PREVIOUS_VERSION", previous.orElse(""));
        env.put("DEPLOY_HOST", name);
        env.put("DEPLOY_BASE", base);
        env.put("DEPLOY_RELEASE_DIR", dir);
        return connection.exec(
                "cd " + quote(dir) + " || exit 1\n" + ShellQuote.exports(env) + "\n" + command + "\n", timeout);
    }

    @Override
    public List<String> prune(int keep, List<String> protect) throws InterruptedException {
        ReleaseState state = state();
        Set<String> kept = new HashSet<>(protect);
        state.current().ifPresent(kept::add);
        state.previous().ifPresent(kept::add);
        kept.addAll(slotVersions());
        List<String> byAge = state.releases();
        List<String> delete = new ArrayList<>();
        int excess = byAge.size() - keep;
        for (String v : byAge) {
            if (delete.size() >= excess) {
                break;
            }
            if (!kept.contains(v)) {
                delete.add(v);
            }
        }
        StringBuilder s = new StringBuilder(prelude()).append("cd \"$B/releases\" || exit 0\n");
        for (String v : delete) {
            s.append("rm -rf ")
                    .append(quote(v))
                    .append("; rm -f \"$B/.orchestra/checksums/\"")
                    .append(quote(v))
                    .append('\n');
        }
        s.append("rm -rf .partial-*; rm -f \"$B\"/.orchestra/uploads/*.part\n");
        connection.execChecked("deleting old releases", s.toString(), COMMAND_TIMEOUT);
        return delete;
    }

    private Set<String> slotVersions() throws InterruptedException {
        ExecResult r = connection.execChecked(
                "reading the slots",
                prelude() + "for s in blue green; do if [ -L \"$B/$s\" ]; then readlink \"$B/$s\"; fi; done\n",
                COMMAND_TIMEOUT);
        Set<String> versions = new HashSet<>();
        for (String line : r.stdout().split("\n")) {
            versionOf(line.strip()).ifPresent(versions::add);
        }
        return versions;
    }

    /**
     * Removes what a failed upload left, so that it does not hold the room the next deploy needs (a full disk stays full
     * otherwise until a deploy succeeds). A host that cannot be reached keeps it until the next successful deploy.
     */
    private void removeQuietly(String path) throws InterruptedException {
        try {
            connection.exec("rm -f " + quote(path), COMMAND_TIMEOUT);
        } catch (HostException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "cannot remove " + path + " on " + name, e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    private static String suffix(String detail) {
        return detail.isEmpty() ? "" : ": " + detail;
    }

    private static String shorten(String checksum) {
        return checksum.substring(0, Math.min(12, checksum.length()));
    }
}
