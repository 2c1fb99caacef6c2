package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sh}: a real {@code /bin/sh -xe} process in the current directory with the current environment; output to the
 * log; {@code returnStdout}, {@code returnStatus}; the process tree is killed when the step is interrupted (timeout,
 * abort).
 */
public final class ShStep {
    private ShStep() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("sh", ShStep::sh);
    }

    private static Object sh(StepCall call, PipelineRuntime rt) throws IOException, InterruptedException {
        String script = call.requiredString("script");
        boolean returnStdout = call.bool("returnStdout", false);
        boolean returnStatus = call.bool("returnStatus", false);
        rt.console().pipeline(rt.context(), "sh");
        Path file = Files.createTempFile("orchestra-sh", ".sh");
        try {
            Files.writeString(file, script);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-xe", file.toString())
                    .directory(rt.context().cwd().toFile())
                    .redirectErrorStream(!returnStdout);
            pb.environment().clear();
            pb.environment().putAll(rt.environment());
            if (returnStdout) {
                pb.redirectError(ProcessBuilder.Redirect.PIPE);
            }
            Files.createDirectories(rt.context().cwd());
            Process p = pb.start();
            StringBuilder stdout = new StringBuilder();
            Thread errors = returnStdout ? pump(p.getErrorStream(), rt, null) : null;
            Thread output = pump(p.getInputStream(), rt, returnStdout ? stdout : null);
            int exit;
            try {
                exit = p.waitFor();
                output.join();
                if (errors != null) {
                    errors.join();
                }
            } catch (InterruptedException e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw e;
            }
            if (exit != 0 && !returnStatus) {
                throw new StepException("script returned exit code " + exit);
            }
            if (returnStatus) {
                return exit;
            }
            return returnStdout ? stdout.toString() : null;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Thread pump(java.io.InputStream in, PipelineRuntime rt, StringBuilder capture) {
        var context = rt.context();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (capture != null) {
                        capture.append(line).append('\n');
                    } else {
                        rt.console().println(context, line);
                    }
                }
            } catch (IOException e) {
                // the process went away; what it printed is in the log already
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
