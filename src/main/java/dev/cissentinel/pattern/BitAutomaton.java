package dev.cissentinel.pattern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A regex of CloudWatch's subset (no groups: alternatives of repeated character sets and anchors) as a position
 * automaton run bit-parallel, Shift-And style: one bit per position, a machine word for 64 of them. Finding costs
 * O(text length x positions / 64) word operations, whatever the regex and the text, so a 20,000-position regex on a
 * 1 MB message is about 300 word operations per character instead of 20,000 state visits.
 *
 * <p>Each alternative's pieces become positions: {@code c{m,n}} gives m required and n - m optional positions,
 * {@code c{m,}} gives m - 1 required and one repeatable position (or one optional repeatable for m = 0). Bit 0 of an
 * alternative's run is its start ("nothing matched"), bit j means "positions 1..j matched". A character moves every
 * active bit one up where the next position's set holds it, keeps repeatable positions that hold it, and re-adds the
 * starts (an unanchored search starts anywhere); then optional positions are skipped with the subtraction trick
 * for optional characters of Navarro and Raffinot (<i>Flexible Pattern Matching in Strings</i>, 2002): with A the
 * optional positions, F the last bit of each run of them and I the bit before it,
 * {@code D |= A & (~((D | F) - I) ^ (D | F))} fills every run from its lowest reachable bit, the borrow of the
 * subtraction carrying "reached" up the run and stopping at F. Anchors are folded in when the automaton is built
 * (see {@code Builder.add}).
 */
final class BitAutomaton {

    private static final int OTHER = 128;

    private final int words;
    /** For each ASCII character, and {@link #OTHER} for the rest: the positions whose set holds it. */
    private final long[][] table;
    private final long[] repeatable;
    private final long[] optional;
    private final long[] beforeRun;
    private final long[] runEnd;
    private final long[] startAnywhere;
    private final long[] startAtBeginning;
    private final long[] acceptAnywhere;
    private final long[] acceptAtEnd;
    private final boolean hasOptional;
    /** Some alternative matches the empty string wherever it starts: every text matches. */
    private final boolean matchesEverything;
    /** Some alternative matches only (or also) the empty text. */
    private final boolean matchesEmptyText;

    private BitAutomaton(Builder builder) {
        int bits = builder.bits;
        words = Math.max(1, (bits + 63) >>> 6);
        table = new long[OTHER + 1][words];
        repeatable = new long[words];
        optional = new long[words];
        beforeRun = new long[words];
        runEnd = new long[words];
        startAnywhere = new long[words];
        startAtBeginning = new long[words];
        acceptAnywhere = new long[words];
        acceptAtEnd = new long[words];
        for (Builder.Position position : builder.positions) {
            int bit = position.bit;
            for (int c = 0; c <= OTHER; c++) {
                if (c == OTHER ? position.set.containsOther() : position.set.contains((char) c)) {
                    set(table[c], bit);
                }
            }
            if (position.repeatable) {
                set(repeatable, bit);
            }
            if (position.optional) {
                set(optional, bit);
                if (!builder.optionalAt(bit - 1)) {
                    set(beforeRun, bit - 1);
                }
                if (!builder.optionalAt(bit + 1)) {
                    set(runEnd, bit);
                }
            }
        }
        for (Builder.Run run : builder.runs) {
            set(run.atBeginning ? startAtBeginning : startAnywhere, run.start);
            set(run.atEnd ? acceptAtEnd : acceptAnywhere, run.end);
        }
        hasOptional = !builder.optionalBits.isEmpty();
        matchesEverything = builder.matchesEverything;
        matchesEmptyText = builder.matchesEmptyText;
    }

    /** The automaton for these alternatives, each a list of pieces as {@link RegexParser} produces them. */
    static BitAutomaton of(List<List<RegexParser.Piece>> alternatives) {
        Builder builder = new Builder();
        for (List<RegexParser.Piece> pieces : alternatives) {
            builder.add(pieces);
        }
        return new BitAutomaton(builder);
    }

    /** How many 64-bit words one step touches: the cost of one character, in the units budgets count. */
    int width() {
        return words;
    }

