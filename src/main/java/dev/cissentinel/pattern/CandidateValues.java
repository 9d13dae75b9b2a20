package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The values worth trying at one place of an event, for {@link CoverageSearch}: one at least in every class of values
 * on which the place's conditions agree, for the exact fragment (see the package documentation). MISSING, null,
 * true, false, {}, [], every constant and wildcard core, wildcard cores joined by a character that occurs in no
 * constant ({@code p+J}, {@code J+s}, {@code p+J+m+J+s} ...), a regex's shortest example, numbers below, at, between
 * and above every numeric bound (written short), and a few readable CloudTrail-like values first. A string satisfying
 * a mix of prefix/suffix/contains/equals constraints and their negations exists iff the junk-separated concatenation
 * of the required parts satisfies it, because no forbidden constant can straddle the junk character.
 *
 * @param values the candidates, most readable first; {@code null} stands for MISSING
 * @param inexact why these values might miss a class at this place (empty when they cannot)
 */
record CandidateValues(List<JsonNode> values, List<String> inexact) {

    /** At most this many candidates per place. */
    static final int MAX_CANDIDATES = 4096;
    /** Past this many {@code *contains*} values at one place, their combinations are not all tried. */
    static final int MAX_CONTAINS_IN_ONE_STRING = 5;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** RFC 8259's number grammar. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Numbers are written out in full up to this many characters, past it in scientific notation. */
    private static final int PLAIN_DIGITS = 24;

    /** Plausible CloudTrail values tried early, so that counterexamples read like real records. */
    private static final Map<String, List<String>> REALISTIC = Map.of(
            "$.eventType", List.of("AwsApiCall"),
            "$.userIdentity.type", List.of("IAMUser"),
            "$.userIdentity.invokedBy", List.of("cloudformation.amazonaws.com"),
            "$.sourceIPAddress", List.of("192.0.2.10"),
            "$.eventSource", List.of("sts.amazonaws.com"),
            "$.eventName", List.of("GetCallerIdentity"),
            "$.errorCode", List.of("ThrottlingException"),
            "$.errorMessage", List.of("Rate exceeded"));

    CandidateValues {
        // Not List.copyOf: MISSING is a null element.
        values = Collections.unmodifiableList(new ArrayList<>(values));
        inexact = List.copyOf(inexact);
    }

    /**
     * The candidates for the place {@code path}, whose conditions are {@code conditions} (comparisons and keyword
     * checks on that place); {@code fieldChildren}/{@code indexChildren}: whether deeper places hang below it (then
     * the search tries an object/array container itself, and the empty one is not a candidate here).
     */
    static CandidateValues at(String path, List<JsonExpression> conditions, boolean fieldChildren,
            boolean indexChildren) {
        List<String> inexact = new ArrayList<>();
        noteInexactness(path, conditions, inexact);
        List<JsonNode> values = candidates(path, conditions, fieldChildren, indexChildren, inexact);
        return new CandidateValues(values, inexact);
    }

    /** Why these classes might not be exact at {@code path} (then "no counterexample" is not a proof). */
    private static void noteInexactness(String path, List<JsonExpression> conditions, List<String> inexact) {
        Set<String> regexes = new HashSet<>();
        boolean otherComparison = false;
        boolean numeric = false;
        boolean numberLikeText = false;
        int contains = 0;
        for (JsonExpression condition : conditions) {
            if (condition.kind() != JsonExpression.Kind.COMPARISON) {
                continue;
            }
            JsonExpression.Comparison comparison = (JsonExpression.Comparison) condition;
            Value value = comparison.value();
            if (value.kind() == Value.Kind.REGEX) {
                regexes.add(comparison.operator() + PatternText.dump(comparison));
            } else {
                otherComparison = true;
            }
            numeric |= value.kind() == Value.Kind.NUMERIC;
            if (value.kind() == Value.Kind.TEXT) {
                Value.Text text = (Value.Text) value;
                numberLikeText |= text.shape() != Value.Shape.ANY && !text.core().isEmpty() && text.core().chars()
                        .allMatch(c -> (c >= '0' && c <= '9') || ".eE+-".indexOf(c) >= 0);
                contains += text.shape() == Value.Shape.CONTAINS ? 1 : 0;
            }
        }
        // One regex alone at a place is exact: "matches" is realised by its shortest example, "does not" by MISSING.
        if (regexes.size() > 1 || (!regexes.isEmpty() && otherComparison)) {
            inexact.add("regex values (%...%) at " + path + " are only tested on sample values");
        }
        if (numeric && numberLikeText) {
            inexact.add("numeric and quoted/wildcard comparisons of digits at " + path
                    + " are only tested on sample numbers");
        }
        if (contains > MAX_CONTAINS_IN_ONE_STRING) {
            inexact.add("more than " + MAX_CONTAINS_IN_ONE_STRING + " *contains* wildcards at " + path);
        }
    }

