package dev.cissentinel.remediate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutMetricFilterRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;

/**
 * One write a remediation plan will send: the target, why, and the exact request. Only ever a create (or an
 * update of a resource this tool created, named with {@value Plan#PREFIX}).
 *
 * <p>Each change builds its own SDK request ({@link #awsRequest()}); {@link RemediationExecutor} only sends it, and
 * {@link #request()}, what dry-run prints, is read back from that same request, so the printed plan is what is sent.
 */
public sealed interface Change permits Change.PutMetricFilter, Change.PutMetricAlarm, Change.CreateTopic,
        Change.SetTopicPolicy, Change.SubscribeEmail {

    /** The kinds, one per permitted type: switch expressions over it have no default. */
    enum Kind { PUT_METRIC_FILTER, PUT_METRIC_ALARM, CREATE_TOPIC, SET_TOPIC_POLICY, SUBSCRIBE_EMAIL }

    Kind kind();

    /** The IAM action that sends it, e.g. {@code logs:PutMetricFilter}. */
    String action();

    String region();

    /** The resource it creates or updates. */
    String target();

    /** Which controls need it, and what is broken. */
    String why();

    /** The request the executor sends. */
    AwsRequest awsRequest();

    /** The request's parameters, in the API's own names, as they will be sent (an email address masked). */
    Map<String, Object> request();

    record PutMetricFilter(String region, String logGroupName, String filterName, String filterPattern,
            String metricNamespace, String metricName, String why) implements Change {
        public PutMetricFilter {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(logGroupName, "logGroupName");
            Objects.requireNonNull(filterName, "filterName");
            Objects.requireNonNull(filterPattern, "filterPattern");
            Objects.requireNonNull(metricNamespace, "metricNamespace");
            Objects.requireNonNull(metricName, "metricName");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.PUT_METRIC_FILTER;
        }

        @Override
        public String action() {
            return "logs:PutMetricFilter";
        }

        @Override
        public String target() {
            return "metric filter " + filterName + " on log group " + logGroupName;
        }

        /** Counts each matching event as 1, with no default value: Sum >= 1 then fires on one event. */
        @Override
        public PutMetricFilterRequest awsRequest() {
            return PutMetricFilterRequest.builder().logGroupName(logGroupName).filterName(filterName)
                    .filterPattern(filterPattern).metricTransformations(t -> t.metricName(metricName)
                            .metricNamespace(metricNamespace).metricValue("1")).build();
        }

        @Override
        public Map<String, Object> request() {
            PutMetricFilterRequest sent = awsRequest();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("logGroupName", sent.logGroupName());
            request.put("filterName", sent.filterName());
            request.put("filterPattern", sent.filterPattern());
            request.put("metricTransformations", sent.metricTransformations().stream().map(t -> {
                Map<String, Object> transformation = new LinkedHashMap<>();
                transformation.put("metricName", t.metricName());
                transformation.put("metricNamespace", t.metricNamespace());
                transformation.put("metricValue", t.metricValue());
                return transformation;
            }).toList());
            return request;
        }
    }

    /** An alarm that fires on one event: Sum ≥ 1 over 300 s, one period, missing data not breaching. */
    record PutMetricAlarm(String region, String alarmName, String metricNamespace, String metricName,
            String topicArn, String controlId, String why) implements Change {
        public PutMetricAlarm {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(alarmName, "alarmName");
            Objects.requireNonNull(metricNamespace, "metricNamespace");
            Objects.requireNonNull(metricName, "metricName");
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(controlId, "controlId");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.PUT_METRIC_ALARM;
        }

        @Override
        public String action() {
            return "cloudwatch:PutMetricAlarm";
        }

        @Override
        public String target() {
            return "alarm " + alarmName;
        }

        @Override
        public PutMetricAlarmRequest awsRequest() {
            return PutMetricAlarmRequest.builder().alarmName(alarmName)
                    .alarmDescription("cis-sentinel: " + controlId + " (one matching CloudTrail event)")
                    .namespace(metricNamespace).metricName(metricName).statistic(Statistic.SUM).period(300)
                    .evaluationPeriods(1).datapointsToAlarm(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData("notBreaching").actionsEnabled(true).alarmActions(topicArn)
                    .tags(Plan.tags(controlId).entrySet().stream().map(tag -> software.amazon.awssdk.services
                            .cloudwatch.model.Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList())
                    .build();
        }

        @Override
        public Map<String, Object> request() {
            PutMetricAlarmRequest sent = awsRequest();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("alarmName", sent.alarmName());
            request.put("alarmDescription", sent.alarmDescription());
            request.put("namespace", sent.namespace());
            request.put("metricName", sent.metricName());
            request.put("statistic", sent.statisticAsString());
            request.put("period", sent.period());
            request.put("evaluationPeriods", sent.evaluationPeriods());
            request.put("datapointsToAlarm", sent.datapointsToAlarm());
            request.put("threshold", sent.threshold());
            request.put("comparisonOperator", sent.comparisonOperatorAsString());
            request.put("treatMissingData", sent.treatMissingData());
            request.put("actionsEnabled", sent.actionsEnabled());
            request.put("alarmActions", sent.alarmActions());
            request.put("tags", tagMap(sent.tags().stream().map(tag -> Map.entry(tag.key(), tag.value())).toList()));
            return request;
        }
    }

    record CreateTopic(String region, String name, String topicArn, String why) implements Change {
        public CreateTopic {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.CREATE_TOPIC;
        }

        @Override
        public String action() {
            return "sns:CreateTopic";
        }

        @Override
        public String target() {
            return "SNS topic " + topicArn;
        }

        @Override
        public CreateTopicRequest awsRequest() {
            return CreateTopicRequest.builder().name(name).tags(Plan.tags("all").entrySet().stream()
                    .map(tag -> software.amazon.awssdk.services.sns.model.Tag.builder().key(tag.getKey())
                            .value(tag.getValue()).build()).toList()).build();
        }

        @Override
        public Map<String, Object> request() {
            CreateTopicRequest sent = awsRequest();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", sent.name());
            request.put("tags", tagMap(sent.tags().stream().map(tag -> Map.entry(tag.key(), tag.value())).toList()));
            return request;
        }
    }

    /** Lets CloudWatch alarms of this account, and only this account, publish to the topic. */
    record SetTopicPolicy(String region, String topicArn, String accountId, String why) implements Change {
        public SetTopicPolicy {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.SET_TOPIC_POLICY;
        }

        @Override
        public String action() {
            return "sns:SetTopicAttributes";
        }

        @Override
        public String target() {
            return "policy of SNS topic " + topicArn;
        }

        @Override
        public SetTopicAttributesRequest awsRequest() {
            return SetTopicAttributesRequest.builder().topicArn(topicArn).attributeName("Policy")
                    .attributeValue(policy()).build();
        }

        @Override
        public Map<String, Object> request() {
            SetTopicAttributesRequest sent = awsRequest();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("topicArn", sent.topicArn());
            request.put("attributeName", sent.attributeName());
            request.put("attributeValue", sent.attributeValue());
            return request;
        }

        /** The topic policy, as JSON text. */
        public String policy() {
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCloudWatchAlarmsOfThisAccount\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudwatch.amazonaws.com\"},"
                    + "\"Action\":\"sns:Publish\",\"Resource\":\"" + topicArn + "\",\"Condition\":{"
                    + "\"StringEquals\":{\"aws:SourceAccount\":\"" + accountId + "\"},"
                    + "\"ArnLike\":{\"aws:SourceArn\":\"arn:" + partition() + ":cloudwatch:" + region + ":"
                    + accountId + ":alarm:*\"}}},{\"Sid\":\"OwnerManages\",\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:" + partition() + ":iam::" + accountId + ":root\"},\"Action\":[\"sns:GetTopicAttributes\","
                    + "\"sns:SetTopicAttributes\",\"sns:Subscribe\",\"sns:ListSubscriptionsByTopic\",\"sns:Publish\"],"
                    + "\"Resource\":\"" + topicArn + "\"}]}";
        }

        private String partition() {
            return topicArn.split(":")[1];
        }
    }

    record SubscribeEmail(String region, String topicArn, String email, String why) implements Change {
        public SubscribeEmail {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Kind kind() {
            return Kind.SUBSCRIBE_EMAIL;
        }

        @Override
        public String action() {
            return "sns:Subscribe";
        }

        @Override
        public String target() {
            return "email subscription of " + Plan.maskEmail(email) + " to " + topicArn;
        }

        @Override
        public SubscribeRequest awsRequest() {
            return SubscribeRequest.builder().topicArn(topicArn).protocol("email").endpoint(email).build();
        }

        /** The request with the address masked: plans and logs never carry a full address. */
        @Override
        public Map<String, Object> request() {
            SubscribeRequest sent = awsRequest();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("topicArn", sent.topicArn());
            request.put("protocol", sent.protocol());
            request.put("endpoint", Plan.maskEmail(sent.endpoint()));
            return request;
        }
    }

    /** A request's tags as a map, in the order sent. */
    private static Map<String, String> tagMap(List<Map.Entry<String, String>> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.getKey(), tag.getValue()));
        return map;
    }
}