    /** Whether the regex matches somewhere in {@code text}. */
    boolean find(String text) {
        if (matchesEverything || (matchesEmptyText && text.isEmpty())) {
            return true;
        }
        long[] d = new long[words];
        for (int w = 0; w < words; w++) {
            d[w] = startAnywhere[w] | startAtBeginning[w];
        }
        closeOverOptional(d);
        if (intersects(d, acceptAnywhere)) {
            return true;
        }
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            long[] holds = table[c < OTHER ? c : OTHER];
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long x = d[w];
                d[w] = (((x << 1) | carry) | (x & repeatable[w])) & holds[w] | startAnywhere[w];
                carry = x >>> 63;
            }
            closeOverOptional(d);
            if (intersects(d, acceptAnywhere)) {
                return true;
            }
        }
        return intersects(d, acceptAtEnd);
    }

    /** Skips optional positions: every run of them fills from its lowest reachable bit (the carry trick above). */
    private void closeOverOptional(long[] d) {
        if (!hasOptional) {
            return;
        }
        long borrow = 0;
        for (int w = 0; w < words; w++) {
            long withEnds = d[w] | runEnd[w];
            long minuend = withEnds - beforeRun[w];
            long outBorrow = Long.compareUnsigned(withEnds, beforeRun[w]) < 0 ? 1 : 0;
            long difference = minuend - borrow;
            outBorrow |= Long.compareUnsigned(minuend, borrow) < 0 ? 1 : 0;
            d[w] |= optional[w] & (~difference ^ withEnds);
            borrow = outBorrow;
        }
    }

    private static boolean intersects(long[] a, long[] b) {
        for (int w = 0; w < a.length; w++) {
            if ((a[w] & b[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    private static void set(long[] bits, int bit) {
        bits[bit >>> 6] |= 1L << (bit & 63);
    }

    /** Lays out the positions of each alternative, anchors folded in. */
    private static final class Builder {
        int bits;
        final List<Position> positions = new ArrayList<>();
        final List<Run> runs = new ArrayList<>();
        final BitSet optionalBits = new BitSet();
        boolean matchesEverything;
        boolean matchesEmptyText;

        record Position(int bit, RegexParser.CharSet set, boolean optional, boolean repeatable) {
        }

        record Run(int start, int end, boolean atBeginning, boolean atEnd) {
        }

        boolean optionalAt(int bit) {
            return bit >= 0 && optionalBits.get(bit);
        }

        /**
         * One alternative. A {@code ^} holds only before the first character and a {@code $} only after the last,
         * so: if some {@code ^} follows some {@code $}, the alternative can match only the empty text, and only
         * when all its pieces may be empty; otherwise the pieces before the last {@code ^} and after the first
         * {@code $} must match the empty string (else the alternative matches nothing) and are dropped, and what
         * remains is anchored at the beginning, the end, both or neither.
         */
        void add(List<RegexParser.Piece> pieces) {
            int lastBegin = -1;
            int firstEnd = -1;
            for (int i = 0; i < pieces.size(); i++) {
                RegexParser.Piece piece = pieces.get(i);
                if (piece.anchor() == RegexParser.Anchor.BEGIN) {
                    lastBegin = i;
                } else if (piece.anchor() == RegexParser.Anchor.END && firstEnd < 0) {
                    firstEnd = i;
                }
            }
            if (firstEnd >= 0 && lastBegin > firstEnd) {
                matchesEmptyText |= pieces.stream()
                        .allMatch(piece -> piece.anchor() != RegexParser.Anchor.NONE || piece.min() == 0);
                return;
            }
            int to = firstEnd < 0 ? pieces.size() : firstEnd;
            for (int i = 0; i < pieces.size(); i++) {
                RegexParser.Piece piece = pieces.get(i);
                if ((i < lastBegin || i > to) && piece.anchor() == RegexParser.Anchor.NONE && piece.min() > 0) {
                    return;
                }
            }
            boolean atBeginning = lastBegin >= 0;
            boolean atEnd = firstEnd >= 0;
            List<RegexParser.Piece> core = new ArrayList<>();
            for (int i = lastBegin + 1; i < to; i++) {
                if (pieces.get(i).anchor() == RegexParser.Anchor.NONE) {
                    core.add(pieces.get(i));
                }
            }
            if (core.stream().allMatch(piece -> piece.max() == 0)) {
                if (atBeginning && atEnd) {
                    matchesEmptyText = true;
                } else {
                    matchesEverything = true;
                }
                return;
            }
            int start = bits++;
            for (RegexParser.Piece piece : core) {
                if (piece.max() < 0) {
                    for (int k = 1; k < piece.min(); k++) {
                        position(piece.set(), false, false);
                    }
                    position(piece.set(), piece.min() == 0, true);
                } else {
                    for (int k = 0; k < piece.max(); k++) {
                        position(piece.set(), k >= piece.min(), false);
                    }
                }
            }
            runs.add(new Run(start, bits - 1, atBeginning, atEnd));
        }

        private void position(RegexParser.CharSet set, boolean optional, boolean repeatable) {
            int bit = bits++;
            positions.add(new Position(bit, set, optional, repeatable));
            if (optional) {
                optionalBits.set(bit);
            }
        }
    }
}
