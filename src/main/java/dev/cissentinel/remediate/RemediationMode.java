package dev.cissentinel.remediate;

import java.util.Locale;

/** Whether and how a scan repairs what it found: off (default), dry-run (print the plan), apply. */
public enum RemediationMode {
    OFF("off"), DRY_RUN("dry-run"), APPLY("apply");

    private final String text;

    RemediationMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Parses off / dry-run / apply (blank means off). */
    public static RemediationMode parse(String value) {
        if (value == null || value.isBlank()) {
            return OFF;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (RemediationMode mode : values()) {
            if (mode.text.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("remediation mode must be off, dry-run or apply, not '" + value + "'");
    }
}
