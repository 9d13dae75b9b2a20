package dev.cissentinel.controls;

import dev.cissentinel.aws.Arn;

/**
 * The one rule for where an alarm's SNS topic may be, shared by the evaluator (an alarm whose topics are all
 * elsewhere is FAILED {@code ALARM_TOPIC_IN_OTHER_REGION}) and the remediation planner (it never points a new
 * alarm at a topic elsewhere).
 *
 * <p>A CloudWatch alarm notifies SNS topics in its own region only. AWS documents the action as
 * {@code arn:aws:sns:region:account-id:sns-topic-name} with the alarm's region
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html, AlarmActions), and
 * PutMetricAlarm refuses another region's topic with {@code ValidationError: Invalid region ca-central-1
 * specified. Only us-west-2 is supported.} (observed and quoted in cds-snc/notification-terraform pull request
 * 128). An alarm that names such a topic anyway (created before that check, or by an emulator) notifies nobody
 * there.
 */
public final class TopicRegion {

    private TopicRegion() {
    }

    /** Whether an alarm in {@code alarmRegion} can notify the SNS topic {@code topicArn}. */
    public static boolean notifiable(String alarmRegion, String topicArn) {
        return !alarmRegion.isEmpty() && alarmRegion.equals(of(topicArn));
    }

    /** The topic's region from its ARN; empty when the text is not an ARN with a region. */
    public static String of(String topicArn) {
        return Arn.parse(topicArn).map(Arn::region).orElse("");
    }

    /** Why an alarm in {@code alarmRegion} cannot notify {@code topicArn}, for explanations and plan notes. */
    public static String why(String alarmRegion, String topicArn) {
        String region = of(topicArn);
        return "topic " + topicArn + " is in " + (region.isEmpty() ? "no region" : region) + ", but a CloudWatch "
                + "alarm in " + alarmRegion + " notifies SNS topics in " + alarmRegion + " only";
    }
}
