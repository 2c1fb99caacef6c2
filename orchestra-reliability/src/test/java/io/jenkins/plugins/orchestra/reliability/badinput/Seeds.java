package io.jenkins.plugins.orchestra.reliability.badinput;

import java.util.SplittableRandom;

/**
 * The seeds of the random cases. {@code -Dbadinput.seed=S} changes every random case of the suite; each case prints the
 * seed of its own generator, and {@code -Dbadinput.seed=S} with the same counts tries it again.
 */
final class Seeds {
    static final long DEFAULT = 20261207L;

    private Seeds() {}

    static long base() {
        return Long.getLong("badinput.seed", DEFAULT);
    }

    /** The seed of case {@code i} of {@code group}: independent of the other groups' counts. */
    static long of(String group, int i) {
        return base() * 31 + group.hashCode() * 1_000_003L + i;
    }

    static SplittableRandom random(String group, int i) {
        return new SplittableRandom(of(group, i));
    }

    /** A count of cases: {@code -Dbadinput.<name>=N}, else {@code quick}. */
    static int count(String name, int quick) {
        return Integer.getInteger("badinput." + name, quick);
    }
}
