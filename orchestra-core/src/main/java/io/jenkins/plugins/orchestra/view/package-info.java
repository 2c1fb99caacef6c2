/**
 * RunView: the JSON model of a run that every dashboard reads. A host feeds {@link
 * io.jenkins.plugins.orchestra.view.RunEvent}s (and the coordinator's events of each {@code orchestrate} block) to a
 * {@link io.jenkins.plugins.orchestra.view.RunViewFold}, which keeps the run's state and gives a {@link
 * io.jenkins.plugins.orchestra.view.RunView} snapshot, or the changes since a version for live updates; {@link
 * io.jenkins.plugins.orchestra.view.RunViewJson} writes both as the JSON of {@code orchestra-dashboard/openapi.yaml}.
 */
package io.jenkins.plugins.orchestra.view;
