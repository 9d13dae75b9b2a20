package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching semantics beyond the documented vectors: the choices recorded in the package documentation. */
class FilterPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // numbers keep their text as written when read from the raw message
        "`{ $.x = \"1e3\" }`|`{\"x\":1e3}`|true",
        "`{ $.x = 1000 }`|`{\"x\":1e3}`|true",
        "`{ $.x != \"12.0\" }`|`{\"x\":12.0}`|false",
        "`{ $.x = \"12.50\" }`|`{\"x\":12.50}`|true",
        "`{ $.x = 5 }`|`{\"x\":\"5\"}`|true",
        "`{ $.x = 5.0 }`|`{\"x\":\"5\"}`|false",
        "`{ $.x > 5 }`|`{\"x\":\"6\"}`|false",
        "`{ $.x < -1 }`|`{\"x\":-1.5}`|true",
        // what = and != see
        "`{ $.x = * }`|`{\"x\":\"\"}`|true",
        "`{ $.x = * }`|`{\"x\":0}`|true",
        "`{ $.x = * }`|`{\"x\":null}`|false",
        "`{ $.x = ** }`|`{\"x\":\"a\"}`|true",
        "`{ $.x = \"*html*\" }`|`{\"x\":\"index.html?a\"}`|true",
        "`{ $.x != * }`|`{\"x\":\"a\"}`|false",
        "`{ $.x != \"a\" }`|`{\"x\":true}`|false",
        "`{ $.x != \"a\" }`|`{\"x\":null}`|false",
        "`{ $.x != \"a\" }`|`{}`|false",
        "`{ $.x = true }`|`{\"x\":true}`|false",
        "`{ $.x = true }`|`{\"x\":\"true\"}`|true",
        "`{ $.x = 1 }`|`{\"x\":[1]}`|false",
        // selectors
        "`{ $.a.b NOT EXISTS }`|`{\"a\":\"str\"}`|true",
        "`{ $.a[0] NOT EXISTS }`|`{\"a\":{\"0\":1}}`|true",
        "`{ $.a.b = 1 }`|`{\"a\":[{\"b\":1}]}`|false",
        "`{ $.a[*] != \"x\" }`|`{\"a\":[\"x\",\"y\"]}`|true",
        "`{ $.a[*] != \"x\" }`|`{\"a\":[\"x\"]}`|false",
        "`{ $.a[*] NOT EXISTS }`|`{\"a\":[]}`|true",
        "`{ $.a[*] NOT EXISTS }`|`{\"a\":[1]}`|false",
        "`{ $.a[*].b = 2 }`|`{\"a\":[{\"b\":1},{\"b\":2}]}`|true",
        "`{ $.* = \"deep\" }`|`{\"a\":{\"b\":\"deep\"}}`|false",
        "`{ $.a.* = \"deep\" }`|`{\"a\":{\"b\":\"deep\"}}`|true",
        "`{ $.['a.b'] = 1 }`|`{\"a\":{\"b\":1}}`|false",
        "`{ $.a-b_c = 1 }`|`{\"a-b_c\":1}`|true",
        // keywords in any case, JSON events only
        "`{ $.x is null }`|`{\"x\":null}`|true",
        "`{ $.x NOT EXISTS }`|`[1,2]`|false",
        "`{ $.x NOT EXISTS }`|`  {}  `|true",
        "`{ $.x NOT EXISTS }`|`{} trailing`|false",
        "`{ $.x NOT EXISTS }`|`not json`|false",
        // regex values
        "`{ $.x = %^Delete.*Policy$% }`|`{\"x\":\"DeleteRolePolicy\"}`|true",
        "`{ $.x != %Trail% }`|`{\"x\":\"GetTrailStatus\"}`|false",
        "`{ $.x = %^1\\d{2}$% }`|`{\"x\":123}`|true",
        "`{ $.x = %\\x28% }`|`{\"x\":\"f(x)\"}`|true"})
    void matchesText_followsTheDocumentedChoices(String pattern, String message, boolean expected) {
        assertThat(FilterPattern.parse(pattern).matchesText(message)).isEqualTo(expected);
    }

    @Test
    void matches_callersTree_usesTheNodesText() throws Exception {
        FilterPattern pattern = FilterPattern.parse("{ $.someFloat2 != \"12\" && $.someInt = \"123\" }");

        assertThat(pattern.matches(JSON.readTree("{\"someFloat2\":12.0,\"someInt\":123}"))).isTrue();
        assertThat(pattern.matches(JSON.readTree("[1]"))).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`ERROR`|`an ERRORCODE here`|true",
        "`ERROR`|`an error here`|false",
        "`ERROR WARN`|`ERROR only`|false",
        "`ERROR -debug`|`ERROR in debug mode`|false",
        "`?ERROR ?WARN`|`a WARN`|true",
        "`?ERROR ?WARN`|`nothing`|false",
        "`INFO ?ERROR`|`INFO only`|true",
        "`-debug`|`plain`|true",
        "`\" \"`|`anything`|true",
        "`\"Failed authentication\"`|`x Failed authentication y`|true",
        "`%^ERR[0-9]+%`|`ERR42 boom`|true",
        "`%^ERR[0-9]+%`|`an ERR42`|false"})
    void termPattern_matchesSubstringsOfTheRawMessage(String pattern, String message, boolean expected) {
        assertThat(FilterPattern.parse(pattern).matchesText(message)).isEqualTo(expected);
    }

    @Test
    void termPattern_onJsonEvent_matchesItsCompactText() throws Exception {
        FilterPattern pattern = FilterPattern.parse("\"\\\"eventName\\\":\\\"ConsoleLogin\\\"\"");

        assertThat(pattern.matches(JSON.readTree("{ \"eventName\" : \"ConsoleLogin\" }"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`[ip, user, username, timestamp, request, status_code, bytes]`|true",
        "`[ip, user, username, timestamp, request, status_code = 4*, bytes > 1000]`|true",
        "`[ip, user, username, timestamp, request, status_code = 404 || status_code = 410, bytes]`|true",
        "`[ip, user, username, timestamp, request, status_code = 2*, bytes]`|false",
        "`[ip, user, username, timestamp, request = \"GET /a HTTP/1.0\", ...]`|true",
        "`[ip = 127.0.0.1, ...]`|true",
        "`[..., bytes >= 1534]`|true",
        "`[..., bytes > 1534]`|false",
        "`[ip, user, username]`|false",
        "`[..., timestamp = %^10/Oct%, ..., bytes]`|true"})
    void delimitedPattern_matchesFieldsInOrder(String pattern, boolean expected) {
        String line = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /a HTTP/1.0\" 404 1534";

        assertThat(FilterPattern.parse(pattern).matchesText(line)).isEqualTo(expected);
    }

    @Test
    void and_ofJsonPatterns_writesTextThatParsesToTheSameTree() {
        FilterPattern cis = FilterPattern.parse(CisReferences.IAM_POLICY);
        FilterPattern source = FilterPattern.parse("{ $.eventSource = \"iam.amazonaws.com\" }");

        FilterPattern both = cis.and(source);

        assertThat(PatternText.dump(FilterPattern.parse(both.text()))).isEqualTo(PatternText.dump(both));
        assertThat(both.matchesText("{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreatePolicy\"}"))
                .isTrue();
        assertThat(both.matchesText("{\"eventSource\":\"organizations.amazonaws.com\",\"eventName\":\"CreatePolicy\"}"))
                .isFalse();
    }

    @Test
    void and_withTheEmptyPattern_isTheOtherPattern_andTermsCannotBeConjoined() {
        FilterPattern json = FilterPattern.parse("{ $.a = 1 }");

        assertThat(FilterPattern.parse("").and(json)).isSameAs(json);
        assertThat(json.and(FilterPattern.parse(" "))).isSameAs(json);
        assertThatThrownBy(() -> FilterPattern.parse("ERROR").and(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonEvents_deeplyNestedMessage_isNotJsonRatherThanAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(JsonEvents.parse(deep)).isEmpty();
        assertThat(FilterPattern.parse("{ $.a NOT EXISTS }").matchesText(deep)).isFalse();
    }

    @Test
    void jsonEvents_keepsEveryNumbersLexeme() {
        ObjectNode event = JsonEvents.parse("{\"a\":1e3,\"b\":12.0,\"c\":-0,\"d\":[7]}").orElseThrow();

        assertThat(event.get("a").asText()).isEqualTo("1e3");
        assertThat(event.get("b").asText()).isEqualTo("12.0");
        assertThat(event.get("c").asText()).isEqualTo("-0");
        assertThat(event.toString()).isEqualTo("{\"a\":1e3,\"b\":12.0,\"c\":-0,\"d\":[7]}");
    }

    @Test
    void regexValue_adversarialInput_runsInLinearTime() {
        FilterPattern pattern = FilterPattern.parse("{ $.x = %a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b% }");
        String message = "{\"x\":\"" + "a".repeat(200_000) + "\"}";

        // java.util.regex would backtrack for ages on this; the automaton visits each character once per state.
        assertThat(pattern.matchesText(message)).isFalse();
    }

    @Test
    void emptyPattern_matchesEverything() throws Exception {
        FilterPattern all = FilterPattern.parse("");

        assertThat(all.matchesText("not json at all")).isTrue();
        assertThat(all.matches(JSON.readTree("{}"))).isTrue();
    }
}
