/** The {@code teams} channel: a Microsoft Teams Workflows (Power Automate) webhook, sent an Adaptive Card. */
package io.jenkins.plugins.orchestra.notify.teams;
