package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Optional;
import org.codehaus.groovy.ast.ASTNode;

/** A Jenkinsfile's lines, read the way Groovy reads them, to quote source text and to show where an error is. */
final class SourceText {
    private final List<String> lines;

    SourceText(String source) {
        this.lines = source.lines().toList();
    }

    /** Line {@code number}, 1-based, without its line end; {@code null} past the end. */
    String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
    }

    /** The text of {@code node} as written. */
    String of(ASTNode node) {
        return between(Position.startOfText(node), Position.endOfText(node));
    }

    /** The text from {@code start} up to, not including, {@code end}; whatever lies in the file of it. */
    String between(Position start, Position end) {
        if (start.line() < 1 || end.line() < start.line()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int number = start.line(); number <= end.line(); number++) {
            String line = line(number);
            if (line == null) {
                break;
            }
            int from = number == start.line() ? clamp(start.column() - 1, line) : 0;
            int to = number == end.line() ? clamp(end.column() - 1, line) : line.length();
            if (number > start.line()) {
                text.append('\n');
            }
            text.append(line, from, Math.max(from, to));
        }
        return text.toString();
    }

    /**
     * Just past the first {@code }} from {@code from} on, if only spaces, semicolons and comments come before it;
     * empty otherwise.
     */
    Optional<Position> closingBrace(Position from) {
        int number = Math.max(1, from.line());
        int index = Math.max(0, from.column() - 1);
        boolean inComment = false;
        for (String line = line(number); line != null; line = line(++number), index = 0) {
            while (index < line.length()) {
                if (inComment) {
                    int close = line.indexOf("*/", index);
                    if (close < 0) {
                        break;
                    }
                    inComment = false;
                    index = close + 2;
                    continue;
                }
                char c = line.charAt(index);
                if (c == '}') {
                    return Optional.of(new Position(number, index + 2));
                } else if (line.startsWith("//", index)) {
                    break;
                } else if (line.startsWith("/*", index)) {
                    inComment = true;
                    index += 2;
                } else if (Character.isWhitespace(c) || c == ';') {
                    index++;
                } else {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static int clamp(int index, String line) {
        return Math.max(0, Math.min(index, line.length()));
    }
}
