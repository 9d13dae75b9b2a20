package dev.cissentinel.deploy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code template.yaml} as a tree in CloudFormation's long form, and what the deployment tests ask of it: the
 * function, its parameters, the role's statements, and conditions evaluated for given parameter values.
 *
 * <p>A short-form tag becomes the one-key object it abbreviates ({@code !Ref X} is {@code {"Ref": "X"}},
 * {@code !If [...]} is {@code {"Fn::If": [...]}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}), as
 * CloudFormation itself reads it: a YAML loader that dropped the tags would turn {@code !If [C, policy, !Ref
 * AWS::NoValue]} into a plain list and hide the condition a statement depends on.
 */
final class SamTemplate {

    static final Path PATH = Path.of("template.yaml");
    static final String FUNCTION = "ScanFunction";
    static final String ROLE = "ScanFunctionRole";
    /** The role's policy for what the Lambda service itself does with it (logs, failure destination). */
    static final String RUNTIME_POLICY = "lambda-runtime";

    /**
     * Called by the code but never granted: GetCallerIdentity needs no permission
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
     */
    static final Set<String> NO_GRANT_NEEDED = Set.of("sts:GetCallerIdentity");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** ${Name} in an Fn::Sub string; ${!Literal} is not a reference. */
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    /** The member role template (organization scans): plain CloudFormation, one role. */
    static final Path MEMBER_PATH = Path.of("org", "member-role.yaml");
    static final String MEMBER_ROLE = "MemberRole";

    private final JsonNode root;
    private final String role;

    private SamTemplate(JsonNode root, String role) {
        this.root = root;
        this.role = role;
    }

    static SamTemplate load() {
        return load(PATH, ROLE);
    }

    /** {@code org/member-role.yaml}, its role {@value #MEMBER_ROLE} the one whose statements are read. */
    static SamTemplate member() {
        return load(MEMBER_PATH, MEMBER_ROLE);
    }

    /** Another template of the project, e.g. template-forwarder.yaml. */
    static SamTemplate load(Path path) {
        return load(path, ROLE);
    }

    private static SamTemplate load(Path path, String role) {
        try {
            return new SamTemplate(parse(Files.readString(path)), role);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
        }
    }

