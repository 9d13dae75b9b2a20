package dev.cissentinel.snapshot;

import java.util.Objects;

/**
 * A subscription to a topic ({@code ListSubscriptionsByTopic}). Confirmed when its ARN is a real ARN: AWS
 * reports {@code PendingConfirmation} (or {@code Deleted}) for others.
 */
public record SubscriptionRecord(String subscriptionArn, String protocol, String endpoint) {

    public SubscriptionRecord {
        Objects.requireNonNull(subscriptionArn, "subscriptionArn");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public boolean confirmed() {
        return subscriptionArn.startsWith("arn:");
    }
}
