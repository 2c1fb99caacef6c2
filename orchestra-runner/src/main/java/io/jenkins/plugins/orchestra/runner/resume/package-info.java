/**
 * Resuming a run that died: the step journal ({@code steps.jsonl}) records the outcome of every completed step call,
 * and a resumed run gets those outcomes back instead of running the calls again. See {@code docs/runner.md}.
 */
package io.jenkins.plugins.orchestra.runner.resume;
