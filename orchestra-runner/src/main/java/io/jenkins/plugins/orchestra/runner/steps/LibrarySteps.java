package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.runner.library.LibraryException;
import io.jenkins.plugins.orchestra.runner.library.SharedLibraries;
import io.jenkins.plugins.orchestra.runner.script.CompileErrors;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;

/** library (load a shared library while the Jenkinsfile runs) and libraryResource. */
public final class LibrarySteps {
    private LibrarySteps() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("library", (call, rt) -> {
            String identifier = call.requiredString("identifier");
            rt.console().pipeline(rt.context(), "library");
            SharedLibraries libraries = rt.libraries();
            try {
                Optional<SharedLibraries.Loaded> loaded = libraries.load(identifier);
                if (loaded.isEmpty()) {
                    rt.log("Only using first definition of library " + SharedLibraries.nameOf(identifier));
                } else {
                    rt.log(loaded.get().announcement());
                    libraries.compileVariables();
                }
            } catch (LibraryException e) {
                throw new StepException(e.getMessage() + call.at());
            } catch (MultipleCompilationErrorsException e) {
                throw new StepException(CompileErrors.describe(e));
            }
            return libraries.classes();
        });
        runtime.register("libraryResource", (call, rt) -> {
            String resource = call.requiredString("resource");
            rt.console().pipeline(rt.context(), "libraryResource");
            Path file;
            try {
                file = rt.libraries().resource(resource);
            } catch (LibraryException e) {
                throw new StepException(e.getMessage() + call.at());
            }
            Object encoding = call.namedArg("encoding").orElse(null);
            byte[] bytes = Files.readAllBytes(file);
            if (encoding != null && "Base64".equals(encoding.toString().strip())) {
                return Base64.getEncoder().encodeToString(bytes);
            }
            return new String(bytes, FileSteps.charset(encoding));
        });
    }
}