    /** Candidate values for a place, most readable first; MISSING is {@code null}. */
    private static List<JsonNode> candidates(String path, List<JsonExpression> conditions, boolean fieldChildren,
            boolean indexChildren, List<String> inexact) {
        Set<String> seenStrings = new LinkedHashSet<>();
        List<JsonNode> numbers = new ArrayList<>();
        List<BigDecimal> bounds = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<String> contained = new ArrayList<>();
        StringBuilder used = new StringBuilder();
        for (JsonExpression condition : conditions) {
            if (condition.kind() != JsonExpression.Kind.COMPARISON) {
                continue;
            }
            Contribution contribution = contribution(((JsonExpression.Comparison) condition).value());
            used.append(contribution.written());
            if (contribution.constant() != null) {
                seenStrings.add(contribution.constant());
                if (contribution.asNumber()) {
                    addNumber(numbers, contribution.constant());
                }
            }
            if (contribution.bound() != null) {
                bounds.add(contribution.bound());
            }
            if (contribution.shape() == Value.Shape.PREFIX) {
                prefixes.add(contribution.constant());
            } else if (contribution.shape() == Value.Shape.SUFFIX) {
                suffixes.add(contribution.constant());
            } else if (contribution.shape() == Value.Shape.CONTAINS) {
                contained.add(contribution.constant());
            }
        }
        List<JsonNode> candidates = new ArrayList<>();
        for (String constant : seenStrings) {
            candidates.add(NODES.textNode(constant));
        }
        candidates.add(null);
        for (String realistic : REALISTIC.getOrDefault(path, List.of())) {
            candidates.add(NODES.textNode(realistic));
        }
        candidates.add(NODES.textNode("other"));
        String junk = junk(used);
        for (String joined : joined(prefixes, suffixes, contained, junk)) {
            if (candidates.size() >= MAX_CANDIDATES) {
                inexact.add("too many wildcard combinations at " + path);
                break;
            }
            candidates.add(NODES.textNode(joined));
        }
        candidates.add(NODES.textNode(""));
        candidates.add(NODES.nullNode());
        candidates.add(NODES.booleanNode(true));
        candidates.add(NODES.booleanNode(false));
        if (!fieldChildren) {
            candidates.add(NODES.objectNode());
        }
        if (!indexChildren) {
            candidates.add(NODES.arrayNode());
        }
        candidates.addAll(numbers);
        candidates.addAll(numbersAround(bounds));
        return candidates;
    }

    /**
     * What one compared value adds to a place's candidates.
     *
     * @param written its text, which the junk character must avoid
     * @param constant a string to try ({@code null}: none), also the core of a wildcard
     * @param asNumber whether to try {@code constant} as a number too
     * @param bound a numeric bound to try numbers around ({@code null}: none)
     * @param shape how {@code constant} takes part in joined wildcard strings
     */
    private record Contribution(String written, String constant, boolean asNumber, BigDecimal bound,
            Value.Shape shape) {
    }

    private static Contribution contribution(Value value) {
        return switch (value.kind()) {
            case TEXT -> {
                Value.Text text = (Value.Text) value;
                boolean any = text.shape() == Value.Shape.ANY;
                yield new Contribution(text.core(), any ? null : text.core(), true, null, text.shape());
            }
            case NUMERIC -> {
                Value.Numeric number = (Value.Numeric) value;
                yield new Contribution(number.lexeme(), number.lexeme(), false, number.value(), Value.Shape.EXACT);
            }
            case REGEX -> {
                Value.Regex regex = (Value.Regex) value;
                yield new Contribution(regex.source(), regex.program().example(), true, null, Value.Shape.EXACT);
            }
        };
    }

    /** {@code p J m1 J m2 ... J s} for every choice of prefix, suffix and small set of contained cores. */
    private static List<String> joined(List<String> prefixes, List<String> suffixes, List<String> contained,
            String junk) {
        List<String> heads = new ArrayList<>(prefixes);
        heads.add(null);
        List<String> tails = new ArrayList<>(suffixes);
        tails.add(null);
        int subsets = 1 << Math.min(contained.size(), MAX_CONTAINS_IN_ONE_STRING);
        List<String> out = new ArrayList<>();
        for (int mask = 0; mask < subsets; mask++) {
            for (String head : heads) {
                for (String tail : tails) {
                    StringBuilder text = new StringBuilder(head == null ? "" : head);
                    for (int i = 0; i < Math.min(contained.size(), MAX_CONTAINS_IN_ONE_STRING); i++) {
                        if ((mask & (1 << i)) != 0) {
                            text.append(junk).append(contained.get(i));
                        }
                    }
                    text.append(junk);
                    if (tail != null) {
                        text.append(tail);
                    }
                    out.add(text.toString());
                }
            }
            if (out.size() > MAX_CANDIDATES) {
                break;
            }
        }
        return out;
    }

