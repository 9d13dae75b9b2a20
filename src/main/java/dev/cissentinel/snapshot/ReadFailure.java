package dev.cissentinel.snapshot;

import java.util.Objects;

/**
 * One AWS read that did not succeed: which API (IAM action), in which region, about which resource, and why
 * ({@link FailureCause}: AWS's error, or a read we did not attempt or finish).
 */
public record ReadFailure(String api, String region, String resource, FailureCause cause) {

    public ReadFailure {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(cause, "cause");
    }

    /** AWS's error code, or the name of our own cause ({@link FailureCause#code()}). */
    public String errorCode() {
        return cause.code();
    }

    /** AWS's message, or ours; may be empty. */
    public String message() {
        return cause.message();
    }

    /** One line a person can act on: the call, where, the error, and the message. */
    public String describe() {
        String message = message();
        return api + " on " + resource + " in " + region + " failed: " + errorCode()
                + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
