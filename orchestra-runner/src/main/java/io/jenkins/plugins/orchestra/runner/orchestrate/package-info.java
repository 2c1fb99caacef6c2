/**
 * The runner's host for {@code orchestrate { … }}: it loads the shared Groovy glue and gives it the steps it talks
 * through ({@code orchestraPlan}, {@code orchestraAwait}, {@code orchestraReport}, {@code orchestraSkipped},
 * {@code orchestraFinish}), backed by a coordinator per block.
 */
package io.jenkins.plugins.orchestra.runner.orchestrate;
