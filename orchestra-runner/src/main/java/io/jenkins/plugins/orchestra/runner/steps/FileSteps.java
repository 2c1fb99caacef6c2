package io.jenkins.plugins.orchestra.runner.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.orchestra.internal.FileTrees;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** readFile, writeFile, readJSON, fileExists, deleteDir, dir: paths are relative to the current directory. */
public final class FileSteps {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private FileSteps() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("readFile", (call, rt) -> {
            Path file = rt.context().cwd().resolve(call.requiredString("file"));
            try {
                return Files.readString(file, charset(call.namedArg("encoding").orElse(null)));
            } catch (NoSuchFileException e) {
                throw new StepException(file + " does not exist." + call.at());
            }
        });
        runtime.register("writeFile", (call, rt) -> {
            Path file = rt.context().cwd().resolve(call.requiredString("file"));
            String text = call.namedArg("text")
                    .map(String::valueOf)
                    .orElseThrow(() -> new StepException("Step 'writeFile' needs its 'text' argument" + call.at()));
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, charset(call.namedArg("encoding").orElse(null)));
            return null;
        });
        // as pipeline-utility-steps' readJSON: text or file, read as maps, lists, strings, numbers and booleans
        runtime.register("readJSON", (call, rt) -> {
            Optional<Object> text = call.namedArg("text");
            Optional<Object> file = call.namedArg("file");
            if (text.isPresent() == file.isPresent()) {
                throw new StepException("Step 'readJSON' needs either 'text' or 'file'" + call.at());
            }
            String json;
            if (text.isPresent()) {
                json = String.valueOf(text.get());
            } else {
                Path path = rt.context().cwd().resolve(String.valueOf(file.get()));
                try {
                    json = Files.readString(path);
                } catch (NoSuchFileException e) {
                    throw new StepException(path + " does not exist." + call.at());
                }
            }
            try {
                return JSON.readValue(json, Object.class);
            } catch (JsonProcessingException e) {
                throw new StepException("readJSON: " + (text.isPresent() ? "text" : "file") + " is not JSON: "
                        + e.getOriginalMessage() + call.at());
            }
        });
        runtime.register("fileExists", (call, rt) -> {
            String path = call.requiredString("file");
            return Files.exists(rt.context().cwd().resolve(path));
        });
        runtime.register("deleteDir", (call, rt) -> {
            rt.console().pipeline(rt.context(), "deleteDir");
            FileTrees.delete(rt.context().cwd());
            return null;
        });
        runtime.register("dir", (call, rt) -> {
            String path = call.requiredString("path");
            var inner = rt.context().inDirectory(Path.of(path));
            rt.console().pipeline(rt.context(), "dir");
            rt.log("Running in " + inner.cwd());
            Files.createDirectories(inner.cwd());
            return rt.run(inner, call.requiredBody());
        });
    }

    static Charset charset(Object encoding) {
        if (encoding == null || encoding.toString().isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding.toString());
        } catch (IllegalArgumentException e) {
            throw new StepException("encoding '" + encoding + "' is not supported");
        }
    }
}
