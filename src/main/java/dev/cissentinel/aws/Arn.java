package dev.cissentinel.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account-id:resource}. Pure parsing: the
 * evaluator uses it to find a log group's or topic's region and account, which come from the ARN and not
 * from where the scan runs.
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(resource, "resource");
    }

    /** Parses an ARN, or says why it is not one. */
    public static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()
                || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** Like {@link #parse} but for input that must be an ARN; the message says what was wrong. */
    public static Arn require(String text, String what) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(what + " is not an ARN: " + text));
    }

    /**
     * For a CloudWatch Logs group ARN ({@code log-group:NAME} or {@code log-group:NAME:*}), the group's name.
     */
    public Optional<String> logGroupName() {
        if (!service.equals("logs") || !resource.startsWith("log-group:")) {
            return Optional.empty();
        }
        String name = resource.substring("log-group:".length());
        if (name.endsWith(":*")) {
            name = name.substring(0, name.length() - 2);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
