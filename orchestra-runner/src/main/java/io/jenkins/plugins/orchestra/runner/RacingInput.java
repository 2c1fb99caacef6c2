package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers {@code input} from whichever answers first: the person at the terminal, or the mailbox that the dashboard and
 * {@code orchestra approve} write to. A prompt answered elsewhere stays on the terminal until Enter is pressed; what
 * is typed there then is not used.
 */
final class RacingInput implements InputProvider {
    private final InputProvider terminal;
    private final MailboxInput mailbox;

    RacingInput(InputProvider terminal, MailboxInput mailbox) {
        this.terminal = terminal;
        this.mailbox = mailbox;
    }

    @Override
    public Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        return ask("input", message, ok, submitters, parameters);
    }

    @Override
    public Answer ask(String id, String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        CompletableFuture<Answer> atTerminal = new CompletableFuture<>();
        Thread prompt = new Thread(
                () -> {
                    try {
                        atTerminal.complete(terminal.ask(id, message, ok, submitters, parameters));
                    } catch (Throwable e) {
                        atTerminal.completeExceptionally(e);
                    }
                },
                "orchestra-input-" + id);
        prompt.setDaemon(true);
        prompt.start();
        while (true) {
            Optional<Answer> answer = mailbox.poll(id);
            if (answer.isPresent()) {
                System.out.println();
                System.out.println("Answered elsewhere (" + (answer.get().proceed() ? "approved" : "rejected") + " by "
                        + answer.get().submitter() + "); press Enter to go on at the terminal.");
                return answer.get();
            }
            try {
                return atTerminal.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // nobody yet
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
