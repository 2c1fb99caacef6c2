package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.internal.FileTrees;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code archiveArtifacts} into the run's directory, and {@code stash} / {@code unstash} between stages of a run.
 */
public final class ArtifactSteps {
    private ArtifactSteps() {}

    public static void register(PipelineRuntime runtime, Path runDirectory) {
        Path archive = runDirectory.resolve("archive");
        Path stashes = runDirectory.resolve("stashes");
        runtime.register("archiveArtifacts", (call, rt) -> {
            String artifacts = call.requiredString("artifacts");
            rt.console().pipeline(rt.context(), "archiveArtifacts");
            List<Path> files = new AntPatterns(artifacts, excludes(call))
                    .files(rt.context().cwd());
            if (files.isEmpty() && !call.bool("allowEmptyArchive", false)) {
                throw new StepException(
                        "No artifacts found that match the file pattern \"" + artifacts + "\". Configuration error?");
            }
            rt.log("Archiving artifacts");
            copy(rt.context().cwd(), files, archive);
            return null;
        });
        runtime.register("stash", (call, rt) -> {
            String name = call.requiredString("name");
            String includes = call.namedArg("includes").map(String::valueOf).orElse("**");
            rt.console().pipeline(rt.context(), "stash");
            List<Path> files =
                    new AntPatterns(includes, excludes(call)).files(rt.context().cwd());
            if (files.isEmpty() && !call.bool("allowEmpty", false)) {
                throw new StepException("No files included in stash '" + name + "'");
            }
            Path dir = stashes.resolve(safe(name, call));
            FileTrees.delete(dir);
            copy(rt.context().cwd(), files, dir);
            rt.log("Stashed " + files.size() + " file(s)");
            return null;
        });
        runtime.register("unstash", (call, rt) -> {
            String name = call.requiredString("name");
            rt.console().pipeline(rt.context(), "unstash");
            Path dir = stashes.resolve(safe(name, call));
            if (!Files.isDirectory(dir)) {
                throw new StepException("No such saved stash ‘" + name + "’");
            }
            copy(dir, new AntPatterns("**", "").files(dir), rt.context().cwd());
            return null;
        });
    }

    private static String excludes(StepCall call) {
        return call.namedArg("excludes").map(String::valueOf).orElse("");
    }

    private static String safe(String name, StepCall call) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new StepException("stash name must be a plain name, was '" + name + "'" + call.at());
        }
        return name;
    }

    private static void copy(Path from, List<Path> files, Path to) throws IOException {
        for (Path relative : files) {
            Path target = to.resolve(relative.toString()).normalize();
            if (!target.startsWith(to)) {
                continue; // never outside the destination
            }
            Files.createDirectories(target.getParent());
            Files.copy(
                    from.resolve(relative),
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
