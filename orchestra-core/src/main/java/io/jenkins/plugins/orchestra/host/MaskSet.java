package io.jenkins.plugins.orchestra.host;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What a masker knows at one moment: the forms to hide, and automata for them built when first needed. */
final class MaskSet {
    static final MaskSet EMPTY = new MaskSet(Set.of());

    private final Set<String> forms;
    private volatile Automaton chars;
    private final ConcurrentHashMap<Charset, Automaton> bytes = new ConcurrentHashMap<>();

    MaskSet(Set<String> forms) {
        this.forms = forms;
    }

    boolean isEmpty() {
        return forms.isEmpty();
    }

    Set<String> forms() {
        return forms;
    }

    Automaton chars() {
        Automaton a = chars;
        if (a == null) {
            List<int[]> patterns = new ArrayList<>(forms.size());
            for (String form : forms) {
                patterns.add(form.chars().toArray());
            }
            a = Automaton.of(patterns, Character.MAX_VALUE + 1);
            chars = a;
        }
        return a;
    }

    Automaton bytes(Charset charset) {
        return bytes.computeIfAbsent(charset, cs -> {
            List<int[]> patterns = new ArrayList<>(forms.size());
            for (String form : forms) {
                byte[] encoded = form.getBytes(cs);
                int[] pattern = new int[encoded.length];
                for (int i = 0; i < encoded.length; i++) {
                    pattern[i] = encoded[i] & 0xff;
                }
                patterns.add(pattern);
            }
            return Automaton.of(patterns, 256);
        });
    }
}
