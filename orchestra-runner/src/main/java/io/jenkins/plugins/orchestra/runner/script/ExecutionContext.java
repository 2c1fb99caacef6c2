package io.jenkins.plugins.orchestra.runner.script;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a piece of the Jenkinsfile runs: the environment set by the blocks around it ({@code withEnv}), its working
 * directory ({@code dir}), the {@code parallel} branch and the stage it is in. Immutable; each block runs its body
 * with a new one, and each {@code parallel} branch starts from its parent's.
 *
 * @param env variables set by {@code withEnv} blocks around this point; they win over the build's environment
 * @param branch the {@code parallel} branch, or {@code null}
 * @param stage the innermost stage, or {@code null}
 * @param stageState the result of that stage so far, or {@code null} outside stages
 */
public record ExecutionContext(Map<String, String> env, Path cwd, String branch, String stage, StageState stageState) {
    public ExecutionContext {
        env = Map.copyOf(env);
    }

    public static ExecutionContext root(Path workspace) {
        return new ExecutionContext(Map.of(), workspace, null, null, null);
    }

    public ExecutionContext withEnv(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        merged.putAll(more);
        return new ExecutionContext(merged, cwd, branch, stage, stageState);
    }

    public ExecutionContext inDirectory(Path dir) {
        return new ExecutionContext(env, cwd.resolve(dir).normalize(), branch, stage, stageState);
    }

    public ExecutionContext inBranch(String name) {
        return new ExecutionContext(env, cwd, branch == null ? name : branch + "/" + name, stage, stageState);
    }

    public ExecutionContext inStage(String name, StageState state) {
        return new ExecutionContext(env, cwd, branch, name, state);
    }

    /** Marks the stage this code runs in, if any, with {@code result} or worse. */
    public void worsenStage(BuildResult result) {
        if (stageState != null) {
            stageState.worsen(result);
        }
    }
}
