package dev.cissentinel.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * The checks of an organization scan's input (accounts, role names, external id, regions, concurrency), run before
 * any AWS call like {@link ScanInput}'s, with short messages that quote at most {@value Quote#MAX_SHOWN} characters.
 * Each check is linear in the length of its value.
 */
public final class FleetInput {

    /** IAM role names: 1–64 of letters, digits and {@code +=,.@_-} (IAM API reference, CreateRole, RoleName). */
    private static final int MAX_ROLE_NAME = 64;
    /** STS ExternalId: 2–1224 of letters, digits and {@code +=,.@:/-} plus {@code _} (AssumeRole, ExternalId). */
    private static final int MIN_EXTERNAL_ID = 2;
    private static final int MAX_EXTERNAL_ID = 1224;
    /** More than any organization holds (the largest quota AWS grants is in the thousands). */
    static final int MAX_ACCOUNTS = 10_000;
    static final int MAX_CONCURRENCY = 64;

    private FleetInput() {
    }

    /** {@code --accounts}: comma-separated 12-digit ids, duplicates dropped, order kept. */
    public static List<String> accounts(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("--accounts needs at least one 12-digit account id");
        }
        if (value.length() > MAX_ACCOUNTS * 14) {
            throw new ConfigurationException("--accounts takes at most " + MAX_ACCOUNTS + " accounts");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String id = part.trim();
            if (id.length() != 12 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ConfigurationException("an account id has 12 digits, not " + Quote.of(part));
            }
            ids.add(id);
        }
        if (ids.size() > MAX_ACCOUNTS) {
            throw new ConfigurationException("--accounts takes at most " + MAX_ACCOUNTS + " accounts");
        }
        return new ArrayList<>(ids);
    }

    /** A role name ({@code --role-name}, {@code --link-role-name}); blank is none. */
    public static Optional<String> roleName(String flag, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim();
        boolean valid = !name.isEmpty() && name.length() <= MAX_ROLE_NAME
                && name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "+=,.@_-".indexOf(c) >= 0);
        if (!valid) {
            throw new ConfigurationException(flag + " must be an IAM role name (1-64 letters, digits and +=,.@_-), "
                    + "not " + Quote.of(value));
        }
        return Optional.of(name);
    }

    /** {@code --external-id}; blank is none. */
    public static Optional<String> externalId(String value) {
        if (value == null) {
            return Optional.empty();
        }
        boolean valid = value.length() >= MIN_EXTERNAL_ID && value.length() <= MAX_EXTERNAL_ID
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "+=,.@:/_-".indexOf(c) >= 0);
        if (!valid) {
            throw new ConfigurationException("--external-id must be 2-1224 letters, digits and +=,.@:/_-, not "
                    + Quote.of(value));
        }
        return Optional.of(value);
    }

    /** {@code --regions}: {@code all}, or comma-separated region names (duplicates dropped, order kept). */
    public static FleetRequest.Regions regions(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("--regions needs region names (us-east-1,eu-west-1) or all");
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("all")) {
            return new FleetRequest.Regions.Enabled();
        }
        if (value.length() > 4096) {
            throw new ConfigurationException("--regions is too long; give region names or all");
        }
        Set<Region> regions = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            try {
                regions.add(ScanInput.region(part));
            } catch (ConfigurationException e) {
                throw new ConfigurationException("--regions: " + (part.isBlank() ? "an empty region name"
                        : Quote.of(part) + " is not an AWS region name (like us-east-1)"));
            }
        }
        return new FleetRequest.Regions.Listed(new ArrayList<>(regions));
    }

    /** {@code --concurrency}: 1 to {@value #MAX_CONCURRENCY} targets in flight. */
    public static int concurrency(String value) {
        if (value == null || value.isBlank()) {
            return FleetRequest.DEFAULT_CONCURRENCY;
        }
        String text = value.trim();
        if (text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_CONCURRENCY) {
            throw new ConfigurationException("--concurrency must be a number from 1 to " + MAX_CONCURRENCY + ", not "
                    + Quote.of(value));
        }
        return Integer.parseInt(text);
    }
}
