package io.jenkins.plugins.orchestra.host;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Hides every known secret value of a run in everything the run prints, as {@value #MASK}, the way Jenkins'
 * Credentials Binding does. A host keeps one masker per run, {@link #add adds} each secret as it binds credentials,
 * and passes text through {@link #mask(CharSequence)} and process output through a {@link MaskingOutputStream}.
 *
 * <p>Besides the value itself the masker hides the forms a value takes when a tool prints it: escaped in a JSON
 * string, URL-encoded, quoted for a POSIX shell as {@code set -x} shows it, and Base64-encoded at any offset (as in an
 * {@code Authorization: Basic} header). Where the occurrences of two secrets overlap, both are hidden as one
 * {@value #MASK}.
 *
 * <p>Every non-empty value is masked, however short, as Jenkins does: a one-letter password hides that letter
 * everywhere in the log, but never shows. {@link #isShort(Secret)} tells a host when to warn about that. What the
 * masker cannot hide: a value transformed in a way it does not know (reversed, hashed, printed one character per
 * line, encoded some other way), and a value printed by a tool that writes somewhere other than the masked output.
 *
 * <p>Thread-safe: secrets may be added while other threads mask; text masked after {@code add} returns hides the new
 * secret.
 */
public final class SecretMasker {
    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** Values shorter than this are masked, but also hide ordinary text; see {@link #isShort(Secret)}. */
    private static final int SHORT = 4;

    private final Set<String> values = new LinkedHashSet<>();
    private volatile MaskSet current = MaskSet.EMPTY;

    /** Masks this secret's value from now on; an empty secret, or one already known, changes nothing. */
    public void add(Secret secret) {
        addAll(Set.of(secret));
    }

    /** Masks these secrets' values from now on; cheaper than adding them one by one. */
    public synchronized void addAll(Iterable<Secret> secrets) {
        boolean changed = false;
        for (Secret secret : secrets) {
            String value = Objects.requireNonNull(secret, "secret").reveal();
            changed |= !value.isEmpty() && values.add(value);
        }
        if (changed) {
            Set<String> forms = new LinkedHashSet<>();
            for (String value : values) {
                forms.addAll(SecretForms.of(value));
            }
            current = new MaskSet(Set.copyOf(forms));
        }
    }

    /** This text with every occurrence of a known secret, in any of its forms, replaced by {@value #MASK}. */
    public String mask(CharSequence text) {
        MaskSet set = current;
        if (set.isEmpty()) {
            return text.toString();
        }
        Automaton.Runs runs = new Automaton.Runs();
        set.chars().scan(text, 0, text.length(), runs);
        if (runs.size() == 0) {
            return text.toString();
        }
        StringBuilder masked = new StringBuilder(text.length());
        int at = 0;
        for (int i = 0; i < runs.size(); i++) {
            masked.append(text, at, runs.start(i)).append(MASK);
            at = runs.end(i);
        }
        return masked.append(text, at, text.length()).toString();
    }

    /**
     * Whether this secret is so short that masking it hides ordinary text too (every {@code ab} in the log for the
     * password {@code ab}) and so tells a reader of the log which characters it is made of. It is masked all the same;
     * a host should warn the user to choose a longer one.
     */
    public static boolean isShort(Secret secret) {
        return secret.reveal().length() < SHORT;
    }

    MaskSet current() {
        return current;
    }
}
