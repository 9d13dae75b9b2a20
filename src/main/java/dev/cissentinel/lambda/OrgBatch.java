package dev.cissentinel.lambda;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.FleetInput;
import dev.cissentinel.scan.FleetPorts;
import dev.cissentinel.scan.FleetRequest;
import dev.cissentinel.scan.FleetScan;
import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.TargetReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;


/**
 * The function's organization mode, driven by the template's Step Functions state machine (template.yaml,
 * OrganizationStateMachine): {@code {"listTargets": {"accounts": ""}}} answers the accounts to scan
 * ({@code {"accounts": [{"account": "111111111111"}, …]}}: the listed ones, or, when blank, the organization's
 * ACTIVE accounts); the state machine's Distributed Map then hands batches of them back, with the organization
 * settings as the batch input ({@code {"Items": [{"account": …}, …], "BatchInput": {"roleName": …}}}, the shape
 * its ItemBatcher sends: https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html), and
 * each batch is scanned as {@code scan --accounts … --role-name … --regions …} would, through {@link FleetScan}.
 * Items are accounts, not account-region pairs, so a 1,000-account list stays far below Step Functions' 256 KB
 * payload.
 *
 * <p>The settings travel in the events, not the function's environment: the state machine's definition holds them,
 * so changing them changes no function version. {@code BatchInput}: {@code roleName} (required),
 * {@code linkRoleName} (default: the role), {@code externalId}, {@code regions} (names or {@code all}; blank: the
 * function's region), {@code concurrency} (default 8); each checked as the command line's flags are.
 *
 * <p>A batch never remediates (whatever the function's remediation mode) and owns only the findings of the controls
 * it judged; it runs only when the template's organization mode set {@value #MODE_VARIABLE}.
 */
final class OrgBatch {

