package dev.cissentinel.controls;

/** A control's compliance status, spelled as ASFF's {@code Compliance.Status}. */
public enum Status {
    PASSED, FAILED, NOT_AVAILABLE
}
