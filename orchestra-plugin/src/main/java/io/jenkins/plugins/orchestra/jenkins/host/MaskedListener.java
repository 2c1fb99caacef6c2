package io.jenkins.plugins.orchestra.jenkins.host;

import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.host.StepListener;
import java.io.PrintStream;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** A step's progress in the build log, every known secret masked first. Thread-safe, as {@link StepListener} asks. */
@Restricted(NoExternalUse.class)
final class MaskedListener implements StepListener {
    private final TaskListener listener;
    private final SecretMasker masker;

    MaskedListener(TaskListener listener, SecretMasker masker) {
        this.listener = listener;
        this.masker = masker;
    }

    @Override
    public void info(String line) {
        String masked = masker.mask(line);
        PrintStream log = listener.getLogger();
        synchronized (log) {
            log.println(masked);
        }
    }
}
