package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;

/**
 * Renders errors the way Jenkins prints a Jenkinsfile that does not compile (Groovy's {@code ErrorCollector}):
 *
 * <pre>
 * WorkflowScript: 12: Duplicate stage name: "build" @ line 12, column 5.
 *        stages {
 *        ^
 *
 * 1 error
 * </pre>
 */
public final class DeclarativeReport {
    private DeclarativeReport() {}

    /** The report for {@code errors} in {@code source}, named {@code WorkflowScript} as Jenkins names it. */
    public static String render(String source, List<DeclarativeError> errors) {
        return render(GroovyAst.SCRIPT_NAME, source, errors);
    }

    /** The report for {@code errors} in {@code source}, naming the script {@code scriptName}; empty if no errors. */
    public static String render(String scriptName, String source, List<DeclarativeError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        SourceText text = new SourceText(source);
        StringBuilder report = new StringBuilder();
        for (DeclarativeError error : errors) {
            report.append(scriptName)
                    .append(": ")
                    .append(error.line())
                    .append(": ")
                    .append(error.message())
                    .append(" @ line ")
                    .append(error.line())
                    .append(", column ")
                    .append(error.column())
                    .append(".\n");
            String sample = sample(text.line(error.line()), error.column());
            if (sample != null) {
                report.append(sample).append("\n\n");
            }
        }
        report.append(errors.size())
                .append(errors.size() == 1 ? " error" : " errors")
                .append('\n');
        return report.toString();
    }

    /** Groovy's {@code SourceUnit.getSample}: the line, and a caret under the column; a window of a long line. */
    private static String sample(String line, int column) {
        if (line == null) {
            return null;
        }
        if (column <= 0) {
            return line;
        }
        String marker = " ".repeat(column - 1) + "^";
        if (column <= 40) {
            return "   " + line + "\n   " + marker;
        }
        int start = Math.min(column - 30 - 1, line.length());
        int end = Math.max(start, Math.min(column + 10 - 1, line.length()));
        return "   " + line.substring(start, end) + "\n   " + marker.substring(start);
    }
}
