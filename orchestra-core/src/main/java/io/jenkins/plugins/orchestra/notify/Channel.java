package io.jenkins.plugins.orchestra.notify;

/** A channel ready to send: made by its {@link ChannelKind} for one {@code notify} call. */
public interface Channel {
    /**
     * Makes one attempt to send {@code message}. The {@link Notifier} calls it again after a retryable failure, so
     * anything the channel remembers across calls goes in {@link SendContext#memory()}, saved as soon as it is known.
     *
     * @return what was sent, for the log ({@code HTTP 202}, {@code reply in thread 1712.000100})
     * @throws SendException if the attempt failed, saying whether another may succeed
     * @throws InterruptedException if the run was aborted while sending
     */
    Delivery send(Message message, SendContext context) throws InterruptedException;

    /**
     * What was sent.
     *
     * @param detail a short description for the log, without secrets
     */
    record Delivery(String detail) {}
}
