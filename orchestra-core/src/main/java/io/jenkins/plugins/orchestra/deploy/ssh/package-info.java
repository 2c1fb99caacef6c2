/**
 * The {@code ssh} deploy target's connections: {@link io.jenkins.plugins.orchestra.deploy.ssh.SshConnector} opens one
 * SSH session per host with Apache MINA SSHD and hands out {@link io.jenkins.plugins.orchestra.deploy.HostConnection}s
 * over it (exec channels, SFTP uploads); {@link io.jenkins.plugins.orchestra.deploy.ssh.SshSettings} is what a
 * {@code targets:} entry says about reaching its hosts. Host keys are checked against {@code known_hosts}; every
 * failure is a {@link io.jenkins.plugins.orchestra.deploy.HostException} of the kind that says what to fix.
 */
package io.jenkins.plugins.orchestra.deploy.ssh;
