package io.jenkins.plugins.orchestra.reliability.badinput;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a command ended as bad input must: with the exit code expected, one error line naming the field or the
 * Jenkinsfile line, no stack trace, no exception's class name, nothing changed outside the run records. Each verdict is
 * counted in {@link Tally} and, when it is not a clear error (or an accepted valid input), described.
 */
final class Judge {
    /** An error line longer than this echoes what it refuses instead of naming it. */
    static final int MAX_LINE = 2000;

    private static final Pattern TRACE = Pattern.compile("\tat |^\\s+at [\\w$.]+\\(", Pattern.MULTILINE);
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b\\w{0,80}Exception\\b|\\b[A-Z][a-z]{1,40}(?:[A-Z][a-z]{0,40}){1,8}Error\\b"
                    + "|\\b(?:java|javax|groovy|org\\.codehaus|org\\.yaml|io\\.jenkins|com\\.fasterxml|sun|jdk|picocli|groovyjarjar\\w*)\\.(?:[a-z_]\\w*\\.)+[A-Z]\\w*");
    /** Where a Jenkinsfile error is: Groovy's and Declarative's {@code @ line N}, {@code WorkflowScript: N:}. */
    static final Pattern JENKINSFILE_LINE =
            Pattern.compile("line \\d+|WorkflowScript: \\d+:|\\.groovy:\\d+|Jenkinsfile:\\d+");

    /** The shape of the error expected. */
    enum Shape {
        /** exit 2; Jenkins' report: a headline naming the line, then its sample, caret and count lines */
        JENKINSFILE,
        /** exit 2; one line on standard error */
        USAGE,
        /** exit 1; the run failed with one {@code ERROR:} line */
        STEP
    }

    /**
     * What a case expects.
     *
     * @param names what the error line must contain (a field, a file and line): a regular expression
     * @param mayAccept whether exit 0 is a fine outcome too (a mutation that is still valid)
     */
    record Expect(Shape shape, Pattern names, boolean mayAccept) {
        static Expect jenkinsfile() {
            return new Expect(Shape.JENKINSFILE, JENKINSFILE_LINE, false);
        }

        static Expect usage(String names) {
            return new Expect(Shape.USAGE, Pattern.compile(names), false);
        }

        static Expect step(String names) {
            return new Expect(Shape.STEP, Pattern.compile(names), false);
        }

        Expect orAccepted() {
            return new Expect(shape, names, true);
        }

        int exit() {
            return shape == Shape.STEP ? 1 : 2;
        }
    }

    private Judge() {}

    /** Judges, counts, and returns what is wrong ({@code null} when nothing). */
    static String judge(String group, String name, Cli.Outcome o, Expect e, List<String> changes) {
        String problem = problem(o, e, changes);
        Tally.Kind kind;
        if (problem == null) {
            kind = o.exit() == 0 ? Tally.Kind.ACCEPTED : Tally.Kind.CLEAR;
        } else if (problem.startsWith("crash")) {
            kind = Tally.Kind.CRASH;
        } else {
            kind = Tally.Kind.UNCLEAR;
        }
        String described = problem == null ? null : name + ": " + problem;
        Tally.count(group, kind, described);
        return described;
    }

    static String problem(Cli.Outcome o, Expect e, List<String> changes) {
        if (o.hung()) {
            return "crash: did not end in time; printed:\n" + tail(o.printed());
        }
        if (o.exit() == -2) {
            return "crash: Main.run threw\n" + tail(o.err());
        }
        String trace = stackTrace(o.printed());
        if (trace != null) {
            return "crash: exit " + o.exit() + ", printed " + trace + ":\n" + tail(o.printed());
        }
        if (o.exit() == 0 && e.mayAccept()) {
            return null;
        }
        if (o.exit() != e.exit()) {
            return "exit " + o.exit() + " where " + e.exit() + " was expected; printed:\n" + tail(o.printed());
        }
        List<String> lines = e.shape() == Shape.STEP ? distinct(o.errorLinesOfTheRun()) : o.errorLines();
        if (lines.isEmpty()) {
            return "no error printed:\n" + tail(o.printed());
        }
        String headline = lines.get(0);
        if (headline.length() > MAX_LINE) {
            return "an error line of " + headline.length() + " characters: " + headline.substring(0, 200) + "…";
        }
        if (!e.names().matcher(headline).find()) {
            return "the error does not name " + e.names() + ": " + headline;
        }
        for (String extra : lines.subList(1, lines.size())) {
            boolean report = e.shape() == Shape.JENKINSFILE
                    && (Character.isWhitespace(extra.charAt(0))
                            || extra.matches("\\d+ errors?")
                            || extra.contains("@ line ")
                            || JENKINSFILE_LINE.matcher(extra).find());
            if (!report) {
                return "more than one error line: " + lines;
            }
        }
        if (!changes.isEmpty()) {
            return "changed " + changes + " though the input was refused (" + headline + ")";
        }
        return null;
    }

    /** What in {@code printed} belongs to a stack trace, or {@code null}. */
    static String stackTrace(String printed) {
        var m = TRACE.matcher(printed);
        if (m.find()) {
            return "a stack trace";
        }
        m = CLASS_NAME.matcher(printed);
        if (m.find()) {
            return "the class name " + m.group();
        }
        return null;
    }

    private static List<String> distinct(List<String> lines) {
        Set<String> seen = new LinkedHashSet<>(lines);
        return new ArrayList<>(seen);
    }

    static String tail(String s) {
        String t = s.length() > 3000 ? "…" + s.substring(s.length() - 3000) : s;
        return t.indent(4);
    }
}
