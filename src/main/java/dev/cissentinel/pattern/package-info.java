/**
 * CloudWatch Logs filter patterns: parse them, match them against log events, and decide whether a deployed
 * pattern covers a reference pattern. Pure code: it must never import the AWS SDK or do I/O (Jackson trees are
 * its event model). Facts and test vectors: {@code docs/filter-patterns.md} (cited as FP §n below).
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>{@link dev.cissentinel.pattern.FilterPattern#parse} — a scannerless recursive-descent {@code Parser} (its
 *       EBNF is in its Javadoc) producing immutable records: {@link dev.cissentinel.pattern.JsonPattern},
 *       {@link dev.cissentinel.pattern.TermPattern}, {@link dev.cissentinel.pattern.DelimitedPattern},
 *       {@link dev.cissentinel.pattern.AllEventsPattern}. Errors are
 *       {@link dev.cissentinel.pattern.PatternSyntaxException} with a 1-based column and what was expected.</li>
 *   <li>{@code matches} / {@code matchesText} — methods on the records, no interpreter switch. A
 *       {@link dev.cissentinel.pattern.LogEvent} keeps the raw message beside its JSON tree: JSON patterns read the
 *       tree, term and space-delimited patterns the raw text.</li>
 *   <li>{@link dev.cissentinel.pattern.Patterns#covers} (semantic) and
 *       {@link dev.cissentinel.pattern.Patterns#judge} (semantic or exact text).</li>
 * </ul>
 *
 * <h2>Dispatch over the sealed types</h2>
 * We emit Java 17 bytecode (the CLI must run on JDK 17), where pattern matching for {@code switch} is only a preview.
 * So each sealed type whose instances are dispatched on — {@code FilterPattern}, {@code JsonExpression},
 * {@code Value}, {@code Selector.Segment}, {@code DelimitedPattern.Field} and {@code .FieldCondition},
 * {@code Coverage} — has a {@code kind()} enum with one constant per permitted record, and code that chooses
 * behaviour by type does it in a {@code switch} <em>expression</em> over {@code kind()} with no {@code default}.
 * javac rejects a switch expression that misses an enum constant, so a new node type (which must implement
 * {@code kind()}, and which {@code SealedKindsTest} makes bring its own constant) fails to compile wherever it must
 * be handled. Java 17 does not check switch <em>statements</em> for exhaustiveness, so dispatch is always written
 * as an expression; a yes/no question about one type ({@code kind() == REGEX}) stays a comparison, and behaviour
 * that belongs to a type (matching, {@code step}, {@code test}) is a method on it. We chose this over a visitor: the
 * same guarantee with one enum per type rather than a visitor interface and an {@code accept} method per record, and
 * the switches read like the pattern-matching switches they become once the bytecode moves to Java 21.
 *
 * <h2>Bounds (no input can hang, exhaust memory or overflow it)</h2>
 * Patterns longer than 1024 characters (CloudWatch's own limit, API {@code MetricFilter}) and parentheses nested
 * deeper than 32 are syntax errors, so the only recursive rules ({@code primary}, and tree evaluation) are shallow;
 * a syntax error quotes at most 96 characters of the pattern, around the column. Numbers whose exponent passes
 * 10,000 are syntax errors. Selectors are resolved in a loop; at most one wildcard per selector (AWS's rule) keeps
 * that a single loop. {@code %regex%} values ({@code SafeRegex}) are parsed by {@code RegexParser} with counted
 * repetition capped at 1000, compiled to a Thompson automaton of at most 20,000 states ({@code ThompsonAutomaton},
 * which only finds witness strings) and matched by a bit-parallel position automaton ({@code BitAutomaton}):
 * O(text length x positions / 64) word operations — never java.util.regex backtracking, and about a second for the
 * largest regex on a 1 MB message. Space-delimited {@code ...} fields are matched by dynamic
 * programming. Raw JSON messages are read with an explicit stack, at most {@value JsonEvents#MAX_DEPTH} levels deep
 * and with numbers of at most {@value JsonEvents#MAX_NUMBER_LENGTH} characters (AWS documents neither limit); a
 * message past them is {@code JSON_OVER_LIMIT}, which JSON patterns do not match and the CLI reports instead of
 * answering. {@code covers} counts its costs — search steps, candidate events checked, and work units for
 * classifying values and checking events (characters tested, times the regex's width) — and answers undecided
 * past any budget; a counterexample's size is estimated before it is built and capped at 64 KB, so an index such as
 * {@code [999999999]} costs nothing. No clock is read. AWS's quotas of two regexes and three wildcard selectors per
 * pattern are not enforced: AWS checks them when a filter is created, and we only read filters.
 *
 * <h2>Semantic choices where FP says the facts are uncertain</h2>
 * <ol>
 *   <li><b>Precedence</b>: {@code ()} then {@code &&} then {@code ||}, both left-associative (FP §2, documented and
 *       proven by AWS's example). Nested operators are flattened in the tree.</li>
 *   <li><b>Keywords</b> {@code IS NULL / IS TRUE / IS FALSE / NOT EXISTS} are accepted in any letter case, since
 *       deployed filters were already validated by AWS (FP §2, derived). {@code IS NOT ...} and bare
 *       {@code EXISTS} are syntax errors (V76). {@code ==} is a syntax error.</li>
 *   <li><b>Values</b>: a bare word that reads as a number ({@code [+-]digits[.digits][(e|E)[+-]digits]}, upper-case
 *       {@code E} accepted) is a number; any other bare word or a quoted text is a string. In quotes a backslash
 *       escapes the next character. A {@code %} inside quotes is literal.</li>
 *   <li><b>Wildcards</b>: one {@code *} at the start and/or end of a string value is a wildcard
 *       (prefix/suffix/contains; {@code *} alone is "any string or number", even {@code ""}); any other {@code *}
 *       is literal, on numbers too. AWS was observed (FP §10) not to match {@code $.someInt != 1*3} and
 *       {@code = *111.111.111} on {@code 111.111.111.111}; we do not reproduce those anomalies (known divergence;
 *       irrelevant to CIS values).</li>
 *   <li><b>Targets</b>: {@code =} and {@code !=} hold only on a STRING or NUMBER target; MISSING, null, booleans,
 *       objects and arrays fail both (so {@code !=} is not the complement of {@code =}; FP §3, V25, V48).
 *       Relational operators hold only on NUMBER targets; with a quoted or non-numeric value they are syntax
 *       errors (V46, V47). Bare {@code true}/{@code false}/{@code null} values are strings and never equal a JSON
 *       boolean or null: use {@code IS TRUE}/{@code IS FALSE}/{@code IS NULL}.</li>
 *   <li><b>Numbers vs text</b>: a number literal against a NUMBER compares numerically ({@code = 12} matches
 *       {@code 12.0}); a string value against a NUMBER compares the number's text as written ({@code = "123"} matches
 *       {@code 123} but not {@code 123.0}); a number literal against a STRING compares the literal's text as written
 *       (unobserved; FP §10). {@link dev.cissentinel.pattern.FilterPattern#matchesText} and
 *       {@link dev.cissentinel.pattern.JsonEvents#parse} keep every number's lexeme; for a caller's own
 *       {@code JsonNode}, a number's text is {@code asText()} (for doubles Java's {@code 12.0} form).</li>
 *   <li><b>Selectors</b>: a missing intermediate, a property step on a non-object or an index on a non-array gives
 *       MISSING; no implicit flattening of arrays. {@code .*} looks one level deep. {@code [*]} and {@code .*} are
 *       existential for every operator, {@code !=} included ("some element differs"); over an empty or
 *       non-container value they see a single MISSING target (so {@code $.a[*] NOT EXISTS} holds when {@code a}
 *       has no elements). Property names are letters, digits, {@code -} and {@code _}; other keys use
 *       {@code .['key']}.</li>
 *   <li><b>JSON events</b>: a JSON pattern matches only JSON objects; {@code matchesText} is false unless the whole
 *       message (blanks around it aside) is one JSON object.</li>
 *   <li><b>Regex</b> (FP §4): AWS's subset only — letters, digits, {@code : _ # = @ / ; , -}, operators
 *       {@code ^ $ ? [ ] { } | \ * + .}, classes {@code \d \D \s \S \w \W}, {@code \xhh}; no groups. A literal blank
 *       is accepted (AWS's own example {@code %^shutting down%} uses one). Case-sensitive; {@code .} matches any
 *       character but a line break; unanchored search; a regex value may follow {@code =} or {@code !=}; a regex may
 *       also be a term of a term pattern.</li>
 *   <li><b>Term patterns</b> (FP §5): substring, case-sensitive; all plain terms must occur; {@code -term} must not;
 *       {@code ?term}s count only when there is no plain term (then one must occur); a blank quoted phrase
 *       ({@code " "}) occurs everywhere; a JSON event is matched through its raw text as written (AWS matches terms
 *       against the message, not a re-serialisation: {@code u00e9} occurs in {@code {"a":"\u00e9"}}). Only
 *       {@code matches(JsonNode)}, given a tree without its text, matches the tree's compact JSON.</li>
 *   <li><b>Space-delimited patterns</b> (FP §5): fields are separated by runs of blanks (space, tab);
 *       {@code [...]} and {@code "..."} are one field without their delimiters; without {@code ...} the number of
 *       fields must equal the pattern's; a number literal compares numerically with a field that reads as a number;
 *       conditions joined by {@code &&}/{@code ||} in one slot must all name that slot's field (V77).</li>
 * </ol>
 *
 * <h2>Coverage</h2>
 * The universe is JSON object events (a CloudTrail log group holds nothing else), so the empty reference means
 * "every JSON object". The algorithm is in {@code CoverageSearch}: per selector, finitely many value classes found
 * by evaluating the atoms on witness values ({@code CandidateValues}, FP §8's list: MISSING, null, booleans,
 * object, array, constants, wildcard-derived strings, fresh strings, numbers around bounds); then, for each term of the reference's DNF (the
 * references are small), a depth-first search over those classes with three-valued pruning. The deployed pattern is
 * never put in normal form (its negation explodes for patterns shaped like {@code (A && B) || (C && D) ...}). The
 * search is bounded at 200,000 steps. Every counterexample is re-checked as text before it is returned
 * ({@code CounterexampleCheck}): written as compact JSON (at most 64 KB), read back as a log message and matched
 * again with both patterns; its indented form, which the CLI prints, is used only when it passes the same check,
 * and {@link dev.cissentinel.pattern.Patterns#covers} checks the returned text once more. So what {@code pattern
 * test} says about a printed counterexample is what {@code covers} said. Numbers in counterexamples are chosen
 * short ({@code 1} above {@code 1e-10000}, {@code 1.1E-10000} between it and {@code 2e-10000}). Counterexamples read
 * like CloudTrail records (nested objects per selector, CloudTrail's field order, plausible values such as
 * {@code "eventType":"AwsApiCall"}). For a term deployed pattern, "covers" rests on one assumption about the
 * universe: events are written as CloudTrail writes them (compact JSON, no escape where none is needed), so a term
 * inside a key or a required constant occurs in the message.
 * <ul>
 *   <li><b>Exact</b> (sound and complete) when every condition has a concrete selector and each selector's
 *       conditions are: string {@code =}/{@code !=} with or without wildcards, numeric comparisons, {@code = *},
 *       keywords, and at most one regex alone; a selector must not mix numeric literals with quoted or wildcard
 *       strings made only of digits (where a number's text and value interact); at most five {@code *contains*}
 *       values per selector.</li>
 *   <li><b>Undecided</b> (never a wrong "covers") otherwise: two regexes or a regex with other comparisons on the
 *       same selector, wildcard selectors, a term or space-delimited reference, a space-delimited deployed pattern,
 *       a term deployed pattern whose terms are not provably inside keys or constants that every reference match
 *       must contain, the search budget, or a failed re-check. A counterexample may still be found and returned.</li>
 * </ul>
 * {@link dev.cissentinel.pattern.PatternMode#EXACT} compares texts with whitespace outside double quotes removed.
 * {@link dev.cissentinel.pattern.FilterPattern#and} writes {@code {(a) && (b)}}, which parses back to the same tree.
 */
package dev.cissentinel.pattern;
