/**
 * The {@code slack} channel: an incoming webhook, or a bot token with {@code chat.postMessage} and {@code chat.update}
 * for one thread per run.
 */
package io.jenkins.plugins.orchestra.notify.slack;
