package io.jenkins.plugins.orchestra.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A table printed as Markdown, so that a run's output can go into docs/benchmarks.md as it is. */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, was given " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, headers.get(c).length());
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        out.append('|');
        for (int c = 0; c < width.length; c++) {
            out.append(' ')
                    .append(c == 0 ? ":" + "-".repeat(width[c] - 1) : "-".repeat(width[c] - 1) + ":")
                    .append(" |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    /** The first column, which names the row, aligns left; the numbers after it align right. */
    private static void line(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            out.append(' ').append(c == 0 ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
