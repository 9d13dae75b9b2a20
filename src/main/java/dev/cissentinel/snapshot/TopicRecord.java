package dev.cissentinel.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * An SNS topic an alarm notifies, as {@code ListSubscriptionsByTopic} (asked in the topic's region) saw it.
 *
 * @param exists false when SNS answered NotFound
 */
public record TopicRecord(String topicArn, boolean exists, List<SubscriptionRecord> subscriptions) {

    public TopicRecord {
        Objects.requireNonNull(topicArn, "topicArn");
        subscriptions = List.copyOf(subscriptions);
    }

    public long confirmedSubscriptions() {
        return subscriptions.stream().filter(SubscriptionRecord::confirmed).count();
    }
}
