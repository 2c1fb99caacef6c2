package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.runner.script.JenkinsfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orchestra approve <run> <stage>}: answers an {@code input} that a running run is waiting for. */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = "Answer an input (or an orchestrate approval) that a running run is waiting for.")
final class ApproveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The run number, as in .orchestra/runs/<n>.")
    int run;

    @Parameters(index = "1", description = "The stage (or input id) waiting for an answer.")
    String stage;

    @Option(names = "--reject", description = "Reject (abort) instead of approving.")
    boolean reject;

    @Option(
            names = "--user",
            defaultValue = "${sys:user.name}",
            description = "Who answers (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--comment", defaultValue = "", description = "Why.")
    String comment;

    @Option(names = "--workspace", defaultValue = ".", description = "The directory that holds the run's Jenkinsfile.")
    Path workspace;

    @Override
    public Integer call() throws Exception {
        Path runDirectory = workspace.resolve(".orchestra/runs").resolve(Integer.toString(run));
        if (!Files.isDirectory(runDirectory)) {
            throw new JenkinsfileException("there is no run " + run + " in "
                    + workspace.toAbsolutePath().normalize());
        }
        if (Files.exists(runDirectory.resolve("summary.json"))) {
            throw new JenkinsfileException("run " + run + " has finished; there is nothing to answer");
        }
        MailboxInput.Answers.write(runDirectory, stage, !reject, user, comment);
        spec.commandLine()
                .getOut()
                .println((reject ? "Rejected" : "Approved") + " '" + stage + "' of run " + run + " as " + user);
        return Main.OK;
    }
}
