/**
 * The {@code deploy} step: a {@link io.jenkins.plugins.orchestra.deploy.DeploySpec} (what the user asked) run by the
 * {@link io.jenkins.plugins.orchestra.deploy.Deployer} for a {@link io.jenkins.plugins.orchestra.host.StepHost}, giving
 * a {@link io.jenkins.plugins.orchestra.deploy.DeployResult} or a {@link
 * io.jenkins.plugins.orchestra.deploy.DeployException}.
 *
 * <p>Targets are an SPI: a {@link io.jenkins.plugins.orchestra.deploy.TargetKind} ({@code local}, {@code ssh},
 * {@code tomcat}, registered in {@link io.jenkins.plugins.orchestra.deploy.TargetKinds}) opens a {@link
 * io.jenkins.plugins.orchestra.deploy.DeployTarget}, whose {@link io.jenkins.plugins.orchestra.deploy.TargetHost}s
 * are what strategies work on. Kinds whose hosts have a shell share one release model (package {@code release}) over
 * a {@link io.jenkins.plugins.orchestra.deploy.HostConnection}. See {@code docs/steps/deploy.md}.
 */
package io.jenkins.plugins.orchestra.deploy;
