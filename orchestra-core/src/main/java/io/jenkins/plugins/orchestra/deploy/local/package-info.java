/** The {@code local} target: this machine, each "host" a directory of its own. */
package io.jenkins.plugins.orchestra.deploy.local;
