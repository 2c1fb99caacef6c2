package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.host.StepHost;
import java.util.Set;

/**
 * A kind of channel ({@code slack}, {@code email}, …): the SPI a new way to notify implements. The built-in kinds are
 * in {@link ChannelKinds}; more are found with {@link java.util.ServiceLoader}.
 *
 * <p>A kind reads its own settings; the {@link Policy} (when, required, retries, templates) is applied by the {@link
 * Notifier} for every kind alike, so a kind only sends.
 */
public interface ChannelKind {
    /** The name {@code kind:} gives in the configuration: {@code slack}. */
    String name();

    /** The names of the settings it reads, besides {@link Policy#SETTINGS}: any other is refused as a typo. */
    Set<String> settings();

    /**
     * A channel with these settings, ready to send. It reads credentials through {@code host} and adds every secret it
     * uses ({@link StepHost#addSecret}) before anything can print it.
     *
     * @throws NotifyException if the settings are wrong, naming the setting
     * @throws io.jenkins.plugins.orchestra.host.CredentialsException if credentials it names cannot be had
     */
    Channel open(ChannelSettings settings, StepHost host);
}
