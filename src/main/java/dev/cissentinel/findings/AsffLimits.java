package dev.cissentinel.findings;

/**
 * ASFF length and count limits
 * (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html and
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-syntax.html): we truncate
 * with a marker rather than have Security Hub reject a finding.
 */
final class AsffLimits {

    static final int TITLE = 256;
    static final int DESCRIPTION = 1024;
    static final int RESOURCES = 32;
    static final int PRODUCT_FIELDS = 50;
    static final int PRODUCT_FIELD_KEY = 128;
    static final int PRODUCT_FIELD_VALUE = 2048;
    static final int OTHER_DETAILS_VALUE = 1023;
    static final int REASON_DESCRIPTION = 2048;
    static final String MARKER = " …[truncated]";

    private AsffLimits() {
    }

    /** {@code text} cut to {@code max} characters, ending with a marker when cut. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - MARKER.length()) + MARKER;
    }
}
