/** The {@code email} channel: SMTP through Jakarta Mail (Eclipse Angus). */
package io.jenkins.plugins.orchestra.notify.email;
