package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult.ChannelResult;
import io.jenkins.plugins.orchestra.notify.NotifyResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Sends a run's news to channels under one policy, the same for every kind of channel:
 *
 * <ol>
 *   <li>the channel's settings: its configured ones (the host's {@code channels} section) or those given inline, with
 *       the call's settings over them;
 *   <li>{@code when}: nothing is sent unless one of its conditions holds for the run's outcome and the previous run's;
 *   <li>dedup: a message whose key (run, channel, event) was sent before is not sent again;
 *   <li>the message: the user's templates or the default ones for the outcome, masked;
 *   <li>sending, with retries after retryable failures: exponential backoff with jitter, or the {@code Retry-After}
 *       the service asked for;
 *   <li>{@code required}: a send that still fails fails the call ({@link NotifyException}); otherwise it is a warning
 *       and the build goes on.
 * </ol>
 *
 * <p>Wrong arguments or settings (an unknown kind or setting, a template that does not parse or names an unknown
 * variable) fail the call whatever {@code required} says: they are mistakes in the Jenkinsfile or the configuration.
 * A channel that is not configured, or credentials that are missing, are failed sends like any other.
 */
public final class Notifier {
    private final ChannelKinds kinds;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param sleeper waits between attempts
     * @param random draws the jitter
     */
    public Notifier(ChannelKinds kinds, Sleeper sleeper, RandomGenerator random) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The installed kinds, real sleeps, a random jitter. */
    public static Notifier standard() {
        return new Notifier(ChannelKinds.installed(), Sleeper.real(), RandomGenerator.getDefault());
    }

    /**
     * Sends the request's message to each of its channels.
     *
     * @param run the run, as the host sees it now
     * @param state what was sent for this run before, and what channels keep
     * @throws NotifyException if the arguments or settings are wrong, or a {@code required} channel failed (after
     *     every channel was tried)
     * @throws InterruptedException if the run was aborted
     */
    public NotifyResult notify(NotifyRequest request, RunContext run, StepHost host, NotifyState state)
            throws InterruptedException {
        Map<String, Map<String, Object>> configured = host.configured("channels");
        List<ChannelResult> results = new ArrayList<>();
        for (ChannelRef ref : request.channels()) {
            results.add(one(ref, request, run, host, state, configured));
        }
        List<String> failed = results.stream()
                .filter(r -> r.status() == Status.FAILED && r.required())
                .map(r -> "'" + r.channel() + "': " + r.detail())
                .toList();
        if (!failed.isEmpty()) {
            throw NotifyException.failed("notify failed for required channel " + String.join("; ", failed));
        }
        return new NotifyResult(results);
    }

    private ChannelResult one(
            ChannelRef ref,
            NotifyRequest request,
            RunContext run,
            StepHost host,
            NotifyState state,
            Map<String, Map<String, Object>> configured)
            throws InterruptedException {
        String name = ref.name();
        Map<String, Object> base = ref.inline() != null ? ref.inline() : configured.get(name);
        if (base == null) {
            boolean required = new ChannelSettings(name, "?", request.settings()).bool("required", false);
            String detail = "no channel '" + name + "' is configured"
                    + Suggestions.closest(name, configured.keySet())
                            .map(s -> " (did you mean '" + s + "'?)")
                            .orElse(
                                    configured.isEmpty()
                                            ? "; name it under channels: in the configuration"
                                            : "; configured: " + String.join(", ", new TreeSet<>(configured.keySet())));
            return failed(host, name, "", 0, required, detail);
        }
        Map<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(request.settings());
        Object kindName = merged.remove("kind");
        merged.remove("name");
        if (kindName == null || kindName.toString().isBlank()) {
            throw NotifyException.invalid("channel '" + name + "' has no kind; use one of " + kinds.names());
        }
        ChannelKind kind = kinds.get(kindName.toString())
                .orElseThrow(() -> NotifyException.invalid("channel '" + name + "': unknown kind '" + kindName + "'"
                        + Suggestions.closest(kindName.toString(), kinds.names())
                                .map(s -> " (did you mean '" + s + "'?)")
                                .orElse("; use one of " + kinds.names())));
        ChannelSettings settings = new ChannelSettings(name, kind.name(), merged);
        refuseUnknown(settings, kind);
        Policy policy = Policy.of(settings);
        if (!Condition.any(policy.when(), run.status(), run.previous())) {
            String why = "when " + policy.when().stream().map(Condition::text).collect(Collectors.joining(", "))
                    + " does not hold (result " + run.status()
                    + run.previous().map(p -> ", previous " + p).orElse("") + ")";
            host.listener().info("notify: not sending to '" + name + "': " + why);
            return new ChannelResult(name, kind.name(), Status.SKIPPED, 0, policy.required(), why);
        }
        // the event may be any text of the Jenkinsfile's: masked, it can go into headers, bodies and the state file
        String event = host.mask(request.event());
        String key = run.run().id() + " " + name + " " + event;
        try (NotifyState.Lock lock = state.lock(key)) {
            if (state.wasSent(key)) {
                host.listener()
                        .info("notify: '" + name + "' already has this message (sent earlier in run "
                                + run.run().id() + "); not sending it again");
                return new ChannelResult(name, kind.name(), Status.DUPLICATE, 0, policy.required(), "sent before");
            }
            Message message =
                    new Message(name, event, key, run, policy.title(), policy.message(), policy.logLines(), host::mask);
            String title = message.title(Format.TEXT);
            message.body(Format.TEXT); // a template mistake shows now, dry run or not
            if (host.dryRun()) {
                host.listener().info("notify: dry run, not sending to '" + name + "' (" + kind.name() + "): " + title);
                return new ChannelResult(name, kind.name(), Status.DRY_RUN, 0, policy.required(), title);
            }
            Channel channel;
            try {
                channel = kind.open(settings, host);
            } catch (CredentialsException e) {
                return failed(host, name, kind.name(), 0, policy.required(), host.mask(e.getMessage()));
            }
            return send(channel, message, kind.name(), policy, host, state);
        }
    }

