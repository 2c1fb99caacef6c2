/**
 * The {@code tomcat} deploy target: a WAR to the Tomcats of a target through each one's manager application (its text
 * interface, {@code /manager/text/…}), with the same health checks and rollback as the other targets.
 *
 * <p>{@link io.jenkins.plugins.orchestra.deploy.tomcat.TomcatKind} is the {@code kind: tomcat} of the deploy step: a
 * host is a manager URL, named {@code host:port}, driven by the strategies through the target SPI. {@link
 * io.jenkins.plugins.orchestra.deploy.tomcat.TomcatSettings} reads a target from {@code orchestra.yaml} or a
 * Jenkinsfile; {@link io.jenkins.plugins.orchestra.deploy.tomcat.TomcatTarget} is what a deploy strategy calls per
 * Tomcat (current version, deploy, rollback, dry-run plan); {@link
 * io.jenkins.plugins.orchestra.deploy.tomcat.TomcatManager} is the manager client underneath. Versions and the WARs
 * kept for rollback live on the step's side, in the target's state directory: Tomcat's parallel deployment is not
 * used.
 */
package io.jenkins.plugins.orchestra.deploy.tomcat;
