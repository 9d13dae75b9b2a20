package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides {@code covers(deployed, reference)}: is there a JSON object event that the reference matches and the
 * deployed pattern does not?
 *
 * <p><b>Abstraction.</b> Every condition ("atom") on a concrete selector looks at one place of the event. For each
 * place mentioned, the possible values fall into finitely many classes: values on which all atoms at that place
 * agree. We compute one representative per class by evaluating the atoms (with the real matcher code) on the finite
 * list of {@link CandidateValues} for the place, which for the exact fragment (see the package documentation) hits
 * every class.
 *
 * <p><b>Search.</b> The reference is split into its disjunctive normal form (ours, so small: at most 16 terms for
 * the CIS references; past {@value #MAX_CONJUNCTS} terms the whole reference is searched at once). For each term,
 * places are variables of a depth-first search, the term's places first and a parent always before its children
 * (a parent that is not an object or array forces its children MISSING; an array index can be present only if the
 * lower ones are); a place is only given classes that make the term's atoms true. After each choice both patterns
 * are evaluated in three-valued (Kleene) logic and a branch is cut as soon as the reference is false or the deployed
 * pattern true. The deployed pattern is never negated into a normal form: the negation of a deployed
 * {@code (A && B) || (C && D) || ...} blows up exponentially, while this search only has to falsify it. A budget of
 * visited nodes bounds the worst case; past it the answer is {@link Coverage.Undecided}.
 *
 * <p><b>Checking.</b> A branch where the reference is true and the deployed pattern false yields an event (unchosen
 * places left out); it is returned only if {@link CounterexampleCheck} confirms it as text: written out, at most
 * {@value CounterexampleCheck#MAX_BYTES} bytes, read back and matched again. Its size is estimated before anything is
 * built, so an index such as {@code [999999999]} costs nothing; a search whose only counterexamples are too large is
 * {@link Coverage.Undecided}. Anything the abstraction cannot evaluate (wildcard selectors, a term or space-delimited
 * deployed pattern) is evaluated on the built event and makes a "no counterexample" result
 * {@link Coverage.Undecided} unless separately proven.
 *
 * <p><b>Budgets.</b> Every cost is counted, never timed: {@value #BUDGET} search steps, {@value #MAX_CHECKS} candidate
 * events checked, and {@value #WORK_BUDGET} units of work (a character tested by a condition, times the regex's width
 * for a regex) for classifying values and checking candidates. Past any of them the answer is
 * {@link Coverage.Undecided}, with the reason.
 */
final class CoverageSearch {

    /** Search nodes visited before giving up; the CIS references need fewer than a hundred. */
    static final int BUDGET = 200_000;
    /** Candidate events written out, read back and matched before giving up; the CIS references need a handful. */
    static final int MAX_CHECKS = 2_000;
    /** Work units (see the class documentation) before giving up; the CIS references need about ten thousand. */
    static final long WORK_BUDGET = 10_000_000L;
    /** The largest counterexample, in bytes of compact JSON. */
    static final int MAX_EVENT_BYTES = CounterexampleCheck.MAX_BYTES;

    /** Past this many reference conjuncts the search runs once over the whole reference instead. */
    private static final int MAX_CONJUNCTS = 4096;

    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte UNKNOWN = 2;

    private static final int NONE = 0;
    private static final int OBJECT = 1;
    private static final int ARRAY = 2;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What stands in an array below an index the patterns name. */
    private static final String FILLER = "filler";

    /** Top-level and {@code userIdentity} fields in the order CloudTrail writes them, for readable events. */
    private static final List<String> CLOUDTRAIL_ORDER = List.of("eventVersion", "userIdentity", "type",
            "principalId", "arn", "accountId", "accessKeyId", "userName", "sessionContext", "invokedBy", "eventTime",
            "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage",
            "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID", "readOnly",
            "resources", "eventType", "apiVersion", "managementEvent", "recipientAccountId", "eventCategory");

    private final FilterPattern deployed;
    private final FilterPattern reference;
    private final List<Atom> atoms = new ArrayList<>();
    private final Map<String, Atom> atomsByKey = new HashMap<>();
    private final PathNode root = new PathNode(null, null, "$");
    private final List<PathNode> vars = new ArrayList<>();
    private final Set<String> inexact = new LinkedHashSet<>();
    private final Formula referenceFormula;
    private final Formula deployedFormula;
    private byte[] atomValues;
    private ValueClass[] assignment;
    /** Atoms the current reference conjunct needs true; places are only given classes that make them so. */
    private boolean[] required;
    /** The order in which the current search assigns places: the conjunct's places (and ancestors) first. */
    private List<PathNode> order;
    private int visited;
    private boolean exhausted;
    private String exhaustedWhy;
    private long work;
    private int checks;
    /** Candidates whose event would exceed {@link #MAX_EVENT_BYTES}, and what made the first one large. */
    private int oversized;
    private String oversizedWhy;
    /** Work per byte of a checked candidate: matching it with both patterns, their regexes included. */
    private final long checkCostPerByte;
    private boolean unproven;
    private String opaqueDeployed;
    private int failedChecks;
    private ObjectNode found;
    private String foundText;
    /** What makes the last estimated event large. */
    private String sizeWhy;

    private CoverageSearch(FilterPattern deployed, FilterPattern reference) {
        this.deployed = deployed;
        this.reference = reference;
        // The reference first: its places and constants come first in the counterexample.
        this.referenceFormula = formulaOf(reference);
        this.deployedFormula = formulaOf(deployed);
        this.checkCostPerByte = 4 + regexWidth();
    }

    /** The answer and what it cost (for tests of the budgets). */
    record Result(Coverage coverage, Effort effort) {
    }

    /**
     * @param steps search nodes visited
     * @param work work units spent (see the class documentation)
     * @param checks candidate events checked as text
     */
    record Effort(int steps, long work, int checks) {
    }

    static Coverage decide(FilterPattern deployed, FilterPattern reference) {
        return measure(deployed, reference).coverage();
    }

    /** {@link #decide}, with what it cost. */
    static Result measure(FilterPattern deployed, FilterPattern reference) {
        Effort none = new Effort(0, 0, 0);
        if (deployed.kind() == FilterPattern.Kind.ALL_EVENTS || sameTree(deployed, reference)) {
            return new Result(new Coverage.Covers(), none);
        }
        return switch (reference.kind()) {
            case TERMS, DELIMITED -> new Result(new Coverage.Undecided("the reference is a " + syntaxName(reference)
                    + " pattern; coverage is decided only for JSON references"), none);
            case JSON, ALL_EVENTS -> {
                CoverageSearch search = new CoverageSearch(deployed, reference);
                Coverage coverage = search.run();
                yield new Result(coverage, new Effort(search.visited, search.work, search.checks));
            }
        };
    }

    private static boolean sameTree(FilterPattern a, FilterPattern b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case JSON -> ((JsonPattern) a).expression().equals(((JsonPattern) b).expression());
            case TERMS -> ((TermPattern) a).terms().equals(((TermPattern) b).terms());
            case DELIMITED -> ((DelimitedPattern) a).fields().equals(((DelimitedPattern) b).fields());
            case ALL_EVENTS -> true;
        };
    }

    private static String syntaxName(FilterPattern pattern) {
        return switch (pattern.kind()) {
            case JSON -> "JSON";
            case TERMS -> "term";
            case DELIMITED -> "space-delimited";
            case ALL_EVENTS -> "match-everything";
        };
    }

    private Coverage run() {
        buildVariables();
        if (exhausted) {
            return undecidedBudget();
        }
        atomValues = new byte[atoms.size()];
        Arrays.fill(atomValues, UNKNOWN);
        assignment = new ValueClass[vars.size()];
        required = new boolean[atoms.size()];
        List<int[]> conjuncts = dnf(referenceFormula);
        if (conjuncts == null) {
            order = vars;
            search(0);
        } else {
            for (int[] conjunct : conjuncts) {
                Arrays.fill(required, false);
                for (int atom : conjunct) {
                    required[atom] = true;
                }
                order = orderFor(conjunct);
                search(0);
                if (found != null || exhausted) {
                    break;
                }
            }
        }
        if (found != null) {
            return new Coverage.DoesNotCover(found, explain(found), foundText);
        }
        if (exhausted) {
            return undecidedBudget();
        }
        if (failedChecks > 0) {
            return new Coverage.Undecided("internal check failed: " + failedChecks + " candidate counterexample(s) "
                    + "did not survive re-matching; not claiming coverage");
        }
        if (oversized > 0) {
            return new Coverage.Undecided("every event found that the reference matches and the pattern misses "
                    + "would take more than 64 KB of JSON (" + oversizedWhy + "), too large to show or check; "
                    + "CloudWatch Logs events are at most 1 MB");
        }
        if (unproven && opaqueDeployed != null) {
            inexact.add(opaqueDeployed);
        }
        if (unproven || !inexact.isEmpty()) {
            return new Coverage.Undecided("no counterexample found, but coverage cannot be proven exactly: "
                    + String.join("; ", inexact));
        }
        return new Coverage.Covers();
    }

    private Coverage undecidedBudget() {
        return new Coverage.Undecided(exhaustedWhy + "; no counterexample found");
    }

    /** Stops the search: past a budget, nothing more is tried and the answer is undecided. */
    private void exhaust(String why) {
        if (!exhausted) {
            exhausted = true;
            exhaustedWhy = why;
        }
    }

    /** Spends {@code cost} work units, or exhausts the budget (spending nothing) when they are not left. */
    private boolean spend(long cost) {
        if (exhausted || work + cost > WORK_BUDGET) {
            exhaust("too much work to classify field values and check events (more than " + WORK_BUDGET
                    + " units; regexes with large counts are the usual cause)");
            return false;
        }
        work += cost;
        return true;
    }

    /** The summed widths of both patterns' regexes: what matching one character costs, beyond a unit or so. */
    private long regexWidth() {
        long width = 0;
        for (Atom atom : atoms) {
            if (atom.condition instanceof JsonExpression.Comparison
                    && ((JsonExpression.Comparison) atom.condition).value() instanceof Value.Regex) {
                width += ((Value.Regex) ((JsonExpression.Comparison) atom.condition).value()).program().width();
            }
        }
        if (deployed instanceof TermPattern) {
            for (TermPattern.Term term : ((TermPattern) deployed).terms()) {
                width += term.value() instanceof Value.Regex ? ((Value.Regex) term.value()).program().width() : 0;
            }
        } else if (deployed instanceof DelimitedPattern) {
            for (DelimitedPattern.Field field : ((DelimitedPattern) deployed).fields()) {
                width += switch (field.kind()) {
                    case ELLIPSIS -> 0;
                    case NAMED -> regexWidth(((DelimitedPattern.Named) field).condition());
                };
            }
        }
        return width;
    }

    private static long regexWidth(DelimitedPattern.FieldCondition condition) {
        return switch (condition.kind()) {
            case ALWAYS -> 0;
            case ANY_OF -> ((DelimitedPattern.AnyOf) condition).operands().stream()
                    .mapToLong(CoverageSearch::regexWidth).sum();
            case ALL_OF -> ((DelimitedPattern.AllOf) condition).operands().stream()
                    .mapToLong(CoverageSearch::regexWidth).sum();
            case TEST -> {
                Value value = ((DelimitedPattern.Test) condition).value();
                yield value.kind() == Value.Kind.REGEX ? ((Value.Regex) value).program().width() : 0;
            }
        };
    }

    // ---------------------------------------------------------------- formulas and atoms

    private Formula formulaOf(FilterPattern pattern) {
        return switch (pattern.kind()) {
            case ALL_EVENTS -> new Constant(TRUE);
            case JSON -> formulaOf(((JsonPattern) pattern).expression());
            case TERMS, DELIMITED -> {
                // A term or space-delimited deployed pattern: one opaque atom, evaluated on built events only.
                Atom atom = new Atom(atoms.size(), null);
                atoms.add(atom);
                opaqueDeployed = "the deployed pattern is a " + syntaxName(pattern) + " pattern, matched against the "
                        + "event's text, and its terms are not all inside constants every matching event must contain";
                yield new Leaf(atom.id);
            }
        };
    }

    private Formula formulaOf(JsonExpression expression) {
        return switch (expression.kind()) {
            case OR -> gate(false, ((JsonExpression.Or) expression).operands());
            case AND -> gate(true, ((JsonExpression.And) expression).operands());
            case COMPARISON, KEYWORD_CHECK -> leaf(expression);
        };
    }

    private Formula gate(boolean and, List<JsonExpression> operands) {
        Formula[] compiled = new Formula[operands.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = formulaOf(operands.get(i));
        }
        return new Gate(and, compiled);
    }

    /** The atom for a condition, one per distinct condition text. */
    private Formula leaf(JsonExpression expression) {
        String key = PatternText.dump(expression);
        Atom atom = atomsByKey.get(key);
        if (atom == null) {
            atom = new Atom(atoms.size(), expression);
            atoms.add(atom);
            atomsByKey.put(key, atom);
            place(atom);
        }
        return new Leaf(atom.id);
    }

    /** Files an atom under the place its selector names, growing the tree of places. */
    private void place(Atom atom) {
        Selector selector = selectorOf(atom.condition);
        if (selector.hasWildcard()) {
            inexact.add("wildcard selector " + selector.text() + " is only tested on sample events");
            return;
        }
        PathNode node = root;
        for (Selector.Segment segment : selector.segments()) {
            node = node.child(segment);
        }
        atom.node = node;
        atom.bit = node.own.size();
        node.own.add(atom);
    }

    private static Selector selectorOf(JsonExpression condition) {
        return switch (condition.kind()) {
            case COMPARISON -> ((JsonExpression.Comparison) condition).selector();
            case KEYWORD_CHECK -> ((JsonExpression.KeywordCheck) condition).selector();
            case OR, AND -> throw new IllegalArgumentException("not a condition: " + condition);
        };
    }

    // ---------------------------------------------------------------- places and their value classes

    private void buildVariables() {
        Deque<PathNode> stack = new ArrayDeque<>();
        List<PathNode> top = sorted(root.children);
        for (int i = top.size() - 1; i >= 0; i--) {
            stack.push(top.get(i));
        }
        while (!stack.isEmpty() && !exhausted) {
            PathNode node = stack.pop();
            node.var = vars.size();
            vars.add(node);
            computeDomain(node);
            List<PathNode> children = sorted(node.children);
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
    }

    /** Array indexes ascending (so "lower index present" is known first), fields in CloudTrail's order. */
    private static List<PathNode> sorted(List<PathNode> children) {
        List<PathNode> copy = new ArrayList<>(children);
        copy.sort(Comparator.comparingInt(CoverageSearch::rank));
        return copy;
    }

    private static int rank(PathNode node) {
        return switch (node.segment.kind()) {
            case INDEX -> ((Selector.Index) node.segment).index();
            case FIELD -> {
                int known = CLOUDTRAIL_ORDER.indexOf(((Selector.Field) node.segment).name());
                yield known >= 0 ? known : CLOUDTRAIL_ORDER.size() + node.order;
            }
            case ANY_FIELD, ANY_ELEMENT -> throw PathNode.noPlace(node.segment);
        };
    }

    private void computeDomain(PathNode node) {
        boolean fieldChildren = false;
        boolean indexChildren = false;
        for (PathNode child : node.children) {
            fieldChildren |= child.segment.kind() == Selector.Segment.Kind.FIELD;
            indexChildren |= child.segment.kind() == Selector.Segment.Kind.INDEX;
        }
        List<JsonExpression> conditions = new ArrayList<>();
        for (Atom atom : node.own) {
            conditions.add(atom.condition);
        }
        CandidateValues candidates = CandidateValues.at(node.path, conditions, fieldChildren, indexChildren);
        inexact.addAll(candidates.inexact());
        Map<String, ValueClass> classes = new LinkedHashMap<>();
        if (fieldChildren) {
            classes.put("object-container",
                    new ValueClass(NODES.objectNode(), OBJECT, truth(node, NODES.objectNode())));
        }
        if (indexChildren) {
            classes.put("array-container", new ValueClass(NODES.arrayNode(), ARRAY, truth(node, NODES.arrayNode())));
        }
        for (JsonNode candidate : candidates.values()) {
            if (!spend(cost(node, candidate))) {
                return;
            }
            boolean[] truth = truth(node, candidate);
            ValueClass valueClass = new ValueClass(candidate, NONE, truth);
            if (candidate == null) {
                node.missing = valueClass;
            }
            // MISSING stays a class of its own: an array element below a present one needs a present value
            // for every vector, so a present representative must not be deduplicated into MISSING.
            classes.putIfAbsent((candidate == null ? "missing:" : "present:") + signature(truth), valueClass);
        }
        node.domain = new ArrayList<>(classes.values());
    }

    /** The work of testing every condition of the place on {@code value}: its text's length, times regex widths. */
    private static long cost(PathNode node, JsonNode value) {
        long length = value == null || value.isContainerNode() ? 1 : value.asText().length() + 1;
        long cost = 1;
        for (Atom atom : node.own) {
            if (atom.condition instanceof JsonExpression.Comparison) {
                Value compared = ((JsonExpression.Comparison) atom.condition).value();
                cost += compared instanceof Value.Regex ? length * ((Value.Regex) compared).program().width() : length;
            } else {
                cost++;
            }
        }
        return cost;
    }

    private static String signature(boolean[] truth) {
        char[] bits = new char[truth.length];
        for (int i = 0; i < truth.length; i++) {
            bits[i] = truth[i] ? '1' : '0';
        }
        return new String(bits);
    }

    private static boolean[] truth(PathNode node, JsonNode value) {
        boolean[] truth = new boolean[node.own.size()];
        for (int i = 0; i < truth.length; i++) {
            JsonExpression condition = node.own.get(i).condition;
            truth[i] = switch (condition.kind()) {
                case COMPARISON -> ((JsonExpression.Comparison) condition).holdsFor(value);
                case KEYWORD_CHECK -> ((JsonExpression.KeywordCheck) condition).keyword().test(value);
                case OR, AND -> throw new IllegalStateException("an atom is a condition: " + condition);
            };
        }
        return truth;
    }

    // ---------------------------------------------------------------- search

    /** Depth-first over the places; recursion depth is the number of places, bounded by the pattern length. */
    private boolean search(int k) {
        if (++visited > BUDGET) {
            exhaust("too many combinations of field values to check (more than " + BUDGET + " search steps)");
            return false;
        }
        byte ref = referenceFormula.eval(atomValues);
        byte dep = deployedFormula.eval(atomValues);
        if (ref == FALSE || dep == TRUE) {
            return false;
        }
        if (ref == TRUE && dep == FALSE) {
            return check(true, ref);
        }
        if (k == order.size()) {
            return check(false, ref);
        }
        PathNode node = order.get(k);
        if (forcedMissing(node)) {
            if (!meetsRequired(node, node.missing)) {
                return false;
            }
            assign(node, node.missing);
            boolean result = search(k + 1);
            unassign(node);
            return result;
        }
        for (ValueClass option : node.domain) {
            if (!meetsRequired(node, option) || !allowed(node, option)) {
                continue;
            }
            assign(node, option);
            boolean result = search(k + 1);
            unassign(node);
            if (result || exhausted) {
                return result;
            }
        }
        return false;
    }

    /** A child of something that is not a container of the right kind can only be MISSING. */
    private boolean forcedMissing(PathNode node) {
        if (node.parent == root) {
            return false;
        }
        ValueClass parent = assignment[node.parent.var];
        return node.isField() ? parent.container != OBJECT : parent.container != ARRAY;
    }

    /** An array element is present only if every lower index is (checked both ways: the order may vary). */
    private boolean allowed(PathNode node, ValueClass option) {
        if (node.isField()) {
            return true;
        }
        int index = ((Selector.Index) node.segment).index();
        boolean present = option.value != null;
        for (PathNode sibling : node.parent.children) {
            ValueClass other = sibling.var >= 0 ? assignment[sibling.var] : null;
            if (other == null || sibling.isField()) {
                continue;
            }
            int otherIndex = ((Selector.Index) sibling.segment).index();
            if (present ? otherIndex < index && other.value == null : otherIndex > index && other.value != null) {
                return false;
            }
        }
        return true;
    }

    private boolean meetsRequired(PathNode node, ValueClass option) {
        for (Atom atom : node.own) {
            if (required[atom.id] && !option.truth[atom.bit]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The reference as a disjunction of conjunctions of atoms, or {@code null} when that has more than
     * {@link #MAX_CONJUNCTS} terms. The reference is ours and small (CIS: at most 16 terms); searching one term at a
     * time, its places first, makes the reference true at once, so only the deployed pattern is left to falsify.
     */
    private static List<int[]> dnf(Formula formula) {
        return formula.dnf();
    }

    /** The places of the conjunct's atoms and their ancestors first, then the rest; parents always first. */
    private List<PathNode> orderFor(int[] conjunct) {
        Set<PathNode> first = new HashSet<>();
        for (int id : conjunct) {
            for (PathNode node = atoms.get(id).node; node != null && node != root; node = node.parent) {
                first.add(node);
            }
        }
        List<PathNode> ordered = new ArrayList<>(vars.size());
        for (PathNode node : vars) {
            if (first.contains(node)) {
                ordered.add(node);
            }
        }
        for (PathNode node : vars) {
            if (!first.contains(node)) {
                ordered.add(node);
            }
        }
        return ordered;
    }

    private void assign(PathNode node, ValueClass option) {
        assignment[node.var] = option;
        for (Atom atom : node.own) {
            atomValues[atom.id] = option.truth[atom.bit] ? TRUE : FALSE;
        }
    }

    private void unassign(PathNode node) {
        assignment[node.var] = null;
        for (Atom atom : node.own) {
            atomValues[atom.id] = UNKNOWN;
        }
    }

    /**
     * Builds the event for the current choices and checks it as text ({@link CounterexampleCheck}). {@code decided}:
     * the abstraction already says reference true and deployed false, so a rejection is a failed check; otherwise
     * some atom was opaque and the event decides.
     */
    private boolean check(boolean decided, byte ref) {
        if (checks == MAX_CHECKS) {
            exhaust("too many candidate events to check (more than " + MAX_CHECKS + "; wildcard selectors and term "
                    + "patterns are tested on each)");
            return false;
        }
        checks++;
        long size = estimateSize();
        CounterexampleCheck.Outcome outcome = null;
        if (size <= MAX_EVENT_BYTES) {
            // Written twice (compact and indented) and matched by both patterns: charged before, never after.
            if (!spend(2 * (size + 2) * checkCostPerByte)) {
                return false;
            }
            outcome = CounterexampleCheck.check(deployed, reference, buildEvent());
        }
        CounterexampleCheck.Status status = outcome == null ? CounterexampleCheck.Status.TOO_BIG : outcome.status();
        switch (status) {
            case CONFIRMED:
                found = outcome.event();
                foundText = outcome.text();
                return true;
            case TOO_BIG:
                oversized++;
                if (oversizedWhy == null) {
                    oversizedWhy = outcome == null ? sizeWhy
                            : String.format(Locale.ROOT, "it would be %,d bytes", outcome.bytes());
                }
                break;
            case REJECTED:
                if (decided) {
                    failedChecks++;
                    return false;
                }
                break;
            default:
                throw new IllegalStateException(status.name());
        }
        if (!decided && !(ref == TRUE && deployed instanceof TermPattern && termsGuaranteed())) {
            unproven = true;
        }
        return false;
    }

    /**
     * The length of the current choices' event as compact JSON, in characters (at most its UTF-8 bytes), computed
     * without building it: an index such as {@code [999999999]} would otherwise mean a billion filler elements.
     * Sets {@link #sizeWhy} to what makes it large.
     */
    private long estimateSize() {
        long size = 2;
        long widest = -1;
        int[] length = new int[vars.size()];
        boolean[] built = new boolean[vars.size()];
        for (PathNode node : vars) {
            ValueClass chosen = assignment[node.var];
            if (chosen == null || chosen.value == null || (node.parent != root && !built[node.parent.var])) {
                continue;
            }
            built[node.var] = true;
            size += 1 + (chosen.container == NONE ? chosen.size() : 2);
            if (node.isField()) {
                size += node.keySize() + 1;
            } else {
                int index = ((Selector.Index) node.segment).index();
                long fillers = index - (long) length[node.parent.var];
                size += fillers * (FILLER.length() + 3);
                length[node.parent.var] = index + 1;
                if (index > widest) {
                    widest = index;
                    sizeWhy = String.format(Locale.ROOT, "%s needs an array of %,d elements at %s", node.path,
                            index + 1L, node.parent.path);
                }
            }
        }
        if (widest < 0 || size <= MAX_EVENT_BYTES) {
            sizeWhy = String.format(Locale.ROOT, "it would be at least %,d bytes", size);
        }
        return size;
    }

    /** The current choices' event; call only when {@link #estimateSize} is within the budget. */
    private ObjectNode buildEvent() {
        ObjectNode event = NODES.objectNode();
        JsonNode[] built = new JsonNode[vars.size()];
        for (PathNode node : vars) {
            ValueClass chosen = assignment[node.var];
            if (chosen == null || chosen.value == null) {
                continue;
            }
            JsonNode parent = node.parent == root ? event : built[node.parent.var];
            if (parent == null) {
                continue;
            }
            JsonNode value = chosen.container == OBJECT ? NODES.objectNode()
                    : chosen.container == ARRAY ? NODES.arrayNode() : chosen.value.deepCopy();
            built[node.var] = value;
            if (node.isField()) {
                ((ObjectNode) parent).set(((Selector.Field) node.segment).name(), value);
            } else {
                ArrayNode array = (ArrayNode) parent;
                int index = ((Selector.Index) node.segment).index();
                while (array.size() < index) {
                    array.add(FILLER);
                }
                array.add(value);
            }
        }
        return event;
    }

    /**
     * For a term-pattern deployed filter and a region where the reference holds: whether every event of the
     * region contains the terms in its compact JSON text, because each term lies inside a key that must be present
     * or inside the core of a string condition that must hold ({@code docs/filter-patterns.md} §5).
     */
    private boolean termsGuaranteed() {
        List<String> guaranteed = new ArrayList<>();
        for (PathNode node : vars) {
            ValueClass chosen = assignment[node.var];
            if (chosen == null || chosen.value == null) {
                continue;
            }
            if (node.isField()) {
                guaranteed.add(((Selector.Field) node.segment).name());
            }
            for (Atom atom : node.own) {
                if (chosen.truth[atom.bit] && atom.condition instanceof JsonExpression.Comparison) {
                    JsonExpression.Comparison comparison = (JsonExpression.Comparison) atom.condition;
                    if (comparison.operator() == Operator.EQ && comparison.value() instanceof Value.Text) {
                        guaranteed.add(((Value.Text) comparison.value()).core());
                    }
                }
            }
        }
        guaranteed.removeIf(text -> !verbatimInJson(text));
        boolean required = false;
        boolean optionalFound = false;
        boolean anyOptional = false;
        for (TermPattern.Term term : ((TermPattern) deployed).terms()) {
            if (term.role() == TermPattern.Role.EXCLUDED || !(term.value() instanceof Value.Text)) {
                return false;
            }
            String text = ((Value.Text) term.value()).text();
            boolean sure = text.isBlank()
                    || (verbatimInJson(text) && guaranteed.stream().anyMatch(g -> g.contains(text)));
            if (term.role() == TermPattern.Role.REQUIRED) {
                required = true;
                if (!sure) {
                    return false;
                }
            } else {
                anyOptional = true;
                optionalFound |= sure;
            }
        }
        return required || !anyOptional || optionalFound;
    }

    /** Whether Jackson writes this text unescaped inside a JSON string. */
    private static boolean verbatimInJson(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c != '"' && c != '\\');
    }

    // ---------------------------------------------------------------- explanation

    private String explain(ObjectNode event) {
        String why = switch (reference.kind()) {
            case JSON -> "the reference matches it (" + String.join(" && ",
                    holding(((JsonPattern) reference).expression(), event)) + ")";
            case ALL_EVENTS -> "the reference matches every event";
            case TERMS, DELIMITED -> "the reference matches it";
        };
        String whyNot = switch (deployed.kind()) {
            case JSON -> {
                List<String> failing = failing(((JsonPattern) deployed).expression(), event);
                int shown = Math.min(failing.size(), 6);
                yield "the pattern does not (false: " + String.join(", ", failing.subList(0, shown))
                        + (failing.size() > shown ? " and " + (failing.size() - shown) + " more" : "") + ")";
            }
            case TERMS, DELIMITED -> "the pattern's terms do not match the event's text";
            case ALL_EVENTS -> throw new IllegalStateException("the match-everything pattern misses nothing");
        };
        return why + " but " + whyNot;
    }

    /** The conditions that make {@code expression} true on {@code event}: every conjunct, one true branch. */
    private static List<String> holding(JsonExpression expression, JsonNode event) {
        return switch (expression.kind()) {
            case OR -> ((JsonExpression.Or) expression).operands().stream().filter(operand -> operand.test(event))
                    .findFirst().map(operand -> holding(operand, event)).orElse(List.of());
            case AND -> ((JsonExpression.And) expression).operands().stream()
                    .flatMap(operand -> holding(operand, event).stream()).toList();
            case COMPARISON, KEYWORD_CHECK -> List.of(PatternText.render(expression));
        };
    }

    /**
     * The false conditions that make {@code expression} false on {@code event}: every failing conjunct, not just the
     * first (each is a reason the event is missed), and every branch of an {@code ||}.
     */
    private static List<String> failing(JsonExpression expression, JsonNode event) {
        return switch (expression.kind()) {
            case AND -> ((JsonExpression.And) expression).operands().stream().filter(operand -> !operand.test(event))
                    .flatMap(operand -> failing(operand, event).stream()).toList();
            case OR -> ((JsonExpression.Or) expression).operands().stream()
                    .flatMap(operand -> failing(operand, event).stream()).toList();
            case COMPARISON, KEYWORD_CHECK -> List.of(PatternText.render(expression));
        };
    }

    // ---------------------------------------------------------------- small types

    /** A condition on one place, or ({@code condition} null) a whole term or space-delimited deployed pattern. */
    private static final class Atom {
        final int id;
        final JsonExpression condition;
        PathNode node;
        int bit;

        Atom(int id, JsonExpression condition) {
            this.id = id;
            this.condition = condition;
        }
    }

    /** A place in the event: a concrete selector prefix. */
    private static final class PathNode {
        final Selector.Segment segment;
        final PathNode parent;
        final String path;
        final List<PathNode> children = new ArrayList<>();
        final Map<Selector.Segment, PathNode> childBySegment = new HashMap<>();
        final List<Atom> own = new ArrayList<>();
        int order;
        int var = -1;
        List<ValueClass> domain;
        ValueClass missing;
        private int keySize = -1;

        PathNode(Selector.Segment segment, PathNode parent, String path) {
            this.segment = segment;
            this.parent = parent;
            this.path = path;
        }

        /** The length of this place's key as a JSON string. */
        int keySize() {
            if (keySize < 0) {
                keySize = JsonEvents.compact(NODES.textNode(((Selector.Field) segment).name())).length();
            }
            return keySize;
        }

        /** Whether this place is an object's field (else an array's element: places have no wildcards). */
        boolean isField() {
            return switch (segment.kind()) {
                case FIELD -> true;
                case INDEX -> false;
                case ANY_FIELD, ANY_ELEMENT -> throw noPlace(segment);
            };
        }

        /** Wildcard selectors are tested on built events; they never name a place. */
        static IllegalStateException noPlace(Selector.Segment segment) {
            return new IllegalStateException("a wildcard step names no single place: " + segment);
        }

        PathNode child(Selector.Segment segment) {
            PathNode child = childBySegment.get(segment);
            if (child == null) {
                String childPath = switch (segment.kind()) {
                    case FIELD -> path + "." + ((Selector.Field) segment).name();
                    case INDEX -> path + "[" + ((Selector.Index) segment).index() + "]";
                    case ANY_FIELD, ANY_ELEMENT -> throw noPlace(segment);
                };
                child = new PathNode(segment, this, childPath);
                child.order = children.size();
                children.add(child);
                childBySegment.put(segment, child);
            }
            return child;
        }
    }

    /** One class of values at a place: a representative and the truth of the place's atoms on it. */
    private static final class ValueClass {
        final JsonNode value;
        final int container;
        final boolean[] truth;
        private int size = -1;

        ValueClass(JsonNode value, int container, boolean[] truth) {
            this.value = value;
            this.container = container;
            this.truth = truth;
        }

        /** The representative's length as compact JSON. */
        int size() {
            if (size < 0) {
                size = JsonEvents.compact(value).length();
            }
            return size;
        }
    }

    /** A pattern compiled for three-valued evaluation over atom truth values. */
    private abstract static sealed class Formula permits Constant, Leaf, Gate {
        abstract byte eval(byte[] values);

        /** This formula as a disjunction of conjunctions of atoms, or {@code null} past {@link #MAX_CONJUNCTS}. */
        abstract List<int[]> dnf();
    }

    private static final class Constant extends Formula {
        private final byte value;

        Constant(byte value) {
            this.value = value;
        }

        @Override
        byte eval(byte[] values) {
            return value;
        }

        @Override
        List<int[]> dnf() {
            return value == TRUE ? List.of(new int[0]) : List.of();
        }
    }

    private static final class Leaf extends Formula {
        private final int atom;

        Leaf(int atom) {
            this.atom = atom;
        }

        @Override
        byte eval(byte[] values) {
            return values[atom];
        }

        @Override
        List<int[]> dnf() {
            return List.of(new int[] {atom});
        }
    }

    /** Kleene AND / OR: a false (true) operand decides, otherwise any unknown operand leaves it unknown. */
    private static final class Gate extends Formula {
        private final boolean and;
        private final Formula[] operands;

        Gate(boolean and, Formula[] operands) {
            this.and = and;
            this.operands = operands;
        }

        @Override
        byte eval(byte[] values) {
            byte decisive = and ? FALSE : TRUE;
            byte result = and ? TRUE : FALSE;
            for (Formula operand : operands) {
                byte value = operand.eval(values);
                if (value == decisive) {
                    return decisive;
                }
                if (value == UNKNOWN) {
                    result = UNKNOWN;
                }
            }
            return result;
        }

        @Override
        List<int[]> dnf() {
            List<int[]> result = and ? List.of(new int[0]) : new ArrayList<>();
            for (Formula operand : operands) {
                List<int[]> terms = operand.dnf();
                if (terms == null) {
                    return null;
                }
                if (and) {
                    if ((long) result.size() * terms.size() > MAX_CONJUNCTS) {
                        return null;
                    }
                    List<int[]> product = new ArrayList<>();
                    for (int[] left : result) {
                        for (int[] right : terms) {
                            int[] both = Arrays.copyOf(left, left.length + right.length);
                            System.arraycopy(right, 0, both, left.length, right.length);
                            product.add(both);
                        }
                    }
                    result = product;
                } else {
                    result.addAll(terms);
                    if (result.size() > MAX_CONJUNCTS) {
                        return null;
                    }
                }
            }
            return result;
        }
    }
}