    /** A one-character string that occurs in no constant of the place. */
    private static String junk(CharSequence used) {
        String preferred = "xzqjkvwyXZQJKVWY0123456789_~";
        for (int i = 0; i < preferred.length(); i++) {
            if (used.toString().indexOf(preferred.charAt(i)) < 0) {
                return String.valueOf(preferred.charAt(i));
            }
        }
        for (char c = '\u00c0'; ; c++) {
            if (used.toString().indexOf(c) < 0) {
                return String.valueOf(c);
            }
        }
    }

    /**
     * A number written {@code text}, when a JSON event can hold one: {@code +1}, {@code 007} or {@code 1.} are not
     * JSON numbers, so no event has a number with that text and no class is lost by leaving them out.
     */
    private static void addNumber(List<JsonNode> numbers, String text) {
        BigDecimal value = Numbers.parse(text);
        if (value != null && text.length() <= JsonEvents.MAX_NUMBER_LENGTH && JSON_NUMBER.matcher(text).matches()) {
            numbers.add(new LexemeNumberNode(text, value));
        }
    }

    /**
     * Numbers below, at, between and above the bounds, integers also written with ".0". Each is written short (see
     * {@link #number}) and chosen short: for bounds such as {@code 1e-10000} the neighbours are {@code 0} and
     * {@code 1}, not 10,000-digit decimals that no JSON reader would take back.
     */
    private static List<JsonNode> numbersAround(List<BigDecimal> bounds) {
        List<BigDecimal> sorted = new ArrayList<>(new TreeSet<>(bounds));
        List<JsonNode> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            out.add(number(BigDecimal.ONE));
            return out;
        }
        out.add(number(below(sorted.get(0))));
        for (int i = 0; i < sorted.size(); i++) {
            BigDecimal bound = sorted.get(i);
            out.add(number(bound));
            String plain = plain(bound);
            if (bound.stripTrailingZeros().scale() <= 0 && plain.length() <= PLAIN_DIGITS) {
                out.add(new LexemeNumberNode(plain + ".0", new BigDecimal(plain + ".0")));
            }
            if (i + 1 < sorted.size()) {
                out.add(number(between(bound, sorted.get(i + 1))));
            }
        }
        out.add(number(above(sorted.get(sorted.size() - 1))));
        return out;
    }

    /** A short number below {@code v}: {@code v - 1}, else {@code ceil(v) - 1}, else {@code v} minus its magnitude. */
    private static BigDecimal below(BigDecimal v) {
        BigDecimal minusOne = v.subtract(BigDecimal.ONE);
        if (plain(minusOne).length() <= PLAIN_DIGITS) {
            return minusOne;
        }
        BigDecimal ceilingMinusOne = v.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
        return plain(ceilingMinusOne).length() <= PLAIN_DIGITS ? ceilingMinusOne
                : v.subtract(BigDecimal.ONE.scaleByPowerOfTen(magnitude(v)));
    }

    /** A short number above {@code v}: {@code v + 1}, else {@code floor(v) + 1}, else {@code v} plus its magnitude. */
    private static BigDecimal above(BigDecimal v) {
        BigDecimal plusOne = v.add(BigDecimal.ONE);
        if (plain(plusOne).length() <= PLAIN_DIGITS) {
            return plusOne;
        }
        BigDecimal floorPlusOne = v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
        return plain(floorPlusOne).length() <= PLAIN_DIGITS ? floorPlusOne
                : v.add(BigDecimal.ONE.scaleByPowerOfTen(magnitude(v)));
    }

    /** A short number strictly between {@code low} and {@code high}: the midpoint if short, else the shortest. */
    private static BigDecimal between(BigDecimal low, BigDecimal high) {
        BigDecimal middle = low.add(high).divide(BigDecimal.valueOf(2));
        if (plain(middle).length() <= PLAIN_DIGITS) {
            return middle;
        }
        // The first multiple of 10^p above low, for the largest p that still lands below high: few digits.
        int p = magnitude(high.subtract(low));
        BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(p);
        BigDecimal next = low.divide(step).setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(step);
        if (next.compareTo(high) >= 0) {
            step = BigDecimal.ONE.scaleByPowerOfTen(p - 1);
            next = low.divide(step).setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(step);
        }
        return next;
    }

    /** The power of ten of {@code v}'s leading digit ({@code 0} for zero). */
    private static int magnitude(BigDecimal v) {
        return v.signum() == 0 ? 0 : v.precision() - v.scale() - 1;
    }

    /** {@code v} written out in full, without a trailing ".0". */
    private static String plain(BigDecimal v) {
        BigDecimal stripped = v.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : stripped.toPlainString();
    }

    /** A number node written in full when that is short, else in scientific notation ({@code 1E-10000}). */
    private static JsonNode number(BigDecimal value) {
        String text = plain(value);
        if (text.length() > PLAIN_DIGITS) {
            text = value.stripTrailingZeros().toString();
        }
        return new LexemeNumberNode(text, new BigDecimal(text));
    }
}
