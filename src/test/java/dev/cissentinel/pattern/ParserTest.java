package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser: one-line tree dumps for what it accepts, column and expectation for what it rejects. */
class ParserTest {

    /** Bad inputs whose rendered messages {@code pattern/errors.baseline} holds. */
    private static final List<String> BAD = List.of(
            "{ $.a EXISTS }",
            "{ $.a IS NOT NULL }",
            "{ $.a NOT EXIST }",
            "{ $.a IS MAYBE }",
            "{ $.invokedByNOT EXISTS }",
            "{ $.a = }",
            "{ $.a == 1 }",
            "{ $.a > \"123\" }",
            "{ $.a >= unquoted_string }",
            "{ $.a = \"unterminated }",
            "{ $.a = %unterminated }",
            "{ $.a = %(group)% }",
            "{ $.a = %a**% }",
            "{ $.a = %something!% }",
            "{ $.a = %[z-a]% }",
            "{ $.a = %\\q% }",
            "{ $.a = %a{1001}% }",
            "{ $.a = 1 } trailing",
            "{ $.a = 1",
            "{ }",
            "{ $ = 1 }",
            "{ $[0] = 1 }",
            "{ $.a[*].b[*] = 1 }",
            "{ $.a[x] = 1 }",
            "{ $.['unclosed = 1 }",
            "{ ($.a = 1 }",
            "{ $.a = 1 && }",
            "{ $.a = 1 || || $.b = 2 }",
            "{ $.a = 1e999999 }",
            "[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]",
            "[ip, , user]",
            "[ip user]",
            "- ERROR",
            "\"unterminated phrase",
            "ERROR\"WARN\"");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{ $.eventType = \"UpdateTrail\" }`|json($['eventType'] = exact:\"UpdateTrail\")",
        "`{$.a=b}`|json($['a'] = exact:\"b\")",
        "`{ $.a = 1 || $.b = 2 && $.c = 3 }`|json(or($['a'] = num:1, and($['b'] = num:2, $['c'] = num:3)))",
        "`{ ($.a = 1 || $.b = 2) && $.c = 3 }`|json(and(or($['a'] = num:1, $['b'] = num:2), $['c'] = num:3))",
        "`{ (($.a = 1) || (($.b = 2) || $.c = 3)) }`|json(or($['a'] = num:1, $['b'] = num:2, $['c'] = num:3))",
        "`{ $.a = 1 && ($.b = 2 && $.c = 3) }`|json(and($['a'] = num:1, $['b'] = num:2, $['c'] = num:3))",
        "`{ $.objectList[1].id = 2 }`|json($['objectList'][1]['id'] = num:2)",
        "`{ $.['cluster.name'] = \"c\" }`|json($['cluster.name'] = exact:\"c\")",
        "`{ $.arrayKey[*] = %val.{2}% }`|json($['arrayKey'][*] = regex:val.{2})",
        "`{ $.* != x }`|json($.* != exact:\"x\")",
        "`{ $.a = \"AccessDenied*\" }`|json($['a'] = prefix:\"AccessDenied\")",
        "`{ $.a = *UnauthorizedOperation }`|json($['a'] = suffix:\"UnauthorizedOperation\")",
        "`{ $.a = \"*html*\" }`|json($['a'] = contains:\"html\")",
        "`{ $.a = * }`|json($['a'] = any:\"\")",
        "`{ $.a = Ev*ent }`|json($['a'] = exact:\"Ev*ent\")",
        "`{ $.a = \"say \\\"hi\\\" \\\\ bye\" }`|json($['a'] = exact:\"say \\\"hi\\\" \\\\ bye\")",
        "`{ $.a = 123.123.* }`|json($['a'] = prefix:\"123.123.\")",
        "`{ $.a > +1000 && $.b < 10e-3 && $.c = 1E3 }`"
            + "|json(and($['a'] > num:+1000, $['b'] < num:10e-3, $['c'] = num:1E3))",
        "`{ $.a IS NULL || $.b is true || $.c Is False || $.d not exists }`"
            + "|json(or($['a'] IS NULL, $['b'] IS TRUE, $['c'] IS FALSE, $['d'] NOT EXISTS))",
        "`{\n  $.a = 1\n  && $.b NOT EXISTS\n}`|json(and($['a'] = num:1, $['b'] NOT EXISTS))",
        "`ERROR -debug ?WARN \"Failed authentication\" %^x%`|terms(required:exact:\"ERROR\", "
            + "excluded:exact:\"debug\", optional:exact:\"WARN\", required:exact:\"Failed authentication\", "
            + "required:regex:^x)",
        "`[ip, ..., status_code = 404 || status_code = 410, bytes > 1000]`"
            + "|delimited(ip, ..., status_code or(= num:404, = num:410), bytes > num:1000)",
        "`  `|all",
        "``|all"})
    void parse_validPattern_dumpsTree(String pattern, String dump) {
        assertThat(PatternText.dump(FilterPattern.parse(pattern))).isEqualTo(dump);
    }

    @Test
    void parse_keepsTheTextAsWritten() {
        String text = "  {($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}  ";
        assertThat(FilterPattern.parse(text).text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{ $.a EXISTS }`|7|a comparison operator",
        "`{ $.a IS NOT NULL }`|10|NULL, TRUE or FALSE",
        "`{ $.a > \"123\" }`|9|a number after >",
        "`{ $.a = \"x }`|13|\" to close the quoted string",
        "`{ $.a = 1 }}`|12|the end of the pattern",
        "`{ ($.a = 1 }`|12|\"&&\", \"||\" or \")\"",
        "`{ $.a = %(x)% }`|10|no group",
        "`{ $[0] = 1 }`|4|\".\" and a property name after $",
        "`[a, b = 1 && c = 2]`|14|\"b\""})
    void parse_invalidPattern_reportsColumnAndExpectation(String pattern, int column, String expected) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.expected()).contains(expected);
                    assertThat(e.pattern()).isEqualTo(pattern);
                    assertThat(e.getMessage()).contains("column " + column)
                            .endsWith("\n  " + " ".repeat(column - 1) + "^");
                });
    }

    @Test
    void parse_longerThanCloudWatchAllows_isRejectedAtColumn1025() {
        String pattern = "{ $.a = \"" + "x".repeat(1020) + "\" }";

        assertThatThrownBy(() -> FilterPattern.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(1025);
                    assertThat(e.expected()).contains("at most 1024 characters");
                });
        assertThat(FilterPattern.parse("{ $.a = \"" + "x".repeat(1012) + "\" }").text()).hasSize(1024);
    }

    @Test
    void parse_parenthesesDeeperThanTheLimit_areRejectedWithoutRecursingFurther() {
        String deep = "{ " + "(".repeat(500) + "$.a = 1" + ")".repeat(500) + " }";

        assertThatThrownBy(() -> FilterPattern.parse(deep))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(3 + FilterPattern.MAX_DEPTH);
                    assertThat(e.expected()).isEqualTo("at most 32 nested parentheses");
                });
        String allowed = "{ " + "(".repeat(32) + "$.a = 1" + ")".repeat(32) + " }";
        assertThat(FilterPattern.parse(allowed).matchesText("{\"a\":1}")).isTrue();
    }

    @Test
    void errorMessages_matchBaseline() throws IOException {
        StringBuilder rendered = new StringBuilder("# Rendered syntax errors, one block per bad pattern. Regenerate "
                + "with -Dbaseline.update=true and review the diff.\n");
        for (String bad : BAD) {
            rendered.append("\npattern: ").append(bad).append('\n');
            try {
                FilterPattern.parse(bad);
                rendered.append("(no error)\n");
            } catch (PatternSyntaxException e) {
                rendered.append(e.getMessage()).append('\n');
            }
        }
        Path baseline = Path.of("src/test/resources/pattern/errors.baseline");
        if (Boolean.getBoolean("baseline.update")) {
            Files.writeString(baseline, rendered, StandardCharsets.UTF_8);
        }
        assertThat(rendered.toString()).isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));
        assertThat(rendered.toString()).doesNotContain("(no error)");
    }
}
