/** The {@code mattermost} channel: an incoming webhook. */
package io.jenkins.plugins.orchestra.notify.mattermost;
