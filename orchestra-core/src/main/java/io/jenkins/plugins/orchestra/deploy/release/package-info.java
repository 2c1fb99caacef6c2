/**
 * The release model shared by every kind of target whose hosts have a shell: {@code releases/<version>}, {@code
 * shared/}, an atomic {@code current} switch, blue/green slots, the release log and the lock, all written once over
 * {@link io.jenkins.plugins.orchestra.deploy.HostConnection}; and {@link
 * io.jenkins.plugins.orchestra.deploy.release.ConnectorKind}, which makes such a kind from a connector.
 */
package io.jenkins.plugins.orchestra.deploy.release;