    static JsonNode parse(String yaml) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            parser.nextToken();
            return read(parser);
        }
    }

    JsonNode root() {
        return root;
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    JsonNode function() {
        return resource(FUNCTION).path("Properties");
    }

    JsonNode parameter(String name) {
        JsonNode parameter = root.path("Parameters").path(name);
        if (parameter.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no parameter " + name);
        }
        return parameter;
    }

    Set<String> parameterNames() {
        Set<String> names = new TreeSet<>();
        root.path("Parameters").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * One Allow statement of the role's inline policies.
     *
     * @param condition the condition its policy is created under ({@code !If [Condition, policy, NoValue]}), or ""
     * @param iamCondition the statement's own IAM {@code Condition} block, or a missing node
     */
    record Statement(String policy, String condition, Set<String> actions, List<JsonNode> resources,
            JsonNode iamCondition) {
        Statement {
            actions = Set.copyOf(actions);
            resources = List.copyOf(resources);
        }
    }

    List<Statement> roleStatements() {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode item : resource(role).path("Properties").path("Policies")) {
            String condition = "";
            JsonNode policy = item;
            if (item.has("Fn::If")) {
                JsonNode branches = item.get("Fn::If");
                if (!branches.get(2).equals(ref("AWS::NoValue"))) {
                    throw new IllegalStateException("a conditional policy must be !If [Condition, policy, !Ref "
                            + "AWS::NoValue], not " + item);
                }
                condition = branches.get(0).asText();
                policy = branches.get(1);
            }
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                    throw new IllegalStateException("only Allow statements are expected: " + statement);
                }
                statements.add(new Statement(policy.path("PolicyName").asText(), condition,
                        new TreeSet<>(texts(statement.path("Action"))), elements(statement.path("Resource")),
                        statement.path("Condition")));
            }
        }
        return statements;
    }

    /** The actions the role grants with these parameter values (defaults for the rest), the runtime's excluded. */
    Set<String> grantedActions(Map<String, String> parameters) {
        Set<String> actions = new TreeSet<>();
        for (Statement statement : roleStatements()) {
            if (!isRuntime(statement)
                    && (statement.condition().isEmpty() || condition(statement.condition(), parameters))) {
                actions.addAll(statement.actions());
            }
        }
        return actions;
    }

    /**
     * Whether a statement is one the Lambda service uses the role for (its log, the failure destination, polling
     * the re-check queue), not a call of the code: policies named {@value #RUNTIME_POLICY} or starting with it.
     */
    static boolean isRuntime(Statement statement) {
        return statement.policy().equals(RUNTIME_POLICY) || statement.policy().startsWith(RUNTIME_POLICY + "-");
    }

    /** Evaluates a named condition as CloudFormation would, for these parameter values (defaults for the rest). */
    boolean condition(String name, Map<String, String> parameters) {
        JsonNode condition = root.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        return truth(condition, parameters);
    }

    /** Whether the template's Rules let a stack deploy with these parameter values (defaults for the rest). */
    boolean rulesAccept(Map<String, String> parameters) {
        for (JsonNode rule : root.path("Rules")) {
            JsonNode when = rule.path("RuleCondition");
            if (!when.isMissingNode() && !truth(when, parameters)) {
                continue;
            }
            for (JsonNode assertion : rule.path("Assertions")) {
                if (!truth(assertion.path("Assert"), parameters)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean truth(JsonNode node, Map<String, String> parameters) {
        if (node.has("Condition")) {
            return condition(node.get("Condition").asText(), parameters);
        }
        if (node.has("Fn::Not")) {
            return !truth(node.get("Fn::Not").get(0), parameters);
        }
        if (node.has("Fn::And")) {
            boolean all = true;
            for (JsonNode operand : node.get("Fn::And")) {
                all &= truth(operand, parameters);
            }
            return all;
        }
        if (node.has("Fn::Or")) {
            boolean any = false;
            for (JsonNode operand : node.get("Fn::Or")) {
                any |= truth(operand, parameters);
            }
            return any;
        }
        if (node.has("Fn::Equals")) {
            JsonNode operands = node.get("Fn::Equals");
            return value(operands.get(0), parameters).equals(value(operands.get(1), parameters));
        }
        throw new UnsupportedOperationException("condition function not supported by this test: " + node);
    }

    private String value(JsonNode node, Map<String, String> parameters) {
        JsonNode resolved = resolve(node, parameters);
        if (!resolved.isValueNode()) {
            throw new UnsupportedOperationException("not a single value: " + node);
        }
        return resolved.asText();
    }

    /** The pseudo parameters the tests deploy with. */
    static final Map<String, String> PSEUDO = Map.of("AWS::Region", "us-east-1", "AWS::AccountId", "111122223333",
            "AWS::Partition", "aws", "AWS::StackName", "cis-sentinel");

    /**
     * {@code node} as CloudFormation resolves it with these parameter values (defaults for the rest): Ref to a
     * parameter or pseudo parameter, Fn::If (with AWS::NoValue dropping the property or list item), Fn::Sub,
     * Fn::Select and Fn::Split. A Ref to a resource or an Fn::GetAtt stays as it is: its value is only known in
     * AWS. Anything else fails the test.
     */
    JsonNode resolve(JsonNode node, Map<String, String> parameters) {
        JsonNode resolved = resolveOrNoValue(node, parameters);
        return resolved == null ? NODES.missingNode() : resolved;
    }

    /** null for AWS::NoValue. */
    private JsonNode resolveOrNoValue(JsonNode node, Map<String, String> parameters) {
        if (node.isArray()) {
            ArrayNode items = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode resolved = resolveOrNoValue(item, parameters);
                if (resolved != null) {
                    items.add(resolved);
                }
            }
            return items;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1 && node.has("Ref")) {
            String name = node.get("Ref").asText();
            if (name.equals("AWS::NoValue")) {
                return null;
            }
            if (parameters.containsKey(name)) {
                return NODES.textNode(parameters.get(name));
            }
            if (PSEUDO.containsKey(name)) {
                return NODES.textNode(PSEUDO.get(name));
            }
            if (root.path("Parameters").has(name)) {
                return NODES.textNode(parameter(name).path("Default").asText());
            }
            return node;
        }
        if (node.size() == 1 && node.has("Fn::If")) {
            JsonNode branches = node.get("Fn::If");
            return resolveOrNoValue(branches.get(condition(branches.get(0).asText(), parameters) ? 1 : 2),
                    parameters);
        }
        if (node.size() == 1 && node.has("Fn::Sub")) {
            JsonNode argument = node.get("Fn::Sub");
            String text = argument.isTextual() ? argument.asText() : argument.get(0).asText();
            Map<String, String> variables = new TreeMap<>();
            if (argument.isArray()) {
                argument.get(1).fields().forEachRemaining(entry -> variables.put(entry.getKey(),
                        resolve(entry.getValue(), parameters).asText()));
            }
            Matcher reference = SUB_REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (reference.find()) {
                String name = reference.group(1);
                String value = variables.containsKey(name) ? variables.get(name) : name.contains(".")
                        ? "${" + name + "}" : resolve(ref(name), parameters).asText();
                reference.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            reference.appendTail(out);
            return NODES.textNode(out.toString());
        }
        if (node.size() == 1 && node.has("Fn::Split")) {
            JsonNode argument = node.get("Fn::Split");
            ArrayNode parts = NODES.arrayNode();
            for (String part : resolve(argument.get(1), parameters).asText().split(
                    Pattern.quote(argument.get(0).asText()), -1)) {
                parts.add(part);
            }
            return parts;
        }
        if (node.size() == 1 && node.has("Fn::Select")) {
            JsonNode argument = node.get("Fn::Select");
            return resolve(argument.get(1), parameters).get(resolve(argument.get(0), parameters).asInt());
        }
        if (node.size() == 1 && node.fieldNames().next().startsWith("Fn::") && !node.has("Fn::GetAtt")) {
            throw new UnsupportedOperationException("function not supported by this test: " + node);
        }
        ObjectNode object = NODES.objectNode();
        node.fields().forEachRemaining(entry -> {
            JsonNode resolved = resolveOrNoValue(entry.getValue(), parameters);
            if (resolved != null) {
                object.set(entry.getKey(), resolved);
            }
        });
        return object;
    }

    /**
     * Parameter values a user may deploy with this remediation mode: every destination the function accepts
     * (none, an email or a topic when off; an email or a topic otherwise, never both).
     */
    static List<Map<String, String>> configurations(String remediationMode) {
        String email = "secops@example.com";
        String topic = "arn:aws:sns:us-east-1:111122223333:soc-alerts";
        List<Map<String, String>> configurations = new ArrayList<>();
        if (remediationMode.equals("off")) {
            configurations.add(Map.of("RemediationMode", remediationMode));
        }
        configurations.add(Map.of("RemediationMode", remediationMode, "NotificationEmail", email));
        configurations.add(Map.of("RemediationMode", remediationMode, "AlarmTopicArn", topic));
        return configurations;
    }

    static JsonNode ref(String name) {
        return NODES.objectNode().put("Ref", name);
    }

    static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    static JsonNode getAtt(String resource, String attribute) {
        return NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(resource).add(attribute));
    }

    /** A string or a list of strings, as IAM allows for Action. */
    static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        for (JsonNode element : elements(node)) {
            texts.add(element.asText());
        }
        return texts;
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> elements = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(elements::add);
        } else if (!node.isMissingNode()) {
            elements.add(node);
        }
        return elements;
    }

    /** Reads the value at the current token; the parser is left on its last token. */
    private static JsonNode read(YAMLParser parser) throws IOException {
        // The tag belongs to the token that opens the value: read it before moving on.
        String tag = parser.getTypeId();
        JsonToken token = parser.currentToken();
        JsonNode value;
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, read(parser));
                }
                value = object;
                break;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                value = array;
                break;
            case VALUE_STRING:
                value = NODES.textNode(parser.getText());
                break;
            case VALUE_NUMBER_INT:
                value = NODES.numberNode(parser.getLongValue());
                break;
            case VALUE_NUMBER_FLOAT:
                value = NODES.numberNode(parser.getDecimalValue());
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                value = NODES.booleanNode(parser.getBooleanValue());
                break;
            case VALUE_NULL:
                value = NODES.nullNode();
                break;
            default:
                throw new IOException("unexpected YAML token " + token + " at " + parser.currentLocation());
        }
        return tag == null || tag.isEmpty() || !Character.isUpperCase(tag.charAt(0)) ? value : longForm(tag, value);
    }

    private static JsonNode longForm(String tag, JsonNode value) {
        ObjectNode function = NODES.objectNode();
        switch (tag) {
            case "Ref":
            case "Condition":
                function.set(tag, value);
                break;
            case "GetAtt":
                if (value.isTextual()) {
                    String text = value.asText();
                    int dot = text.indexOf('.');
                    ArrayNode parts = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
                    function.set("Fn::GetAtt", parts);
                } else {
                    function.set("Fn::GetAtt", value);
                }
                break;
            default:
                function.set("Fn::" + tag, value);
        }
        return function;
    }

    /** Every string anywhere under {@code node}, e.g. to search a Resource for a name prefix. */
    static String flatten(JsonNode node) {
        StringBuilder text = new StringBuilder();
        if (node.isValueNode()) {
            text.append(node.asText());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            text.append(' ').append(flatten(it.next()));
        }
        return text.toString().trim();
    }
}
