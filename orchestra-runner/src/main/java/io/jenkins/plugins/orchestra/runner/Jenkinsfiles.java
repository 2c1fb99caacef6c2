package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeError;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeReport;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeValidator;
import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileException;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.PipelineScript;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks a Jenkinsfile before anything runs: Groovy syntax and, for a Declarative one, its structure. */
final class Jenkinsfiles {
    private Jenkinsfiles() {}

    /**
     * Validates and compiles {@code source} with the shared libraries it may load, or throws one {@link
     * JenkinsfileException} listing every error.
     */
    static PipelineScript check(String source, List<LocalLibrary> libraries) {
        try {
            List<DeclarativeError> errors = DeclarativeValidator.validate(source);
            if (!errors.isEmpty()) {
                throw new JenkinsfileException(
                        DeclarativeReport.render(source, errors).strip());
            }
            return JenkinsfileRunner.compile(source, libraries);
        } catch (StackOverflowError e) {
            // Groovy's parser recurses once per open bracket: a deep enough nesting exhausts any stack
            throw new JenkinsfileException(tooDeep(source));
        }
    }

    /**
     * The text of a Jenkinsfile, which must be UTF-8 (as Jenkins reads it from SCM).
     *
     * @throws JenkinsfileException naming the line of the first byte that is not UTF-8
     */
    static String read(Path jenkinsfile) throws IOException {
        byte[] bytes = Files.readAllBytes(jenkinsfile);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new JenkinsfileException(String.format(
                    "WorkflowScript: %d: the Jenkinsfile is not UTF-8 text: byte 0x%02X; save it as UTF-8 @ line %d,"
                            + " column %d.",
                    line, bytes[at] & 0xFF, line, column));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Where {@code source} nests deepest, counting brackets, braces and parentheses (strings included: a hint). */
    private static String tooDeep(String source) {
        int depth = 0;
        int max = 0;
        int maxLine = 1;
        int maxColumn = 1;
        int line = 1;
        int column = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > max) {
                    max = depth;
                    maxLine = line;
                    maxColumn = column;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return "WorkflowScript: " + maxLine + ": nested too deeply to be parsed (" + max
                + " brackets, braces and parentheses open at once) @ line " + maxLine + ", column " + maxColumn + ".";
    }
}
