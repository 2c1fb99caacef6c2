/** The {@code outbox} channel: each message a JSON file in a directory, for examples, tests and local runs. */
package io.jenkins.plugins.orchestra.notify.outbox;
