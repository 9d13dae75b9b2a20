package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one rule evaluator and planner share: an alarm notifies SNS topics of its own region only. */
class TopicRegionTest {

    @Test
    void notifiable_topicInTheAlarmsRegion_true() {
        assertThat(TopicRegion.notifiable("eu-west-1", "arn:aws:sns:eu-west-1:123456789012:alerts")).isTrue();
    }

    @Test
    void notifiable_topicInAnotherRegionOrNotAnArn_false() {
        assertThat(TopicRegion.notifiable("eu-west-1", "arn:aws:sns:us-east-1:123456789012:alerts")).isFalse();
        assertThat(TopicRegion.notifiable("eu-west-1", "alerts")).isFalse();
        assertThat(TopicRegion.notifiable("", "arn:aws:sns:eu-west-1:123456789012:alerts")).isFalse();
    }

    @Test
    void why_namesBothRegions() {
        assertThat(TopicRegion.why("eu-west-1", "arn:aws:sns:us-east-1:123456789012:alerts"))
                .contains("is in us-east-1").contains("notifies SNS topics in eu-west-1 only");
    }
}
