package io.jenkins.plugins.orchestra.notify.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.WorkspacePath;
import io.jenkins.plugins.orchestra.notify.Channel;
import io.jenkins.plugins.orchestra.notify.ChannelKind;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Message;
import io.jenkins.plugins.orchestra.notify.SendContext;
import io.jenkins.plugins.orchestra.notify.SendException;
import io.jenkins.plugins.orchestra.notify.webhook.WebhookChannelKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Messages as files: each one {@code <directory>/<nnnn>-<channel>.json}, numbered in the order they were sent, holding
 * the webhook channel's {@linkplain WebhookChannelKind#defaultBody default body} (title, plain-text message, status,
 * run, stages, …). No server needed: for examples, tests, and trying templates out. {@code directory} is relative to
 * the workspace and must stay inside it: an absolute path, a {@code ..} that climbs out, or a symbolic link that
 * leads out is refused, so a Jenkinsfile cannot write files where it pleases.
 */
public final class OutboxChannelKind implements ChannelKind {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public Set<String> settings() {
        return Set.of("directory");
    }

    @Override
    public Channel open(ChannelSettings settings, StepHost host) {
        String given = settings.requiredString("directory");
        Path workspace = host.workspace().toAbsolutePath().normalize();
        Path directory;
        try {
            directory = WorkspacePath.resolve(workspace, "directory", given);
        } catch (IllegalArgumentException e) {
            throw settings.invalid(e.getMessage());
        }
        return (message, context) -> write(directory, workspace, message, context);
    }

    private static Channel.Delivery write(Path directory, Path workspace, Message message, SendContext context) {
        String body;
        try {
            body = JSON.writeValueAsString(WebhookChannelKind.defaultBody(message)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the message as JSON", e);
        }
        String safe = message.channel().replaceAll("[^A-Za-z0-9._-]", "_");
        synchronized (OutboxChannelKind.class) {
            try {
                Files.createDirectories(directory);
                // checked again now that it exists: a link may have been made since the channel was opened
                if (!WorkspacePath.reallyInside(directory, workspace)) {
                    throw SendException.permanent(
                            "directory leads out of the workspace through a symbolic link; nothing written");
                }
                for (int n = count(directory) + 1; ; n++) {
                    Path file = directory.resolve(String.format("%04d-%s.json", n, safe));
                    try {
                        Files.writeString(
                                file, body, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
                        return new Channel.Delivery(file.getFileName().toString());
                    } catch (FileAlreadyExistsException e) {
                        // another writer took this number
                    }
                }
            } catch (IOException e) {
                throw SendException.permanent("cannot write to " + directory + ": " + e.getMessage());
            }
        }
    }

    private static int count(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .count();
        }
    }
}
