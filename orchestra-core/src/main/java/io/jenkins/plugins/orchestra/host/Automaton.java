package io.jenkins.plugins.orchestra.host;

import java.util.List;

/**
 * An Aho–Corasick automaton over int symbols (the chars of a string or the bytes of a stream): one pass over the
 * input finds every occurrence of every pattern, however many patterns there are.
 */
final class Automaton {
    private static final int ROOT = 0;

    private final int[] rootNext;
    private final long[] keys;
    private final int[] targets;
    private final int slots;
    private final int[] fail;
    /** The length of the longest pattern that ends at each node, 0 if none. */
    private final int[] match;
    /** The length of the longest suffix of the input read so far that more input can still grow into a pattern. */
    private final int[] hold;

    private Automaton(int alphabet, int capacity) {
        rootNext = new int[alphabet];
        int size = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        keys = new long[size];
        targets = new int[size];
        slots = size - 1;
        fail = new int[capacity];
        match = new int[capacity];
        hold = new int[capacity];
    }

    /** An automaton for these non-empty patterns, whose symbols are all below {@code alphabet} (at most 65536). */
    static Automaton of(List<int[]> patterns, int alphabet) {
        int capacity = 1;
        for (int[] pattern : patterns) {
            capacity += pattern.length;
        }
        Automaton a = new Automaton(alphabet, capacity);
        int[] parent = new int[capacity];
        int[] symbol = new int[capacity];
        int[] depth = new int[capacity];
        boolean[] hasChildren = new boolean[capacity];
        int nodes = 1;
        int deepest = 0;
        for (int[] pattern : patterns) {
            int node = ROOT;
            for (int c : pattern) {
                int child = a.child(node, c);
                if (child == ROOT) {
                    child = nodes++;
                    parent[child] = node;
                    symbol[child] = c;
                    depth[child] = depth[node] + 1;
                    hasChildren[node] = true;
                    a.link(node, c, child);
                }
                node = child;
            }
            a.match[node] = depth[node];
            deepest = Math.max(deepest, depth[node]);
        }
        for (int node : byDepth(depth, nodes, deepest)) {
            if (node == ROOT) {
                continue;
            }
            int f = ROOT;
            if (parent[node] != ROOT) {
                f = a.next(a.fail[parent[node]], symbol[node]);
            }
            a.fail[node] = f;
            if (a.match[node] == 0) {
                a.match[node] = a.match[f];
            }
            a.hold[node] = hasChildren[node] ? depth[node] : a.hold[f];
        }
        return a;
    }

    /** Feeds {@code text[from, to)} from the start state, adds every occurrence to {@code runs}, returns the state. */
    int scan(CharSequence text, int from, int to, Runs runs) {
        int state = ROOT;
        for (int i = from; i < to; i++) {
            state = next(state, text.charAt(i));
            if (match[state] != 0) {
                runs.add(i + 1 - match[state], i + 1);
            }
        }
        return state;
    }

    /** Feeds {@code bytes[from, to)} from the start state, adds every occurrence to {@code runs}, returns the state. */
    int scan(byte[] bytes, int from, int to, Runs runs) {
        int state = ROOT;
        for (int i = from; i < to; i++) {
            state = next(state, bytes[i] & 0xff);
            if (match[state] != 0) {
                runs.add(i + 1 - match[state], i + 1);
            }
        }
        return state;
    }

    /** How many symbols at the end of the input that led to {@code state} may be the start of an occurrence. */
    int hold(int state) {
        return hold[state];
    }

    private int next(int state, int c) {
        while (state != ROOT) {
            int t = child(state, c);
            if (t != ROOT) {
                return t;
            }
            state = fail[state];
        }
        return rootNext[c];
    }

    /** The child of {@code node} by {@code c}, or the root (which is nobody's child) if there is none. */
    private int child(int node, int c) {
        if (node == ROOT) {
            return rootNext[c];
        }
        long key = ((long) node << 16) | c;
        for (int i = slot(key); ; i = (i + 1) & slots) {
            if (keys[i] == key) {
                return targets[i];
            }
            if (keys[i] == 0) {
                return ROOT;
            }
        }
    }

    private void link(int node, int c, int child) {
        if (node == ROOT) {
            rootNext[c] = child;
            return;
        }
        long key = ((long) node << 16) | c;
        int i = slot(key);
        while (keys[i] != 0) {
            i = (i + 1) & slots;
        }
        keys[i] = key;
        targets[i] = child;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & slots;
    }

    private static int[] byDepth(int[] depth, int nodes, int deepest) {
        int[] start = new int[deepest + 2];
        for (int n = 0; n < nodes; n++) {
            start[depth[n] + 1]++;
        }
        for (int d = 1; d < start.length; d++) {
            start[d] += start[d - 1];
        }
        int[] order = new int[nodes];
        for (int n = 0; n < nodes; n++) {
            order[start[depth[n]]++] = n;
        }
        return order;
    }

    /**
     * The stretches of input to mask: the union of all occurrences, kept sorted and disjoint. Occurrences that overlap
     * become one run, so a secret that overlaps another is hidden whole; occurrences that only touch stay apart.
     */
    static final class Runs {
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        private int size;

        /** Occurrences arrive in the order of their ends. */
        void add(int start, int end) {
            while (size > 0 && ends[size - 1] > start) {
                size--;
                start = Math.min(start, starts[size]);
            }
            if (size == starts.length) {
                starts = java.util.Arrays.copyOf(starts, size * 2);
                ends = java.util.Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        /** Gives back the runs that reach past {@code limit} and returns where the first of them started. */
        int releaseFrom(int limit) {
            while (size > 0 && ends[size - 1] > limit) {
                size--;
                limit = Math.min(limit, starts[size]);
            }
            return limit;
        }

        int size() {
            return size;
        }

        int start(int i) {
            return starts[i];
        }

        int end(int i) {
            return ends[i];
        }

        void clear() {
            size = 0;
        }
    }
}
