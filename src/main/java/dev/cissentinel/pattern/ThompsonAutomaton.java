package dev.cissentinel.pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A regex as a Thompson NFA, for one question the bit-parallel {@link BitAutomaton} does not answer: a shortest text
 * the regex matches ({@link #example}), found by a 0-1 breadth-first search over states. At most
 * {@value #MAX_STATES} states, so that compiling stays small.
 */
final class ThompsonAutomaton {

    static final int MAX_STATES = 20_000;

    private static final byte CHAR = 0;
    private static final byte SPLIT = 1;
    private static final byte BOL = 2;
    private static final byte EOL = 3;
    private static final byte MATCH = 4;

    private final byte[] op;
    private final int[] out1;
    private final int[] out2;
    private final RegexParser.CharSet[] sets;
    private final int start;

    private ThompsonAutomaton(Builder builder, int start) {
        int n = builder.op.size();
        this.op = new byte[n];
        this.out1 = new int[n];
        this.out2 = new int[n];
        this.sets = new RegexParser.CharSet[n];
        for (int i = 0; i < n; i++) {
            op[i] = builder.op.get(i);
            out1[i] = builder.out1.get(i);
            out2[i] = builder.out2.get(i);
            sets[i] = builder.sets.get(i);
        }
        this.start = start;
    }

    /**
     * The automaton of these alternatives.
     *
     * @throws RegexParser.RegexSyntaxException when it would have more than {@link #MAX_STATES} states
     */
    static ThompsonAutomaton of(List<List<RegexParser.Piece>> alternatives) {
        Builder builder = new Builder();
        int match = builder.add(MATCH, -1, -1, null);
        int entry = -1;
        for (int a = alternatives.size() - 1; a >= 0; a--) {
            int next = match;
            List<RegexParser.Piece> pieces = alternatives.get(a);
            for (int p = pieces.size() - 1; p >= 0; p--) {
                next = builder.piece(pieces.get(p), next);
            }
            entry = entry < 0 ? next : builder.add(SPLIT, next, entry, null);
        }
        return new ThompsonAutomaton(builder, entry);
    }

    /**
     * A shortest text that the regex matches as a whole, built from readable characters; {@code null} when the
     * regex matches nothing (e.g. {@code a^b}).
     */
    String example() {
        int states = op.length;
        // Node = state * 4 + flags (bit 0: something consumed, bit 1: past a "$"); 0-1 BFS on consumed chars.
        int nodes = states * 4;
        int[] distance = new int[nodes];
        int[] parent = new int[nodes];
        char[] via = new char[nodes];
        Arrays.fill(distance, Integer.MAX_VALUE);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int first = start * 4;
        distance[first] = 0;
        parent[first] = -1;
        queue.add(first);
        while (!queue.isEmpty()) {
            int node = queue.pollFirst();
            int s = node / 4;
            int flags = node % 4;
            boolean consumed = (flags & 1) != 0;
            boolean ended = (flags & 2) != 0;
            switch (op[s]) {
                case MATCH:
                    StringBuilder text = new StringBuilder();
                    for (int at = node; parent[at] >= 0; at = parent[at]) {
                        if (via[at] != 0) {
                            text.append(via[at]);
                        }
                    }
                    return text.reverse().toString();
                case SPLIT:
                    relax(node, out1[s] * 4 + flags, distance[node], (char) 0, distance, parent, via, queue);
                    relax(node, out2[s] * 4 + flags, distance[node], (char) 0, distance, parent, via, queue);
                    break;
                case BOL:
                    if (!consumed) {
                        relax(node, out1[s] * 4 + flags, distance[node], (char) 0, distance, parent, via, queue);
                    }
                    break;
                case EOL:
                    relax(node, out1[s] * 4 + (flags | 2), distance[node], (char) 0, distance, parent, via, queue);
                    break;
                case CHAR:
                    char c = sets[s].sample();
                    if (!ended && c != 0) {
                        relax(node, out1[s] * 4 + (flags | 1), distance[node] + 1, c, distance, parent, via, queue);
                    }
                    break;
                default:
                    throw new IllegalStateException("state " + op[s]);
            }
        }
        return null;
    }

    private static void relax(int from, int to, int cost, char c, int[] distance, int[] parent, char[] via,
            ArrayDeque<Integer> queue) {
        if (cost >= distance[to]) {
            return;
        }
        distance[to] = cost;
        parent[to] = from;
        via[to] = c;
        if (c == 0) {
            queue.addFirst(to);
        } else {
            queue.addLast(to);
        }
    }

    /** Grows the automaton backwards: each method returns the entry state of a fragment that continues at next. */
    private static final class Builder {
        final List<Byte> op = new ArrayList<>();
        final List<Integer> out1 = new ArrayList<>();
        final List<Integer> out2 = new ArrayList<>();
        final List<RegexParser.CharSet> sets = new ArrayList<>();

        int add(byte kind, int first, int second, RegexParser.CharSet set) {
            if (op.size() == MAX_STATES) {
                throw new RegexParser.RegexSyntaxException(0, "a smaller regex (at most " + MAX_STATES
                        + " automaton states)", "a larger one");
            }
            op.add(kind);
            out1.add(first);
            out2.add(second);
            sets.add(set);
            return op.size() - 1;
        }

        int piece(RegexParser.Piece piece, int next) {
            if (piece.anchor() != RegexParser.Anchor.NONE) {
                return add(piece.anchor() == RegexParser.Anchor.BEGIN ? BOL : EOL, next, -1, null);
            }
            int entry = next;
            if (piece.max() < 0) {
                int loop = add(SPLIT, -1, next, null);
                out1.set(loop, add(CHAR, loop, -1, piece.set()));
                entry = loop;
            } else {
                for (int i = piece.min(); i < piece.max(); i++) {
                    entry = add(SPLIT, add(CHAR, entry, -1, piece.set()), next, null);
                }
            }
            for (int i = 0; i < piece.min(); i++) {
                entry = add(CHAR, entry, -1, piece.set());
            }
            return entry;
        }
    }
}
