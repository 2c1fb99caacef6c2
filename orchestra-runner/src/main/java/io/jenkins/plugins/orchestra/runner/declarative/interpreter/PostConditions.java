package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import io.jenkins.plugins.orchestra.runner.script.BuildResult;

/** When each {@code post} condition runs. Runs are not kept across invocations yet, so there is no previous result. */
final class PostConditions {
    private PostConditions() {}

    static boolean applies(String condition, BuildResult result) {
        return switch (condition) {
            case "always", "cleanup" -> true;
            case "aborted" -> result == BuildResult.ABORTED;
            case "failure" -> result == BuildResult.FAILURE;
            case "success" -> result == BuildResult.SUCCESS;
            case "unstable" -> result == BuildResult.UNSTABLE;
            case "unsuccessful" -> result != BuildResult.SUCCESS;
            default -> false; // changed, fixed, regression compare with a previous run
        };
    }
}
