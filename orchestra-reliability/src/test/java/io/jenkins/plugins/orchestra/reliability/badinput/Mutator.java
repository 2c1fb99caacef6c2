package io.jenkins.plugins.orchestra.reliability.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random edits of a text, as a hurried hand makes them: a token or a line deleted, duplicated or swapped with its
 * neighbour, the text cut short. One to three edits per mutant.
 */
final class Mutator {
    private static final Pattern TOKEN = Pattern.compile("\\w+|\\s+|.", Pattern.DOTALL);

    /** A mutant and the edits that made it, to print with its seed. */
    record Mutant(String text, List<String> edits) {}

    private Mutator() {}

    static Mutant mutate(String text, SplittableRandom random) {
        List<String> edits = new ArrayList<>();
        String t = text;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && !t.isEmpty(); i++) {
            int op = random.nextInt(8);
            t = switch (op) {
                case 0 -> tokens(t, random, edits, "delete token");
                case 1 -> tokens(t, random, edits, "duplicate token");
                case 2 -> tokens(t, random, edits, "swap tokens");
                case 3 -> lines(t, random, edits, "delete line");
                case 4 -> lines(t, random, edits, "duplicate line");
                case 5 -> lines(t, random, edits, "swap lines");
                case 6 -> {
                    int at = random.nextInt(t.length());
                    edits.add("truncate at " + at);
                    yield t.substring(0, at);
                }
                default -> tokens(t, random, edits, "delete token");
            };
        }
        return new Mutant(t, edits);
    }

    private static String tokens(String t, SplittableRandom random, List<String> edits, String op) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(t);
        while (m.find()) {
            tokens.add(m.group());
        }
        List<Integer> solid = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isBlank()) {
                solid.add(i);
            }
        }
        if (solid.size() < 2) {
            return t;
        }
        int k = random.nextInt(solid.size() - 1);
        int i = solid.get(k);
        int j = solid.get(k + 1);
        edits.add(op + " '" + tokens.get(i) + "'" + (op.startsWith("swap") ? " and '" + tokens.get(j) + "'" : ""));
        switch (op) {
            case "delete token" -> tokens.set(i, "");
            case "duplicate token" -> tokens.set(i, tokens.get(i) + " " + tokens.get(i));
            default -> {
                String a = tokens.get(i);
                tokens.set(i, tokens.get(j));
                tokens.set(j, a);
            }
        }
        return String.join("", tokens);
    }

    private static String lines(String t, SplittableRandom random, List<String> edits, String op) {
        List<String> lines = new ArrayList<>(List.of(t.split("\n", -1)));
        if (lines.size() < 2) {
            return t;
        }
        int i = random.nextInt(lines.size() - 1);
        edits.add(op + " " + (i + 1));
        switch (op) {
            case "delete line" -> lines.remove(i);
            case "duplicate line" -> lines.add(i, lines.get(i));
            default -> {
                String a = lines.get(i);
                lines.set(i, lines.get(i + 1));
                lines.set(i + 1, a);
            }
        }
        return String.join("\n", lines);
    }
}
