package io.jenkins.plugins.orchestra.process;

/**
 * Where a running script's output goes, one line at a time: the host's user-facing log (Jenkins {@code TaskListener},
 * the runner's console).
 */
@FunctionalInterface
public interface OutputSink {
    /**
     * Receives one line of output, already filtered, without its line terminator ({@code \n} or {@code \r\n}). A last
     * line that the script did not end with a newline is delivered too, when the script ends. A line longer than {@link
     * ShellRunner#MAX_LINE_BYTES} bytes is delivered in pieces of at most that size.
     *
     * <p>Called on the thread that called {@link ShellRunner#run}, in the order the script wrote its output; never
     * concurrently for one run.
     */
    void line(String line);
}
