package dev.cissentinel.scan;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.PatternMode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * What one scan does, validated before any AWS call: the CLI and the Lambda handler both build it with
 * {@link #parse}, so a bad value is a {@link ConfigurationException} with the same message everywhere.
 */
public record ScanSettings(Region region, List<Control> controls, PatternMode patternMode, boolean publish) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    public ScanSettings {
        Objects.requireNonNull(region, "region");
        controls = List.copyOf(controls);
        Objects.requireNonNull(patternMode, "patternMode");
    }

    /**
     * Parses raw values (flags or environment); null means the default.
     *
     * @param region e.g. {@code eu-west-1}
     * @param controls comma-separated control ids; blank for all
     * @param patternMode {@code semantic} or {@code exact}
     */
    public static ScanSettings parse(String region, String controls, String patternMode, boolean publish) {
        return new ScanSettings(region(region), controls(controls), patternMode(patternMode), publish);
    }

    public static Region region(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("no AWS region: pass --region or set AWS_REGION");
        }
        String trimmed = value.trim();
        if (!REGION.matcher(trimmed).matches()) {
            throw new ConfigurationException("'" + value + "' is not an AWS region name (like us-east-1)");
        }
        return Region.of(trimmed);
    }

    public static List<Control> controls(String value) {
        try {
            return ControlTable.select(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    public static PatternMode patternMode(String value) {
        if (value == null || value.isBlank()) {
            return PatternMode.SEMANTIC;
        }
        try {
            return PatternMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("pattern mode must be semantic or exact, not '" + value + "'");
        }
    }
}
