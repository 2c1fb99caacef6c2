/**
 * The runner's dashboard: what a run feeds its {@link io.jenkins.plugins.orchestra.view.RunViewFold} ({@link
 * io.jenkins.plugins.orchestra.runner.ui.ViewFeed}), and the HTTP server on 127.0.0.1 that serves the dashboard's
 * pages and the JSON of {@code orchestra-dashboard/openapi.yaml} ({@link
 * io.jenkins.plugins.orchestra.runner.ui.DashboardServer}, {@link io.jenkins.plugins.orchestra.runner.ui.DashboardApi}).
 */
package io.jenkins.plugins.orchestra.runner.ui;
