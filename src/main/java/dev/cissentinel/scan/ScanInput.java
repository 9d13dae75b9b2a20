package dev.cissentinel.scan;

import dev.cissentinel.aws.Partition;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * What the user typed, made into the values of a {@link ScanRequest}: every check of input in one place, run
 * before any AWS call, so a bad value is a {@link ConfigurationException} with the same message from the command
 * line, the Lambda's environment and an invocation's event. The callers name the flag or variable; the rules and
 * messages are here.
 *
 * <p>Every check is linear in the length of the value (no backtracking regular expression sees unbounded input),
 * and every message quotes at most {@value Quote#MAX_SHOWN} characters of it ({@link Quote}).
 */
public final class ScanInput {

    /** What a region name looks like; also any region the SDK knows (e.g. {@code eusc-de-east-1}). */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    /** Far longer than any region name; longer input is refused before any pattern sees it. */
    private static final int MAX_REGION = 40;
    private static final Set<String> KNOWN_REGIONS = Region.regions().stream().filter(r -> !r.isGlobalRegion())
            .map(Region::id).collect(Collectors.toUnmodifiableSet());
    /** The partitions of the regions the SDK knows: aws, aws-cn, aws-us-gov, aws-iso…, aws-eusc. */
    private static final Set<String> PARTITIONS = new TreeSet<>(Partition.KNOWN);
    /** The longest address: RFC 5321's 256-octet path less its angle brackets. */
    static final int MAX_EMAIL = 254;
    /**
     * SNS topic names: 1 to 256 ASCII letters, digits, hyphens and underscores; a FIFO topic's ends in .fifo
     * (CreateTopic, parameter Name: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html).
     */
    private static final int MAX_TOPIC_NAME = 256;
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._/#:\\- ]{1,255}");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,5})\\s*([sm]?)");

    private ScanInput() {
    }

    /** A yes/no setting ({@code CONFIRM_WITH_AWS}): {@code true} or {@code false}, blank meaning false. */
    public static boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new ConfigurationException("must be true or false, not " + Quote.of(value));
        }
        return text.equals("true");
    }

    /**
     * A time limit: seconds ({@code 90}) or with a unit ({@code 90s}, {@code 5m}); between 5 s and 15 min, the
     * Lambda maximum.
     */
    public static Duration timeout(String value) {
        if (value == null || value.isBlank()) {
            return ScanRequest.NO_TIMEOUT;
        }
        Matcher m = TIMEOUT.matcher(value.trim());
        if (value.length() > 20 || !m.matches()) {
            throw new ConfigurationException("timeout must be seconds (90) or 90s / 5m, not " + Quote.of(value));
        }
        Duration limit = m.group(2).equals("m") ? Duration.ofMinutes(Long.parseLong(m.group(1)))
                : Duration.ofSeconds(Long.parseLong(m.group(1)));
        if (limit.compareTo(Duration.ofSeconds(5)) < 0 || limit.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new ConfigurationException("timeout must be between 5s and 15m, not " + Quote.of(value));
        }
        return limit;
    }

    /**
     * Validates remediation input: the mode, and for dry-run/apply exactly one destination, a topic ARN or an
     * email address; a namespace CloudWatch accepts.
     */
    public static RemediationOptions remediation(String mode, String alarmTopicArn, String email,
            String namespace) {
        RemediationMode parsed = remediationMode(mode);
        String topic = alarmTopic(alarmTopicArn);
        String address = email(email);
        String space = namespace(namespace);
        if (!topic.isEmpty() && !address.isEmpty()) {
            throw new ConfigurationException("give an alarm topic ARN or a notification email, not both: with a "
                    + "topic, subscribe people to it yourself");
        }
        if (parsed != RemediationMode.OFF && topic.isEmpty() && address.isEmpty()) {
            throw new ConfigurationException("remediation " + parsed.text() + " needs somewhere to send alarms: "
                    + "--alarm-topic-arn (ALARM_TOPIC_ARN) or --notification-email (NOTIFICATION_EMAIL)");
        }
        return new RemediationOptions(parsed, topic, address, space);
    }

    public static RemediationMode remediationMode(String value) {
        if (value != null && value.length() > 20) {
            throw new ConfigurationException("remediation mode must be off, dry-run or apply, not " + Quote.of(value));
        }
        try {
            return RemediationMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /**
     * An SNS topic ARN an alarm can notify, or empty: {@code arn:<partition>:sns:<region>:<account>:<name>} with a
     * partition the SDK knows, a region of that partition, a 12-digit account, and a standard topic's name.
     *
     * <p>FIFO topics ({@code .fifo}) are refused: every publish to one must carry a message group ID
     * (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html, parameter MessageGroupId;
     * https://docs.aws.amazon.com/sns/latest/dg/fifo-message-grouping.html), and an alarm action is a bare topic
     * ARN with nowhere to give one (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html,
     * AlarmActions); FIFO topics also deliver only to SQS queues, so no person could be subscribed
     * (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html).
     */
    public static String alarmTopic(String value) {
        return optional(value, ScanInput::topicProblem, (problem, typed) -> "alarm topic must be an SNS topic ARN "
                + "(arn:aws:sns:<region>:<12-digit account>:<name>): " + problem + "; not " + typed);
    }

    /**
     * Blank is empty; otherwise the trimmed value, or a {@link ConfigurationException} saying what
     * {@code problemOf} found (null: nothing) and quoting what was typed.
     */
    private static String optional(String value, UnaryOperator<String> problemOf, BinaryOperator<String> message) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return "";
        }
        String problem = problemOf.apply(text);
        if (problem != null) {
            throw new ConfigurationException(message.apply(problem, Quote.of(text)));
        }
        return text;
    }

    private static String topicProblem(String topic) {
        String[] parts = topic.split(":", -1);
        if (!parts[0].equals("arn")) {
            return "it does not start with arn:";
        }
        if (parts.length != 6) {
            return "it has " + parts.length + " colon-separated parts, not 6";
        }
        String partition = parts[1];
        if (!PARTITIONS.contains(partition)) {
            return "partition " + Quote.of(partition) + " is not one the AWS SDK knows (" + String.join(", ",
                    PARTITIONS) + ")";
        }
        if (!parts[2].equals("sns")) {
            return "the service is " + Quote.of(parts[2]) + ", not sns";
        }
        String region = parts[3];
        if (!isRegion(region)) {
            return "the region " + Quote.of(region) + " is not an AWS region name (like us-east-1)";
        }
        String regionPartition = Partition.of(region);
        if (!regionPartition.equals(partition)) {
            return "region " + region + " belongs to partition " + regionPartition + ", not " + partition;
        }
        if (!digits(parts[4], 12)) {
            return "the account " + Quote.of(parts[4]) + " is not 12 digits";
        }
        String name = parts[5];
        if (name.endsWith(".fifo")) {
            return "it names a FIFO topic, which an alarm cannot notify (CloudWatch gives no message group ID); "
                    + "use a standard topic";
        }
        if (name.isEmpty() || name.length() > MAX_TOPIC_NAME) {
            return "a topic name has 1 to 256 characters, this one " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return "a topic name has only ASCII letters, digits, - and _ (character " + (i + 1) + " is not)";
            }
        }
        return null;
    }

    private static boolean digits(String text, int count) {
        if (text.length() != count) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * One plausible email address, or empty: at most {@value #MAX_EMAIL} characters, exactly one {@code @}, no
     * control or invisible formatting characters, no spaces, commas or semicolons (one address, not a list), no
     * {@code ..}, a part before the {@code @} that neither starts nor ends with a dot, and a domain of at least two
     * dot-separated labels of letters, digits and hyphens. One pass over the text: linear however long the input.
     */
    public static String email(String value) {
        return optional(value, ScanInput::emailProblem, (problem, typed) -> "notification email must be one address "
                + "like secops@example.com (" + problem + "), not " + typed);
    }

    private static String emailProblem(String address) {
        if (address.length() > MAX_EMAIL) {
            return "it has " + address.length() + " characters; an address has at most " + MAX_EMAIL;
        }
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "character " + (i + 1) + " is a control character";
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == ',' || c == ';') {
                return "it contains a space, comma or semicolon: give one address";
            }
            if (c == '@') {
                if (at >= 0) {
                    return "it has more than one @";
                }
                at = i;
            } else if (c == '.' && i > 0 && address.charAt(i - 1) == '.') {
                return "it contains ..";
            } else if (at >= 0 && !(c == '.' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9')) {
                return "its domain has a character other than letters, digits, - and . at " + (i + 1);
            }
        }
        if (at < 0) {
            return "it has no @";
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".")) {
            return "the part before @ is empty or starts or ends with a dot";
        }
        if (domain.isEmpty() || domain.startsWith(".") || domain.endsWith(".") || domain.indexOf('.') < 0) {
            return "the domain after @ needs at least two labels, like example.com";
        }
        return null;
    }

    /** A CloudWatch namespace; blank means {@code CISBenchmark}. */
    public static String namespace(String value) {
        String space = value == null || value.isBlank() ? "CISBenchmark" : value.trim();
        if (space.length() > 255 || !NAMESPACE.matcher(space).matches() || space.startsWith("AWS/")) {
            throw new ConfigurationException("metric namespace must be a CloudWatch namespace (letters, digits, "
                    + ". _ - / # :, at most 255, not starting with AWS/), not " + Quote.of(space));
        }
        return space;
    }

    /** A region the SDK knows, or one that looks like a region ({@code xx-name-1}); checked before any call. */
    public static Region region(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("no AWS region: pass --region or set AWS_REGION");
        }
        String trimmed = value.trim();
        if (!isRegion(trimmed)) {
            throw new ConfigurationException(Quote.of(value) + " is not an AWS region name (like us-east-1)");
        }
        return Region.of(trimmed);
    }

    private static boolean isRegion(String text) {
        return KNOWN_REGIONS.contains(text) || text.length() <= MAX_REGION && REGION.matcher(text).matches();
    }

    public static List<Control> controls(String value) {
        // ControlTable's own message repeats the input whole; name the first unknown id here, quoted, instead.
        if (value != null) {
            for (String id : value.split(",", -1)) {
                if (!id.isBlank() && ControlTable.byId(id).isEmpty() && !isAll(value)) {
                    throw new ConfigurationException("unknown control " + Quote.of(id.trim()) + "; known: "
                            + ControlTable.known());
                }
            }
        }
        try {
            return ControlTable.select(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Quote.message(e.getMessage()));
        }
    }

    private static boolean isAll(String value) {
        return value.trim().equalsIgnoreCase(ControlTable.ALL);
    }

    public static PatternMode patternMode(String value) {
        if (value == null || value.isBlank()) {
            return PatternMode.SEMANTIC;
        }
        try {
            return PatternMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("pattern mode must be semantic or exact, not " + Quote.of(value));
        }
    }
}