    private static final Logger LOG = LoggerFactory.getLogger(OrgBatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** More than the template's MaxItemsPerBatch; a bigger batch could not finish in 15 minutes. */
    static final int MAX_ITEMS = 100;
    private static final Set<String> BATCH_FIELDS = Set.of("Items", "BatchInput");
    /** How long one target of a batch may read. */
    static final Duration TARGET_READ = Duration.ofSeconds(30);
    /** Beyond its reading, what judging and publishing one target may take before it is given up. */
    static final Duration TARGET_GRACE = Duration.ofSeconds(30);

    private static final Set<String> SETTINGS = Set.of("roleName", "linkRoleName", "externalId", "regions",
            "concurrency");

    /** A batch's organization settings ({@code BatchInput}). */
    record Settings(String role, Optional<String> linkRole, Optional<String> externalId,
            FleetRequest.Regions regions, int concurrency) {

        static Settings from(JsonNode input, Region home) {
            if (input == null || !input.isObject()) {
                throw new ConfigurationException("a batch event needs BatchInput, an object with roleName");
            }
            List<String> unknown = new ArrayList<>();
            input.fieldNames().forEachRemaining(name -> {
                if (!SETTINGS.contains(name)) {
                    unknown.add(Quote.bare(name));
                }
            });
            if (!unknown.isEmpty()) {
                throw new ConfigurationException("unknown field(s) " + unknown.stream().limit(5).toList()
                        + " in BatchInput; it may have " + new java.util.TreeSet<>(SETTINGS));
            }
            String role = FleetInput.roleName("BatchInput.roleName", text(input, "roleName")).orElseThrow(
                    () -> new ConfigurationException("BatchInput.roleName is required: the role to assume"));
            Optional<String> link = FleetInput.roleName("BatchInput.linkRoleName", text(input, "linkRoleName"));
            Optional<String> external = FleetInput.externalId(text(input, "externalId"));
            String regions = text(input, "regions");
            FleetRequest.Regions which = regions == null ? new FleetRequest.Regions.Listed(List.of(home))
                    : FleetInput.regions(regions);
            return new Settings(role, link.or(() -> Optional.of(role)), external, which,
                    FleetInput.concurrency(text(input, "concurrency")));
        }
    }

    /** The environment variable the template sets to {@code on} only in organization mode (OrganizationOn). */
    static final String MODE_VARIABLE = "ORGANIZATION_MODE";

    private final boolean enabled;
    private final java.util.function.Function<Settings, FleetPorts> connect;

    /**
     * @param connect the ports for a batch's settings, made afresh for each batch and closed after it: their role
     *     sessions, remembered refusals and links read in other accounts last one invocation, so a later run of a
     *     warm environment reads every account and owner chain again instead of judging from stale reads
     */
    OrgBatch(Map<String, String> env, java.util.function.Function<Settings, FleetPorts> connect) {
        this.enabled = "on".equals(env.get(MODE_VARIABLE));
        this.connect = connect;
    }

    /** Whether {@code event} is one of this mode's: a batch of targets or the request to list them. */
    static boolean handles(JsonNode event) {
        return event != null && event.isObject() && (event.has("Items") || event.has("listTargets"));
    }

    /**
     * Answers {@code event}.
     *
     * @param base the configured request (controls, pattern mode, publishing, remediation), home region included
     * @param budget how long reading may take in all, the invocation's remaining time less the finishing margin
     * @throws ConfigurationException for a malformed event, or when organization mode is off
     *     ({@value #MODE_VARIABLE} is not {@code on}), before any AWS call
     * @throws IllegalStateException after logging, when some target of the batch could not be scanned
     */
    JsonNode answer(JsonNode event, ScanRequest base, Duration budget, FleetPorts caller) {
        if (!enabled) {
            throw new ConfigurationException("an organization event (listTargets, or a batch of Items) needs "
                    + "organization mode: deploy the stack with OrganizationRoleName, which sets " + MODE_VARIABLE
                    + "=on");
        }
        Region home = base.target().region();
        if (event.has("listTargets")) {
            JsonNode listing = event.get("listTargets");
            if (event.size() != 1 || !listing.isObject() || listing.size() > 1
                    || listing.size() == 1 && !listing.path("accounts").isTextual()) {
                throw new ConfigurationException("a target listing event is {\"listTargets\": {\"accounts\": "
                        + "\"<ids, or blank for the organization's>\"}}");
            }
            String listed = text(listing, "accounts");
            List<String> accounts = listed == null ? caller.organizationAccounts(home) : FleetInput.accounts(listed);
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("accounts");
            accounts.forEach(account -> items.addObject().put("account", account));
            LOG.info("organization targets listed", entry("accounts", accounts.size()));
            return out;
        }
        List<String> accounts = items(event);
        Settings settings = Settings.from(event.get("BatchInput"), home);
        try (FleetPorts ports = connect.apply(settings)) {
            return scan(accounts, settings, base, budget, ports);
        }
    }

    private static JsonNode scan(List<String> accounts, Settings settings, ScanRequest base, Duration budget,
            FleetPorts ports) {
        // Each target reads for at most TARGET_READ (a target takes seconds; a throttled one must not hold the
        // batch), and none starts that could not finish within the invocation's budget.
        Duration read = budget.compareTo(TARGET_READ) < 0 ? budget : TARGET_READ;
        Duration perTarget = read.plus(TARGET_GRACE);
        // A batch never remediates a member account (remediate members with the CLI: README, "Deployed for the
        // organization"), and owns only the findings of the controls it judged: it never archives a member's
        // findings of other controls, which another deployment or run in that account may own.
        ScanRequest batch = base.withControls(base.controls(), FindingScope.JUDGED)
                .withRemediation(RemediationOptions.off()).withTimeout(read);
        FleetRequest request = new FleetRequest(batch, new FleetRequest.Accounts.Listed(accounts),
                settings.regions(), Optional.of(settings.role()), settings.concurrency(), perTarget,
                Clock.systemUTC().instant().plus(budget).minus(perTarget));
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0);
        }
        List<TargetReport> failed = new ArrayList<>();
        int[] totals = new int[3];
        new FleetScan(ports, Clock.systemUTC()).execute(request, report -> {
            totals[0]++;
            report.result().ifPresent(result -> result.counts().forEach((status, n) -> counts.merge(status, n,
                    Integer::sum)));
            report.outcome().flatMap(ScanOutcome::published).ifPresent(published -> {
                totals[1] += published.imported();
                totals[2] += published.failed().size();
            });
            if (report.error().isPresent()) {
                failed.add(report);
            }
            LOG.info("target scanned", entry("accountId", report.accountId()),
                    entry("region", report.target().region().id()),
                    entry("counts", report.result().map(r -> r.counts().toString()).orElse("-")),
                    entry("targetError", report.error().orElse("")),
                    entry("unpublished", report.unpublished().orElse("")));
        });
        ObjectNode summary = JSON.createObjectNode();
        summary.put("accounts", accounts.size());
        summary.put("targets", totals[0]);
        ObjectNode countNode = summary.putObject("counts");
        counts.forEach((status, n) -> countNode.put(status.name(), n));
        summary.putObject("findings").put("imported", totals[1]).put("failed", totals[2]);
        ArrayNode notScanned = summary.putArray("notScanned");
        failed.forEach(report -> notScanned.addObject().put("account", report.accountId())
                .put("region", report.target().region().id()).put("error", report.error().get()));
        LOG.info("organization batch finished", entry("summary", summary.toString()));
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " target(s) of the batch could not be scanned: "
                    + notScanned);
        }
        return summary;
    }

    /** The accounts of a Distributed Map batch: {@code Items}, each {@code {"account": "<12 digits>"}}. */
    static List<String> items(JsonNode event) {
        List<String> unknown = new ArrayList<>();
        event.fieldNames().forEachRemaining(name -> {
            if (!BATCH_FIELDS.contains(name)) {
                unknown.add(Quote.bare(name));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("unknown field(s) " + unknown.stream().limit(5).toList()
                    + " in a batch event; it has Items and, optionally, BatchInput");
        }
        JsonNode items = event.get("Items");
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new ConfigurationException("a batch event's Items must be a list of 1 to " + MAX_ITEMS
                    + " accounts");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode account = item.path("account");
            if (!item.isObject() || item.size() != 1 || !account.isTextual()) {
                throw new ConfigurationException("each of a batch's Items is {\"account\": \"<12 digits>\"}, not "
                        + Quote.of(item.toString()));
            }
            ids.add(account.asText());
        }
        return FleetInput.accounts(String.join(",", ids));
    }

    /** A string field; null when absent or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ConfigurationException(field + " must be a string, not " + Quote.of(value.toString()));
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
