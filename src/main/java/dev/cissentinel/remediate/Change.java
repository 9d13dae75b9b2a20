package dev.cissentinel.remediate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One write a remediation plan will send: the target, why, and the exact request. Only ever a create (or an
 * update of a resource this tool created, named with {@value Plan#PREFIX}).
 */
public sealed interface Change permits Change.PutMetricFilter, Change.PutMetricAlarm, Change.CreateTopic,
        Change.SetTopicPolicy, Change.SubscribeEmail {

    /** The IAM action that sends it, e.g. {@code logs:PutMetricFilter}. */
    String action();

    String region();

    /** The resource it creates or updates. */
    String target();

    /** Which controls need it, and what is broken. */
    String why();

    /** The request's parameters, in the API's own names, as they will be sent. */
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
        public String action() {
            return "logs:PutMetricFilter";
        }

        @Override
        public String target() {
            return "metric filter " + filterName + " on log group " + logGroupName;
        }

        @Override
        public Map<String, Object> request() {
            Map<String, Object> transformation = new LinkedHashMap<>();
            transformation.put("metricName", metricName);
            transformation.put("metricNamespace", metricNamespace);
            transformation.put("metricValue", "1");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("logGroupName", logGroupName);
            request.put("filterName", filterName);
            request.put("filterPattern", filterPattern);
            request.put("metricTransformations", List.of(transformation));
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
        public String action() {
            return "cloudwatch:PutMetricAlarm";
        }

        @Override
        public String target() {
            return "alarm " + alarmName;
        }

        @Override
        public Map<String, Object> request() {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("alarmName", alarmName);
            request.put("alarmDescription", "cis-sentinel: " + controlId + " (one matching CloudTrail event)");
            request.put("namespace", metricNamespace);
            request.put("metricName", metricName);
            request.put("statistic", "Sum");
            request.put("period", 300);
            request.put("evaluationPeriods", 1);
            request.put("datapointsToAlarm", 1);
            request.put("threshold", 1.0);
            request.put("comparisonOperator", "GreaterThanOrEqualToThreshold");
            request.put("treatMissingData", "notBreaching");
            request.put("actionsEnabled", true);
            request.put("alarmActions", List.of(topicArn));
            request.put("tags", Plan.tags(controlId));
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
        public String action() {
            return "sns:CreateTopic";
        }

        @Override
        public String target() {
            return "SNS topic " + topicArn;
        }

        @Override
        public Map<String, Object> request() {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", name);
            request.put("tags", Plan.tags("all"));
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
        public String action() {
            return "sns:SetTopicAttributes";
        }

        @Override
        public String target() {
            return "policy of SNS topic " + topicArn;
        }

        @Override
        public Map<String, Object> request() {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("topicArn", topicArn);
            request.put("attributeName", "Policy");
            request.put("attributeValue", policy());
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
        public String action() {
            return "sns:Subscribe";
        }

        @Override
        public String target() {
            return "email subscription of " + Plan.maskEmail(email) + " to " + topicArn;
        }

        @Override
        public Map<String, Object> request() {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("topicArn", topicArn);
            request.put("protocol", "email");
            request.put("endpoint", Plan.maskEmail(email));
            return request;
        }
    }
}
