package dev.cissentinel.controls;

import java.util.Objects;

/** A control and its verdict. */
public record ControlResult(Control control, Verdict verdict) {

    public ControlResult {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(verdict, "verdict");
    }

    public Status status() {
        return verdict.status();
    }
}
