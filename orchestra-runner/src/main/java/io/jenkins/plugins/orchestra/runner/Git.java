package io.jenkins.plugins.orchestra.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the runner asks git about the working tree: its branch, for {@code BRANCH_NAME} and {@code when branch}. */
final class Git {
    private Git() {}

    static String currentBranch(Path dir) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--abbrev-ref", "HEAD")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty() || out.equals("HEAD")) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null; // no git here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
