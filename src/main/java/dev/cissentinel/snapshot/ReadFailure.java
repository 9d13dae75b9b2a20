package dev.cissentinel.snapshot;

import java.util.Objects;

/**
 * One AWS read that did not succeed: which API, in which region, about which resource, and AWS's error code
 * (e.g. {@code AccessDeniedException}) or our own code for a read we did not attempt
 * ({@code CrossAccountResource}, {@code Deadline}).
 */
public record ReadFailure(String api, String region, String resource, String errorCode, String message) {

    public ReadFailure {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
    }

    /** One line a person can act on: the call, where, the error, and AWS's message. */
    public String describe() {
        return api + " on " + resource + " in " + region + " failed: " + errorCode
                + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
