/** The {@code webhook} channel: a JSON request to any URL, signed with HMAC-SHA256 when given a secret. */
package io.jenkins.plugins.orchestra.notify.webhook;
