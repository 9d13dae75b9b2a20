package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.confirm.CloudWatchLogsTester;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.remediate.RemediationExecutor;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.ScanInput;
import dev.cissentinel.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code template.yaml} read as CloudFormation reads it: the function it deploys, the parameters and rules that
 * must agree with the handler's own validation, and the role's grants per remediation mode, compared with the
 * actions the code declares. (That the code calls exactly these is {@link LeastPrivilegeCheck}'s job; that the
 * handler is in the built jar, {@code TemplateHandlerIT}'s.)
 */
class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    /** The scan's grants: what SnapshotReader and SecurityHubPublisher declare, less what needs no grant. */
    private static final Set<String> SCAN = scanActions();
    private static final Set<String> CHECK_TOPIC = Set.of("sns:GetTopicAttributes");
    /** Remediation reads the tags of the existing alarms and topics of ours it would write to. */
    private static final Set<String> ALARM_TAGS = Set.of("cloudwatch:ListTagsForResource");
    private static final Set<String> TOPIC_TAGS = Set.of("sns:ListTagsForResource");
    private static final Set<String> FILTERS_AND_ALARMS = Set.of("logs:PutMetricFilter", "cloudwatch:PutMetricAlarm",
            "cloudwatch:TagResource");
    private static final Set<String> OWN_TOPIC = Set.of("sns:CreateTopic", "sns:TagResource",
            "sns:SetTopicAttributes", "sns:Subscribe");

    @Test
    void yamlReader_keepsShortFormTagsAsLongForm() throws IOException {
        JsonNode node = SamTemplate.parse("a: !GetAtt Queue.Arn\nb: !If [C, {x: 1}, !Ref AWS::NoValue]\n"
                + "c: !Sub 'arn:${AWS::Partition}'\nd: !Not [!Condition On]\n");

        assertThat(node.toString()).isEqualTo("{\"a\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]},"
                + "\"b\":{\"Fn::If\":[\"C\",{\"x\":1},{\"Ref\":\"AWS::NoValue\"}]},"
                + "\"c\":{\"Fn::Sub\":\"arn:${AWS::Partition}\"},\"d\":{\"Fn::Not\":[{\"Condition\":\"On\"}]}}");
        assertThatThrownBy(() -> TEMPLATE.parameter("NoSuchParameter")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handler_namesAStreamHandlerMethodOnTheClasspath() throws Exception {
        String[] handler = TEMPLATE.function().path("Handler").asText().split("::");

        assertThat(handler).containsExactly("dev.cissentinel.lambda.ScanHandler", "handleRequest");
        Class<?> type = Class.forName(handler[0], false, getClass().getClassLoader());
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(type.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class)).isNotNull();
        assertThat(type.getConstructor()).isNotNull();
    }

    @Test
    void function_isThePrebuiltJarOnJava25Arm64WithSnapStartBehindAnAlias() throws IOException {
        JsonNode function = TEMPLATE.function();

        // deploy/Makefile copies target/cis-sentinel-lambda.jar into the package (TemplateHandlerIT runs it).
        assertThat(function.path("CodeUri").asText()).isEqualTo("deploy/");
        assertThat(TEMPLATE.resource(SamTemplate.FUNCTION).path("Metadata").path("BuildMethod").asText())
                .isEqualTo("makefile");
        assertThat(Files.readString(Path.of("deploy/Makefile"))).contains("build-ScanFunction:",
                "target/cis-sentinel-lambda.jar", "$(ARTIFACTS_DIR)/lib/");
        assertThat(function.path("Runtime").asText()).isEqualTo("java25");
        assertThat(SamTemplate.texts(function.path("Architectures"))).containsExactly("arm64");
        assertThat(function.path("AutoPublishAlias").asText()).isEqualTo("live");
        assertThat(function.path("SnapStart").path("ApplyOn")).isEqualTo(SamTemplate.ref("SnapStart"));
        assertThat(TEMPLATE.parameter("SnapStart").path("Default").asText()).isEqualTo("PublishedVersions");
        assertThat(function.path("MemorySize").asInt()).isBetween(512, 3008);
        assertThat(function.path("Timeout").asInt()).isBetween(60, 900);
        assertThat(function.path("Role")).isEqualTo(SamTemplate.getAtt(SamTemplate.ROLE, "Arn"));
        assertThat(function.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
    }

    @Test
    void reservedConcurrency_noneByDefault_oneWhenAsked() {
        JsonNode reserved = TEMPLATE.function().path("ReservedConcurrentExecutions");

        assertThat(TEMPLATE.resolve(reserved, Map.of()).isMissingNode()).isTrue();
        assertThat(TEMPLATE.resolve(reserved, Map.of("ReservedConcurrency", "1")).asInt()).isEqualTo(1);
        assertThat(SamTemplate.texts(TEMPLATE.parameter("ReservedConcurrency").path("AllowedValues")))
                .containsExactly("", "1");
    }

    @Test
    void logGroupAndQueue_keptOnStackDeletionUnlessAskedOtherwise() {
        assertThat(SamTemplate.texts(TEMPLATE.root().path("Transform"))).containsExactly("AWS::LanguageExtensions",
                "AWS::Serverless-2016-10-31");
        for (String resource : List.of("ScanLogGroup", "FailureQueue")) {
            for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
                JsonNode value = TEMPLATE.resource(resource).path(policy);
                assertThat(value).as(resource + " " + policy).isEqualTo(SamTemplate.ref("HistoryDeletionPolicy"));
                assertThat(TEMPLATE.resolve(value, Map.of()).asText()).isEqualTo("Retain");
                assertThat(TEMPLATE.resolve(value, Map.of("HistoryDeletionPolicy", "Delete")).asText())
                        .isEqualTo("Delete");
            }
        }
    }

    @Test
    void everyResourceThatTakesTags_isTaggedWithTheStack() throws IOException {
        JsonNode stackTag = SamTemplate.parse("{Key: cis-sentinel:stack, Value: !Ref AWS::StackName}");
        // Subscriptions, queue policies and aliases take no tags (their CloudFormation schemas have no Tags), nor
        // does AWS::Scheduler::Schedule.
        List<String> untaggable = List.of("OpsSubscription", "ChangeQueuePolicy", "FailureQueuePolicy",
                "RecheckAlias", "OrganizationAlias", "OrganizationSchedule");
        TEMPLATE.root().path("Resources").fields().forEachRemaining(entry -> {
            JsonNode properties = entry.getValue().path("Properties");
            if (entry.getKey().equals(SamTemplate.FUNCTION)) {
                // SAM takes a map, and PropagateTags passes it on to the resources it generates for the function.
                assertThat(properties.path("Tags").path("cis-sentinel:stack")).isEqualTo(SamTemplate.ref(
                        "AWS::StackName"));
                assertThat(properties.path("PropagateTags").asBoolean()).isTrue();
            } else if (!untaggable.contains(entry.getKey())) {
                assertThat(properties.path("Tags")).as(entry.getKey()).contains(stackTag);
            }
        });
    }

    @Test
    void permissionsBoundary_onEveryRoleWhenGiven() {
        JsonNode role = TEMPLATE.resource(SamTemplate.ROLE).path("Properties").path("PermissionsBoundary");
        JsonNode schedulerRole = TEMPLATE.function().path("Events").path("Schedule").path("Properties")
                .path("PermissionsBoundary");
        String boundary = "arn:aws:iam::111122223333:policy/boundary";

        for (JsonNode node : List.of(role, schedulerRole)) {
            assertThat(TEMPLATE.resolve(node, Map.of()).isMissingNode()).isTrue();
            assertThat(TEMPLATE.resolve(node, Map.of("PermissionsBoundaryArn", boundary)).asText())
                    .isEqualTo(boundary);
        }
        assertThat(allowed("PermissionsBoundaryArn", boundary)).isTrue();
        assertThat(allowed("PermissionsBoundaryArn", "arn:aws:iam::aws:policy/PowerUserAccess")).isTrue();
        assertThat(allowed("PermissionsBoundaryArn", "boundary")).isFalse();
    }

    /** The operational alarms: what each watches, and that it notifies someone when an address is given. */
    private static final Map<String, String> OPS_ALARMS = Map.of("ErrorsAlarm", "a failed invocation",
            "ThrottlesAlarm", "a throttled invocation", "FailureQueueAlarm", "a message in the failure queue",
            "MissedRunsAlarm", "a missed schedule");

    @Test
    void operationalAlarms_watchErrorsThrottlesTheFailureQueueAndMissedRuns() {
        JsonNode errors = TEMPLATE.resource("ErrorsAlarm").path("Properties");
        assertThat(errors.path("Namespace").asText() + "/" + errors.path("MetricName").asText())
                .isEqualTo("AWS/Lambda/Errors");
        assertThat(errors.path("Dimensions").get(0).path("Value")).isEqualTo(SamTemplate.ref(SamTemplate.FUNCTION));
        JsonNode throttles = TEMPLATE.resource("ThrottlesAlarm").path("Properties");
        assertThat(throttles.path("MetricName").asText()).isEqualTo("Throttles");
        for (JsonNode alarm : List.of(errors, throttles)) {
            assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
            assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
        }
        JsonNode queue = TEMPLATE.resource("FailureQueueAlarm").path("Properties");
        assertThat(queue.path("Namespace").asText() + "/" + queue.path("MetricName").asText())
                .isEqualTo("AWS/SQS/ApproximateNumberOfMessagesVisible");
        assertThat(queue.path("Dimensions").get(0).path("Value")).isEqualTo(SamTemplate.getAtt("FailureQueue",
                "QueueName"));
        assertThat(queue.path("Threshold").asInt()).isEqualTo(1);

        JsonNode missed = TEMPLATE.resource("MissedRunsAlarm");
        assertThat(missed.path("Condition").asText()).isEqualTo("ScheduleOn");
        JsonNode properties = missed.path("Properties");
        Map<String, JsonNode> queries = new HashMap<>();
        properties.path("Metrics").forEach(query -> queries.put(query.path("Id").asText(), query));
        assertThat(queries.get("successes").path("Expression").asText()).isEqualTo(
                "FILL(invocations, 0) - FILL(errors, 0)");
        assertThat(queries.get("invocations").path("MetricStat").path("Metric").path("MetricName").asText())
                .isEqualTo("Invocations");
        assertThat(queries.get("errors").path("MetricStat").path("Metric").path("MetricName").asText())
                .isEqualTo("Errors");
        int period = queries.get("invocations").path("MetricStat").path("Period").asInt();
        assertThat(queries.get("errors").path("MetricStat").path("Period").asInt()).isEqualTo(period);
        // ScheduleIntervalHours periods of 2 hours: twice the interval, all without a success, no data counting
        // as none. CloudWatch evaluates at most 7 days for periods of an hour or more (PutMetricAlarm).
        assertThat(period).isEqualTo(7200);
        assertThat(properties.path("EvaluationPeriods")).isEqualTo(SamTemplate.ref("ScheduleIntervalHours"));
        assertThat(properties.path("DatapointsToAlarm")).isEqualTo(SamTemplate.ref("ScheduleIntervalHours"));
        assertThat(period * TEMPLATE.parameter("ScheduleIntervalHours").path("MaxValue").asInt())
                .isLessThanOrEqualTo(7 * 24 * 3600);
        assertThat(properties.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        assertThat(properties.path("Threshold").asInt()).isEqualTo(1);
        assertThat(properties.path("TreatMissingData").asText()).isEqualTo("breaching");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OpsNotificationEmail", "NotificationEmail"})
    void defaultsPlusAnAddress_everyOperationalAlarmNotifiesTheStacksTopicSubscribedToIt(String parameter) {
        Map<String, String> parameters = Map.of(parameter, "secops@example.com");
        assertThat(TEMPLATE.rulesAccept(parameters)).isTrue();

        for (String alarm : OPS_ALARMS.keySet()) {
            JsonNode properties = TEMPLATE.resource(alarm).path("Properties");
            assertThat(TEMPLATE.resolve(properties.path("ActionsEnabled"), parameters).asBoolean()).isTrue();
            assertThat(TEMPLATE.resolve(properties.path("AlarmActions"), parameters))
                    .as("%s, the alarm for %s", alarm, OPS_ALARMS.get(alarm))
                    .containsExactly(SamTemplate.ref("OpsTopic"));
            assertThat(TEMPLATE.resolve(properties.path("OKActions"), parameters))
                    .containsExactly(SamTemplate.ref("OpsTopic"));
        }
        assertThat(TEMPLATE.condition("ScheduleOn", parameters)).isTrue();
        for (String resource : List.of("OpsTopic", "OpsSubscription")) {
            assertThat(TEMPLATE.condition(TEMPLATE.resource(resource).path("Condition").asText(), parameters))
                    .as(resource).isTrue();
        }
        JsonNode subscription = TEMPLATE.resolve(TEMPLATE.resource("OpsSubscription").path("Properties"),
                parameters);
        assertThat(subscription.path("Protocol").asText()).isEqualTo("email");
        assertThat(subscription.path("Endpoint").asText()).isEqualTo("secops@example.com");
        assertThat(subscription.path("TopicArn")).isEqualTo(SamTemplate.ref("OpsTopic"));
        assertThat(TEMPLATE.condition("OpsAlarmsNotifyNobody", parameters)).isFalse();
    }

    @Test
    void opsNotificationEmail_winsOverNotificationEmail() {
        Map<String, String> parameters = Map.of("OpsNotificationEmail", "ops@example.com", "NotificationEmail",
                "secops@example.com");

        assertThat(TEMPLATE.resolve(TEMPLATE.resource("OpsSubscription").path("Properties").path("Endpoint"),
                parameters).asText()).isEqualTo("ops@example.com");
    }

    @Test
    void alarmTopicInTheStacksRegion_isNotified_inAnotherRegionOnlyTheWarningIs() {
        Map<String, String> here = Map.of("AlarmTopicArn", "arn:aws:sns:us-east-1:111122223333:soc");
        Map<String, String> elsewhere = Map.of("AlarmTopicArn", "arn:aws:sns:eu-west-1:111122223333:soc");

        for (String alarm : OPS_ALARMS.keySet()) {
            JsonNode actions = TEMPLATE.resource(alarm).path("Properties").path("AlarmActions");
            assertThat(TEMPLATE.resolve(actions, here)).containsExactly(SamTemplate.text(
                    "arn:aws:sns:us-east-1:111122223333:soc"));
            assertThat(TEMPLATE.resolve(actions, elsewhere)).isEmpty();
        }
        assertThat(TEMPLATE.condition("OpsAlarmsNotifyNobody", here)).isFalse();
        assertThat(TEMPLATE.condition("OpsAlarmsNotifyNobody", elsewhere)).isTrue();
    }

    @Test
    void noAddressAndNoTopic_theOutputsWarnThatNobodyIsTold() {
        JsonNode warning = TEMPLATE.root().path("Outputs").path("OpsNotificationWarning");

        assertThat(warning.path("Condition").asText()).isEqualTo("OpsAlarmsNotifyNobody");
        assertThat(TEMPLATE.condition("OpsAlarmsNotifyNobody", Map.of())).isTrue();
        assertThat(warning.path("Value").asText()).startsWith("WARNING:").contains("OpsNotificationEmail=");
        for (String alarm : OPS_ALARMS.keySet()) {
            assertThat(TEMPLATE.resolve(TEMPLATE.resource(alarm).path("Properties").path("AlarmActions"), Map.of()))
                    .as(alarm).isEmpty();
        }
    }

    @Test
    void operations_logRetentionAndFailureQueue() {
        JsonNode function = TEMPLATE.function();

        assertThat(function.path("LoggingConfig").path("LogGroup")).isEqualTo(SamTemplate.ref("ScanLogGroup"));
        assertThat(TEMPLATE.resource("ScanLogGroup").path("Properties").path("RetentionInDays"))
                .isEqualTo(SamTemplate.ref("LogRetentionDays"));
        JsonNode onFailure = function.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure");
        assertThat(onFailure.path("Type").asText()).isEqualTo("SQS");
        assertThat(onFailure.path("Destination")).isEqualTo(SamTemplate.getAtt("FailureQueue", "Arn"));
        assertThat(TEMPLATE.resource("FailureQueue").path("Properties").path("SqsManagedSseEnabled").asBoolean())
                .isTrue();
        assertThat(TEMPLATE.root().path("Outputs").fieldNames()).toIterable().contains("FunctionName",
                "FunctionArn", "FunctionAlias", "ScheduleName", "FailureQueueUrl", "FailureQueueArn",
                "OperationalAlarms");
    }

    @Test
    void schedule_isOneSchedulerScheduleFromTheIntervalOrACron() {
        JsonNode events = TEMPLATE.function().path("Events");

        assertThat(events.size()).isEqualTo(1);
        JsonNode schedule = events.path("Schedule");
        assertThat(schedule.path("Type").asText()).isEqualTo("ScheduleV2");
        JsonNode expression = schedule.path("Properties").path("ScheduleExpression");
        assertThat(TEMPLATE.resolve(expression, Map.of()).asText()).isEqualTo("rate(12 hours)");
        assertThat(TEMPLATE.resolve(expression, Map.of("ScheduleIntervalHours", "1")).asText())
                .isEqualTo("rate(1 hour)");
        assertThat(TEMPLATE.resolve(expression, Map.of("ScheduleIntervalHours", "24")).asText())
                .isEqualTo("rate(24 hours)");
        assertThat(TEMPLATE.resolve(expression, Map.of("ScheduleExpression", "cron(0 6 * * ? *)")).asText())
                .isEqualTo("cron(0 6 * * ? *)");
        assertThat(schedule.path("Properties").path("State").path("Fn::If").get(0).asText()).isEqualTo("ScheduleOn");
        assertThat(TEMPLATE.condition("ScheduleOn", Map.of())).isTrue();
        assertThat(TEMPLATE.condition("ScheduleOn", Map.of("ScheduleEnabled", "false"))).isFalse();
        assertThat(allowed("ScheduleExpression", "")).isTrue();
        assertThat(allowed("ScheduleExpression", "cron(0 6 * * ? *)")).isTrue();
        // A rate is the interval: the missed-run alarm can then never disagree with the schedule.
        assertThat(allowed("ScheduleExpression", "rate(12 hours)")).isFalse();
        assertThat(allowed("ScheduleExpression", "at(2030-01-01T00:00:00)")).isFalse();
    }

    @Test
    void environment_setsExactlyTheVariablesTheHandlerReadsFromParameters() {
        JsonNode variables = TEMPLATE.function().path("Environment").path("Variables");
        Map<String, String> fromParameters = new LinkedHashMap<>();
        variables.fields().forEachRemaining(entry -> {
            if (entry.getValue().has("Ref")) {
                fromParameters.put(entry.getKey(), entry.getValue().get("Ref").asText());
            }
        });

        // AWS_REGION is set by Lambda itself and may not be set by a template; JAVA_TOOL_OPTIONS tunes the JVM.
        assertThat(variables.fieldNames()).toIterable().containsExactlyInAnyOrder("CONTROLS", "PATTERN_MODE",
                "REMEDIATION_MODE", "NOTIFICATION_EMAIL", "ALARM_TOPIC_ARN", "METRIC_NAMESPACE", "CONFIRM_WITH_AWS",
                "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "JAVA_TOOL_OPTIONS", "ORGANIZATION_MODE");
        assertThat(variables.path("JAVA_TOOL_OPTIONS").asText()).contains("-XX:TieredStopAtLevel=1");
        // Only in organization mode, where the handler accepts the state machine's events (OrgBatch).
        assertThat(TEMPLATE.resolve(variables.path("ORGANIZATION_MODE"), Map.of()).isMissingNode()).isTrue();
        assertThat(TEMPLATE.resolve(variables.path("ORGANIZATION_MODE"), Map.of("OrganizationRoleName", "member"))
                .asText()).isEqualTo("on");
        assertThat(fromParameters).containsExactlyInAnyOrderEntriesOf(Map.of("CONTROLS", "Controls",
                "PATTERN_MODE", "PatternMode", "REMEDIATION_MODE", "RemediationMode",
                "NOTIFICATION_EMAIL", "NotificationEmail", "ALARM_TOPIC_ARN", "AlarmTopicArn",
                "METRIC_NAMESPACE", "MetricNamespace", "CONFIRM_WITH_AWS", "ConfirmWithAws"));
    }

    @Test
    void parameters_areDescribedAndConstrained() {
        for (String name : TEMPLATE.parameterNames()) {
            JsonNode parameter = TEMPLATE.parameter(name);
            assertThat(parameter.path("Description").asText()).as(name).isNotBlank();
            assertThat(parameter.has("AllowedValues") || parameter.has("AllowedPattern")
                    || parameter.has("MinValue") && parameter.has("MaxValue")).as(name).isTrue();
        }
        assertThat(TEMPLATE.parameter("RemediationMode").path("Default").asText()).isEqualTo("off");
    }

    @Test
    void allowedValues_areAcceptedByTheHandlersValidation() {
        for (String mode : SamTemplate.texts(TEMPLATE.parameter("RemediationMode").path("AllowedValues"))) {
            assertThatCode(() -> ScanInput.remediationMode(mode)).doesNotThrowAnyException();
        }
        for (String mode : SamTemplate.texts(TEMPLATE.parameter("PatternMode").path("AllowedValues"))) {
            assertThatCode(() -> ScanInput.patternMode(mode)).doesNotThrowAnyException();
        }
        for (String flag : SamTemplate.texts(TEMPLATE.parameter("ConfirmWithAws").path("AllowedValues"))) {
            assertThat(ScanInput.flag(flag)).isEqualTo(flag.equals("true"));
        }
        assertThat(ScanInput.flag(TEMPLATE.parameter("ConfirmWithAws").path("Default").asText())).isFalse();
        assertThat(ScanInput.controls(TEMPLATE.parameter("Controls").path("Default").asText()))
                .isEqualTo(ControlTable.defaults());
        assertThat(ScanInput.namespace(TEMPLATE.parameter("MetricNamespace").path("Default").asText()))
                .isEqualTo("CISBenchmark");
    }

    @Test
    void controlsPattern_acceptsExactlyTheControlTable() {
        for (int n = 0; n <= 20; n++) {
            String id = "CloudWatch." + n;
            assertThat(allowed("Controls", id)).as(id).isEqualTo(ControlTable.byId(id).isPresent());
        }
        for (Control control : ControlTable.all()) {
            assertThat(allowed("Controls", control.id())).as(control.id()).isTrue();
        }
        assertThat(allowed("Controls", "")).isTrue();
        assertThat(allowed("Controls", "all")).isTrue();
        assertThat(ScanInput.controls("all")).isEqualTo(ControlTable.all());
        assertThat(allowed("Controls", "CloudWatch.1,CloudWatch.6")).isTrue();
        assertThat(allowed("Controls", "CloudWatch.14,CIS.Organizations")).isTrue();
        assertThat(allowed("Controls", "all,CloudWatch.1")).isFalse();
        assertThat(allowed("Controls", "CIS.Organization")).isFalse();
        assertThat(allowed("Controls", "CloudWatch.1, CloudWatch.6")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "secops@example.com", "a.b+c@mail.example.org", "secops", "a@b", "a@b.c,d@e.f",
            "two words@example.com", "a..b@example.com", "a@example..com", ".a@example.com", "a.@example.com",
            "a@example.com.", "a@@example.com", "a@exa_mple.com", "a\u0001b@example.com"})
    void emailPattern_agreesWithTheHandler(String email) {
        assertThat(allowed("NotificationEmail", email)).isEqualTo(accepted(() -> ScanInput.email(email)));
    }

    /**
     * The handler takes any address of up to 254 characters (ScanInput.email); the template stops at 128, so that
     * the settings still fit the version description (VersionDescription, 256 characters: README, Deploy).
     */
    @Test
    void emailLength_isTheHandlersUpTo128_theVersionDescriptionsLimit() {
        String longest = "a".repeat(128 - "@example.com".length()) + "@example.com";
        String handlersLongest = "a".repeat(254 - "@example.com".length()) + "@example.com";

        assertThat(allowed("NotificationEmail", longest)).isTrue().isEqualTo(accepted(() -> ScanInput.email(
                longest)));
        assertThat(allowed("NotificationEmail", "a" + longest)).isFalse();
        assertThat(accepted(() -> ScanInput.email(handlersLongest))).isTrue();
        assertThat(allowed("NotificationEmail", handlersLongest)).isFalse();
        assertThat(accepted(() -> ScanInput.email("a" + handlersLongest))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "arn:aws:sns:eu-west-1:111122223333:soc", "arn:aws-us-gov:sns:us-gov-west-1:"
            + "111122223333:soc_alerts-1", "arn:aws:sns:eu-west-1:1111:soc", "arn:aws:sqs:eu-west-1:111122223333:q",
            "arn:aws:sns::111122223333:soc", "soc", "arn:aws:sns:us-east-1:111122223333:soc.fifo",
            "arn:aws:sns:us-east-1:111122223333:a:b", "arn:aws:sns:us-east-100:111122223333:soc"})
    void alarmTopicPattern_agreesWithTheHandler(String arn) {
        assertThat(allowed("AlarmTopicArn", arn)).isEqualTo(accepted(() -> ScanInput.alarmTopic(arn)));
    }

    @Test
    void rules_rejectExactlyTheRemediationSettingsTheHandlerRejects() {
        for (String mode : List.of("off", "dry-run", "apply")) {
            for (String email : List.of("", "secops@example.com")) {
                for (String topic : List.of("", "arn:aws:sns:us-east-1:111122223333:soc")) {
                    Map<String, String> parameters = Map.of("RemediationMode", mode, "NotificationEmail", email,
                            "AlarmTopicArn", topic);
                    assertThat(TEMPLATE.rulesAccept(parameters)).as("%s", parameters).isEqualTo(accepted(
                            () -> ScanInput.remediation(mode, topic, email, "CISBenchmark")));
                }
            }
        }
    }

    @Test
    void role_grantsPerRemediationModeOnlyWhatThatModeCalls() {
        for (Map<String, String> parameters : SamTemplate.configurations("off")) {
            assertThat(TEMPLATE.grantedActions(parameters)).as("%s", parameters)
                    .containsExactlyInAnyOrderElementsOf(SCAN);
        }
        assertThat(granted("dry-run", "NotificationEmail")).containsExactlyInAnyOrderElementsOf(union(SCAN,
                ALARM_TAGS, TOPIC_TAGS));
        assertThat(granted("dry-run", "AlarmTopicArn")).containsExactlyInAnyOrderElementsOf(union(SCAN,
                CHECK_TOPIC, ALARM_TAGS));
        assertThat(granted("apply", "NotificationEmail")).containsExactlyInAnyOrderElementsOf(union(SCAN,
                ALARM_TAGS, TOPIC_TAGS, FILTERS_AND_ALARMS, OWN_TOPIC));
        assertThat(granted("apply", "AlarmTopicArn")).containsExactlyInAnyOrderElementsOf(union(SCAN, CHECK_TOPIC,
                ALARM_TAGS, FILTERS_AND_ALARMS));
    }

    @Test
    void role_grantsTestMetricFilterOnlyWithConfirmWithAws() {
        for (String mode : List.of("off", "dry-run", "apply")) {
            for (Map<String, String> parameters : SamTemplate.configurations(mode)) {
                Map<String, String> confirming = new HashMap<>(parameters);
                confirming.put("ConfirmWithAws", "true");

                assertThat(TEMPLATE.grantedActions(parameters)).as("%s", parameters)
                        .doesNotContainAnyElementsOf(CloudWatchLogsTester.IAM_ACTIONS);
                assertThat(TEMPLATE.grantedActions(confirming)).as("%s", confirming)
                        .containsExactlyInAnyOrderElementsOf(union(TEMPLATE.grantedActions(parameters),
                                new TreeSet<>(CloudWatchLogsTester.IAM_ACTIONS)));
            }
        }
    }

    @Test
    void role_grantsInAllModesExactlyTheActionsTheCodeDeclares() {
        Set<String> granted = new TreeSet<>();
        for (String mode : List.of("off", "dry-run", "apply")) {
            for (Map<String, String> parameters : SamTemplate.configurations(mode)) {
                granted.addAll(TEMPLATE.grantedActions(parameters));
                Map<String, String> confirming = new HashMap<>(parameters);
                confirming.put("ConfirmWithAws", "true");
                granted.addAll(TEMPLATE.grantedActions(confirming));
            }
        }

        assertThat(granted).containsExactlyInAnyOrderElementsOf(union(SCAN,
                new TreeSet<>(RemediationExecutor.IAM_ACTIONS), new TreeSet<>(CloudWatchLogsTester.IAM_ACTIONS)));
        // Remediation also lists alarms by name with the scan's own cloudwatch:DescribeAlarms.
        assertThat(union(CHECK_TOPIC, ALARM_TAGS, TOPIC_TAGS, FILTERS_AND_ALARMS, OWN_TOPIC,
                Set.of("cloudwatch:DescribeAlarms")))
                .containsExactlyInAnyOrderElementsOf(RemediationExecutor.IAM_ACTIONS);
        assertThat(SCAN).contains("cloudwatch:DescribeAlarms");
        assertThat(granted).doesNotContainAnyElementsOf(SamTemplate.NO_GRANT_NEEDED);
    }

    @Test
    void role_scopesResourcesWhereTheApiAllows() {
        for (SamTemplate.Statement statement : TEMPLATE.roleStatements()) {
            String resources = statement.resources().stream().map(SamTemplate::flatten).toList().toString();
            if (resources.equals("[*]")) {
                // The only actions without a resource type (Service Authorization Reference).
                assertThat(statement.actions()).as(statement.toString())
                        .isSubsetOf("cloudtrail:DescribeTrails", "cloudwatch:DescribeAlarmsForMetric",
                                "logs:TestMetricFilter", "organizations:ListAccounts");
            }
            // This Region's hub and product by default; any Region of the own account only in organization mode
            // (OrganizationTemplateTest).
            if (statement.actions().contains("securityhub:BatchImportFindings")) {
                assertThat(resolved(statement)).isEqualTo("[arn:aws:securityhub:us-east-1:111122223333:"
                        + "product/111122223333/default]");
            }
            if (statement.actions().contains("securityhub:GetFindings")) {
                assertThat(resolved(statement)).isEqualTo("[arn:aws:securityhub:us-east-1:111122223333:"
                        + "hub/default]");
            }
            if (statement.actions().contains("cloudwatch:PutMetricAlarm") || statement.actions().contains(
                    "sns:CreateTopic")) {
                assertThat(resources).as(statement.toString()).contains(":cis-sentinel-*]").doesNotContain(", ");
            }
            if (statement.actions().contains("sns:GetTopicAttributes")) {
                assertThat(statement.resources()).containsExactly(SamTemplate.ref("AlarmTopicArn"));
            }
            // Conditional grants to the code are off by default; the runtime's polling of the re-check queue is on.
            if (!statement.condition().isEmpty() && !SamTemplate.isRuntime(statement)) {
                assertThat(TEMPLATE.condition(statement.condition(), Map.of("RemediationMode", "off")))
                        .as("%s exists with the defaults", statement.policy()).isFalse();
            }
        }
    }

    @Test
    void remediationWrites_areConditionedOnTheManagedTag() {
        Map<String, String> managed = Map.of("aws:RequestTag/cis-sentinel:managed", "true");
        for (SamTemplate.Statement statement : TEMPLATE.roleStatements()) {
            Set<String> actions = statement.actions();
            JsonNode condition = statement.iamCondition();
            if (actions.contains("cloudwatch:PutMetricAlarm") || actions.contains("cloudwatch:TagResource")
                    || actions.contains("sns:CreateTopic")) {
                // Creates carry the tag, and only our two tag keys.
                assertThat(condition.path("StringEquals").path("aws:RequestTag/cis-sentinel:managed").asText())
                        .as(statement.toString()).isEqualTo(managed.get("aws:RequestTag/cis-sentinel:managed"));
                assertThat(SamTemplate.texts(condition.path("ForAllValues:StringEquals").path("aws:TagKeys")))
                        .containsExactlyInAnyOrder("cis-sentinel:managed", "cis-sentinel:control");
            }
            if (actions.contains("sns:SetTopicAttributes") || actions.contains("sns:Subscribe")) {
                assertThat(condition.path("StringEquals").path("aws:ResourceTag/cis-sentinel:managed").asText())
                        .as(statement.toString()).isEqualTo("true");
            }
            if (actions.contains("sns:Subscribe")) {
                assertThat(actions).containsExactly("sns:Subscribe");
                assertThat(condition.path("StringEquals").path("sns:Protocol").asText()).isEqualTo("email");
                assertThat(condition.path("StringEqualsIgnoreCase").path("sns:Endpoint"))
                        .isEqualTo(SamTemplate.ref("NotificationEmail"));
            }
            if (actions.contains("cloudwatch:PutMetricAlarm")) {
                assertThat(actions).containsExactly("cloudwatch:PutMetricAlarm");
                JsonNode alarmActions = condition.path("ForAllValues:StringLike").path("cloudwatch:AlarmActions");
                assertThat(TEMPLATE.resolve(alarmActions, Map.of()).asText())
                        .isEqualTo("arn:aws:sns:*:111122223333:cis-sentinel-alerts");
                assertThat(TEMPLATE.resolve(alarmActions, Map.of("AlarmTopicArn",
                        "arn:aws:sns:us-east-1:111122223333:soc")).asText())
                        .isEqualTo("arn:aws:sns:us-east-1:111122223333:soc");
            }
        }
    }

    @Test
    void runtimePolicy_onlyWritesTheFunctionsLogAndFailureQueue() {
        Map<Set<String>, JsonNode> runtime = new HashMap<>();
        Map<Set<String>, String> conditions = new HashMap<>();
        for (SamTemplate.Statement statement : TEMPLATE.roleStatements()) {
            if (SamTemplate.isRuntime(statement)) {
                assertThat(statement.iamCondition().isMissingNode()).isTrue();
                assertThat(statement.resources()).hasSize(1);
                runtime.put(statement.actions(), statement.resources().get(0));
                conditions.put(statement.actions(), statement.condition());
            }
        }

        // The event source mapping polls the re-check queue with the function's role, only when it exists.
        Set<String> poll = Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
        assertThat(runtime).containsExactlyInAnyOrderEntriesOf(Map.of(
                Set.of("logs:CreateLogStream", "logs:PutLogEvents"), SamTemplate.getAtt("ScanLogGroup", "Arn"),
                Set.of("sqs:SendMessage"), SamTemplate.getAtt("FailureQueue", "Arn"),
                poll, SamTemplate.getAtt("ChangeQueue", "Arn")));
        assertThat(conditions).containsEntry(poll, "RecheckOn").containsEntry(Set.of("sqs:SendMessage"), "");
    }

    @Test
    void samconfig_deploysTheTemplateDefaults() throws IOException {
        String samconfig = Files.readString(Path.of("samconfig.toml"));
        Matcher line = Pattern.compile("(?m)^parameter_overrides = \"(.*)\"$").matcher(samconfig);
        assertThat(line.find()).isTrue();
        Map<String, String> overrides = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=\\\\\"([^\\\\]*)\\\\\"").matcher(line.group(1));
        while (pair.find()) {
            overrides.put(pair.group(1), pair.group(2));
        }

        assertThat(overrides.keySet()).containsExactlyInAnyOrderElementsOf(TEMPLATE.parameterNames());
        overrides.forEach((name, value) -> assertThat(value).as(name)
                .isEqualTo(TEMPLATE.parameter(name).path("Default").asText()));
        assertThat(samconfig).contains("capabilities = \"CAPABILITY_IAM CAPABILITY_AUTO_EXPAND\"", "resolve_s3 = true",
                "confirm_changeset = true", "[default.validate.parameters]\nlint = true");
    }

    private static Set<String> granted(String mode, String destination) {
        return SamTemplate.configurations(mode).stream().filter(parameters -> parameters.containsKey(destination))
                .map(TEMPLATE::grantedActions).findFirst().orElseThrow();
    }

    /** As CloudFormation checks a parameter value: its MaxLength, if any, and its AllowedPattern. */
    private static boolean allowed(String parameter, String value) {
        JsonNode definition = TEMPLATE.parameter(parameter);
        if (definition.has("MaxLength") && value.length() > definition.path("MaxLength").asInt()) {
            return false;
        }
        String pattern = definition.path("AllowedPattern").asText();
        return Pattern.compile(pattern).matcher(value).matches();
    }

    private static boolean accepted(Runnable validation) {
        try {
            validation.run();
            return true;
        } catch (ConfigurationException e) {
            return false;
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> union = new TreeSet<>();
        for (Set<String> set : sets) {
            union.addAll(set);
        }
        return union;
    }

    private static Set<String> scanActions() {
        List<String> declared = new ArrayList<>(SnapshotReader.IAM_ACTIONS);
        declared.addAll(SecurityHubPublisher.IAM_ACTIONS);
        Set<String> actions = new TreeSet<>(declared);
        actions.removeAll(SamTemplate.NO_GRANT_NEEDED);
        return actions;
    }

    /** A statement's resources as deployed with the defaults. */
    private static String resolved(SamTemplate.Statement statement) {
        return statement.resources().stream().map(r -> TEMPLATE.resolve(r, Map.of()).asText()).toList().toString();
    }
}
