package dev.cissentinel.remediate;

import java.util.Objects;

/**
 * What {@code GetTopicAttributes} said about the topic the user named, read before planning.
 *
 * @param kmsMasterKeyId empty when the topic is not encrypted
 * @param problem empty when the topic can be used; else why not (not found, access denied)
 */
public record TopicCheck(String topicArn, String kmsMasterKeyId, String problem) {

    public TopicCheck {
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(kmsMasterKeyId, "kmsMasterKeyId");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * CloudWatch cannot publish to a topic encrypted with the AWS managed key {@code alias/aws/sns}: its key
     * policy cannot be changed to let CloudWatch use it. A customer managed key can be (by its owner).
     */
    public boolean awsManagedKey() {
        return kmsMasterKeyId.equals("alias/aws/sns") || kmsMasterKeyId.endsWith(":alias/aws/sns");
    }
}
