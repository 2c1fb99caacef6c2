package io.jenkins.plugins.orchestra.provision.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the outputs a script wrote to the file named by {@code ORCHESTRA_OUTPUTS}, one {@code name=value} a line as
 * GitHub Actions' {@code GITHUB_OUTPUT}; a value of several lines is written {@code name<<END}, the lines, then {@code
 * END}. Blank lines and lines starting with {@code #} are skipped; a name written twice keeps its last value.
 */
final class OutputsFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern HEREDOC = Pattern.compile("(" + NAME.pattern() + ")<<(\\S+)");

    private OutputsFile() {}

    /**
     * The outputs in these lines.
     *
     * @throws IllegalArgumentException naming the first line that is neither, by number
     */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher heredoc = HEREDOC.matcher(line);
            if (heredoc.matches()) {
                String end = heredoc.group(2);
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).equals(end)) {
                    value.append(value.length() == 0 && j == i + 1 ? "" : "\n").append(lines.get(j));
                    j++;
                }
                if (j == lines.size()) {
                    throw new IllegalArgumentException("line " + (i + 1) + " starts " + heredoc.group(1) + "<<" + end
                            + " but no line " + end + " ends it");
                }
                outputs.put(heredoc.group(1), value.toString());
                i = j;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !NAME.matcher(line.substring(0, eq)).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not name=value or name<<END");
            }
            outputs.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return outputs;
    }
}
