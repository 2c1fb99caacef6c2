package io.jenkins.plugins.orchestra.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests ask about processes an automation started. */
public final class Processes {
    private Processes() {}

    /**
     * Whether this process still runs. A zombie has ended, though {@link ProcessHandle#isAlive()} counts it: where init
     * does not reap orphans (containers) a killed orphan stays one.
     */
    public static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false; // gone since
        }
    }
}