    private ChannelResult send(
            Channel channel, Message message, String kind, Policy policy, StepHost host, NotifyState state)
            throws InterruptedException {
        String name = message.channel();
        Backoff backoff = new Backoff(policy.backoff(), random);
        for (int attempt = 1; ; attempt++) {
            if (host.cancellation().isCancelled() || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("notify was aborted");
            }
            try {
                Channel.Delivery delivery = channel.send(
                        message,
                        new SendContext(attempt, policy.timeout(), state.memory(name), host.listener(), host.clock()));
                state.markSent(message.key(), host.clock().instant());
                String detail = host.mask(delivery.detail());
                host.listener()
                        .info("notify: sent to '" + name + "' (" + kind + "): " + message.title(Format.TEXT)
                                + (detail.isEmpty() ? "" : " [" + detail + "]"));
                return new ChannelResult(name, kind, Status.SENT, attempt, policy.required(), detail);
            } catch (SendException e) {
                String why = host.mask(String.valueOf(e.getMessage()));
                if (!e.isRetryable() || attempt > policy.retries()) {
                    return failed(host, name, kind, attempt, policy.required(), why);
                }
                Optional<Duration> retryAfter = e.retryAfter();
                if (retryAfter.isPresent() && retryAfter.get().compareTo(Policy.MAX_RETRY_AFTER) > 0) {
                    return failed(
                            host,
                            name,
                            kind,
                            attempt,
                            policy.required(),
                            why + "; the service asks to wait longer than " + Durations.format(Policy.MAX_RETRY_AFTER));
                }
                Duration wait = backoff.before(attempt, retryAfter);
                host.listener()
                        .info("notify: '" + name + "' (" + kind + ") attempt " + attempt + " failed: " + why
                                + "; retrying in " + Durations.format(wait));
                sleeper.sleep(wait);
            }
        }
    }

    private static ChannelResult failed(
            StepHost host, String name, String kind, int attempts, boolean required, String detail) {
        String tried = attempts == 0 ? "" : " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        String line = "notify: could not send to '" + name + "'" + (kind.isEmpty() ? "" : " (" + kind + ")") + tried
                + ": " + detail;
        if (required) {
            host.listener().info(line);
        } else {
            host.listener().warn(line + "; the build goes on (required: false)");
        }
        return new ChannelResult(name, kind, Status.FAILED, attempts, required, detail);
    }

    private static void refuseUnknown(ChannelSettings settings, ChannelKind kind) {
        Set<String> known = new TreeSet<>(Policy.SETTINGS);
        known.addAll(kind.settings());
        for (String key : settings.values().keySet()) {
            if (!known.contains(key)) {
                throw settings.invalid("unknown setting '" + key + "'"
                        + Suggestions.closest(key, known)
                                .map(s -> " (did you mean '" + s + "'?)")
                                .orElse("; " + kind.name() + " channels take " + String.join(", ", known)));
            }
        }
    }
}
