package dev.cissentinel.lambda;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Status;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.publish.StoredFinding;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Change;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.FleetPorts;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.PlanJson;
import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanListener;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanPorts;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.scan.Target;
import dev.cissentinel.scan.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The Lambda entry point ({@code dev.cissentinel.lambda.ScanHandler::handleRequest}): a thin adapter that turns
 * the event and environment into a {@link ScanRequest}, runs the {@link Scan} the CLI runs, logs each verdict as
 * structured JSON, emits EMF metrics, and writes a JSON summary.
 *
 * <p>A stream handler, because the runtime's POJO serializer cannot read an EventBridge Scheduler event: its
 * default payload's {@code detail} is the string {@code "{}"}, which the runtime's {@code ScheduledEvent} mapping
 * (a map) refuses, and it would read {@code {}} or overrides as an all-null event (docs/architecture.md, "Triggers";
 * https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html, RequestStreamHandler). The SDK clients are
 * built in init, in the constructor ({@link LambdaClients}), as AWS advises
 * (https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/lambda-optimize-starttime.html), and reused by
 * every invocation; nothing SnapStart would freeze wrongly is made there: credentials are resolved and connections
 * opened by the first call, after any restore. With SnapStart, the snapshot is primed as well
 * ({@link #beforeCheckpoint}); without it, that hook never runs and init does only the above.
 */
public final class ScanHandler implements RequestStreamHandler, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(ScanHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Parses events: a parse error quotes at most {@value Quote#MAX_SHOWN} characters of a token and never the
     * event itself, which may be megabytes.
     */
    private static final ObjectMapper EVENT = new ObjectMapper(JsonFactory.builder()
            .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(Quote.MAX_SHOWN)
                    .maxRawContentLength(0).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build());
    private static final String PRIMING_EVENT = "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":"
            + "\"Scheduled Event\",\"source\":\"aws.scheduler\",\"detail\":\"{}\"}";

    private final HandlerConfig config;
    private final Supplier<Metrics> metrics;
    private final Supplier<ScanPorts> connect;
    private ScanPorts ports;
    /** Organization mode (template.yaml's state machine): each batch on fresh ports of its settings. */
    private final OrgBatch organization;

    /** What Lambda calls: configuration from the environment the template sets, validated now. */
    public ScanHandler() {
        this(System.getenv(), ScanHandler::emfMetrics);
        // Called back only where the JVM checkpoints (SnapStart); elsewhere registering does nothing.
        Core.getGlobalContext().register(this);
    }

    /**
     * The production ports ({@link LambdaClients}), built now, in init; an organization batch gets fresh ones on the
     * same credential sources, assuming its roles from them.
     */
    ScanHandler(Map<String, String> env, Supplier<Metrics> metrics) {
        this(HandlerConfig.from(env), env, metrics);
    }

    private ScanHandler(HandlerConfig config, Map<String, String> env, Supplier<Metrics> metrics) {
        this(config, env, metrics, () -> LambdaClients.ports(config.region(), Clock.systemUTC()),
                settings -> LambdaClients.ports(config.region(), Clock.systemUTC()).withRoles(
                        Optional.of(settings.role()), settings.linkRole(), settings.externalId(), config.region()));
        ports();
    }

    /** @param connect makes the scan's ports, once, on the first invocation that needs them */
    ScanHandler(Map<String, String> env, Supplier<Metrics> metrics, Supplier<ScanPorts> connect) {
        this(env, metrics, connect, settings -> {
            throw new IllegalStateException("no organization ports");
        });
    }

    /** @param connectFleet makes the organization mode's ports for one batch (closed after it) */
    ScanHandler(Map<String, String> env, Supplier<Metrics> metrics, Supplier<ScanPorts> connect,
            java.util.function.Function<OrgBatch.Settings, FleetPorts> connectFleet) {
        this(HandlerConfig.from(env), env, metrics, connect, connectFleet);
    }

    private ScanHandler(HandlerConfig config, Map<String, String> env, Supplier<Metrics> metrics,
            Supplier<ScanPorts> connect, java.util.function.Function<OrgBatch.Settings, FleetPorts> connectFleet) {
        this.config = config;
        this.metrics = metrics;
        this.connect = connect;
        this.organization = new OrgBatch(env, connectFleet);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PowertoolsLogging.withLogging(context, () -> {
            try {
                JsonNode summary = invoke(input, context);
                JSON.writeValue(output, summary);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    /**
     * SnapStart's runtime hook, once before the snapshot: runs the invocation's code paths without reaching AWS
     * ({@link SnapStartPriming}), so restored environments do not load and warm them on their first event.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        ScanResult primed = SnapStartPriming.prime(config);
        ScanRequest request = Invocation.request(JSON.readTree(PRIMING_EVENT), config);
        JSON.writeValueAsBytes(summary(new ScanOutcome(primed, Optional.empty(), Optional.empty(), Optional.empty()),
                request));
    }

    /** Nothing to refresh: no client has resolved credentials or opened a connection before the snapshot. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /** Time kept back from the Lambda's remaining time to judge, publish and answer after reading stops. */
    static final Duration FINISH_MARGIN = Duration.ofSeconds(30);

    private JsonNode invoke(InputStream input, Context context) throws IOException {
        JsonNode event = readEvent(input);
        if (OrgBatch.handles(event)) {
            return organization.answer(event, config.configured(), readingBudget(context), callerPorts());
        }
        if (Recheck.isBatch(event)) {
            return recheck(Recheck.batch(event), true, context);
        }
        if (ChangeEvent.isChange(event)) {
            return recheck(List.of(new Recheck.Message.Call("", ChangeEvent.parse(event))), false, context);
        }
        ScanRequest request = Invocation.request(event, config).withTimeout(readingBudget(context));
        logStart(request, config.region().id());
        Scan scan = new Scan(ports(), Clock.systemUTC());
        Metrics emf = metrics.get();
        try {
            ScanOutcome outcome = scan.execute(request, new LogListener());
            record(emf, outcome.result(), outcome.published().orElse(null));
            requirePublished(outcome);
            if (outcome.applyIncomplete()) {
                throw new IllegalStateException("remediation stopped: " + outcome.applied().get().failure());
            }
            return summary(outcome, request);
        } catch (PublishException e) {
            LOG.error("findings were not published", entry("failure", e.getMessage()));
            emf.addMetric("FindingsPublishFailed", 1, MetricUnit.COUNT);
            throw e;
        } finally {
            emf.flush();
        }
    }

    /**
     * Re-check on change: the messages' calls grouped by account (duplicates once), for each group the controls
     * its calls can change ({@link Recheck#select}, after one read of this tool's findings when a call names a
     * resource), and one scan of those controls that owns only their findings. Remediation never runs here: a
     * change-triggered run reports what changed, the schedule (or a person) remediates. A message that is not a
     * watched call is refused alone: in an SQS batch it is listed in {@code batchItemFailures}, so SQS delivers it
     * again and, after the queue's maxReceiveCount, moves it to the failure queue. An SQS batch is answered with the
     * partial batch response only; an event invoked directly with {@code rechecks} and {@code unrelated}. Calls made
     * in another account than the function's own are unrelated, with the reason. A group whose scan or publish
     * fails fails the invocation after the other groups ran, so the whole batch is delivered again (the scans are
     * idempotent) and the errors alarm fires.
     */
    private JsonNode recheck(List<Recheck.Message> messages, boolean batch, Context context) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (Recheck.Message message : messages) {
            if (message instanceof Recheck.Message.Refused refusal) {
                LOG.warn("change event refused", entry("messageId", refusal.messageId()),
                        entry("failure", refusal.error()));
                failures.addObject().put("itemIdentifier", refusal.messageId());
            }
        }
        // To an SQS batch the answer is exactly the partial batch response Lambda reads
        // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html): what the re-checks found
        // goes to the log. To an event invoked directly, the summary.
        ObjectNode details = batch ? JSON.createObjectNode() : response;
        if (!batch) {
            response.remove("batchItemFailures");
        }
        ArrayNode rechecks = details.putArray("rechecks");
        ArrayNode unrelated = details.putArray("unrelated");
        Metrics emf = metrics.get();
        RuntimeException failure = null;
        try {
            for (Recheck.Group group : Recheck.groups(messages)) {
                try {
                    recheck(group, context, emf, unrelated).ifPresent(rechecks::add);
                } catch (RuntimeException e) {
                    LOG.error("recheck failed", entry("account", group.account()), entry("failure", e.getMessage()));
                    failure = failure == null ? e : failure;
                }
            }
        } finally {
            emf.flush();
        }
        if (failure != null) {
            throw failure;
        }
        return response;
    }

    /** One group's re-check: its summary, or nothing when no call reached a control (each added to unrelated). */
    private Optional<ObjectNode> recheck(Recheck.Group group, Context context, Metrics emf, ArrayNode unrelated) {
        ScanRequest configured = config.configured();
        Target target = configured.target();
        // The scan judges the function's own account: a call made in another one (a misrouted forwarder, a bus
        // that takes other accounts' events) must not re-check, or be recorded as the trigger of, its findings.
        String own = ports().callerAccount(target.region()).orElseThrow(() -> new IllegalStateException(
                "could not tell this function's own account (sts:GetCallerIdentity) to compare with the events'"));
        if (!own.equals(group.account())) {
            String why = "account " + group.account() + " is not this function's account " + own
                    + ": only the function's own account is re-checked";
            for (ChangeEvent event : group.events()) {
                LOG.warn("change unrelated", entry("trigger", event.call().describe()),
                        entry("eventAccount", group.account()), entry("eventId", event.call().eventId()),
                        entry("why", why));
                call(unrelated.addObject(), event).put("account", group.account()).put("why", why);
            }
            emf.addMetric("ChangeEvents", group.events().size(), MetricUnit.COUNT);
            return Optional.empty();
        }
        List<StoredFinding> stored = group.needsFindings()
                ? ports().open(target).findings().stored(group.account(), target.region().id()) : List.of();
        Recheck.Selection selection = Recheck.select(group, configured.controls(), stored);
        List<ChangeEvent> reaching = new ArrayList<>();
        for (ChangeEvent event : group.events()) {
            List<String> reached = selection.reached().get(event);
            LOG.info(reached.isEmpty() ? "change unrelated" : "change", entry("trigger", event.call().describe()),
                    entry("eventName", event.call().eventName()), entry("eventId", event.call().eventId()),
                    entry("principalArn", event.call().principalArn()), entry("eventRegion", event.region()),
                    entry("controls", reached), entry("why", selection.why().get(event)));
            if (reached.isEmpty()) {
                call(unrelated.addObject(), event).put("why", selection.why().get(event));
            } else {
                reaching.add(event);
            }
        }
        emf.addMetric("ChangeEvents", group.events().size(), MetricUnit.COUNT);
        if (selection.controls().isEmpty()) {
            return Optional.empty();
        }
        // The calls that reached a control: what the findings record as having triggered their update.
        Trigger.Change trigger = new Trigger.Change(reaching.stream().map(ChangeEvent::call).toList());
        ScanRequest request = configured.withControls(selection.controls(), ScanRequest.ownedScope(true))
                .withRemediation(RemediationOptions.off()).withTrigger(trigger).withTimeout(readingBudget(context));
        logStart(request, target.region().id());
        ScanOutcome outcome = new Scan(ports(), Clock.systemUTC()).execute(request, new LogListener());
        record(emf, outcome.result(), outcome.published().orElse(null));
        requirePublished(outcome);
        // From the first call reaching a control to its finding published: CloudTrail's and EventBridge's delivery,
        // the batching window and this run together, the delay a deployment can watch (docs/benchmarks.md).
        Instant published = Instant.now();
        reaching.stream().map(ChangeEvent::madeAt).flatMap(Optional::stream).min(Instant::compareTo)
                .ifPresent(first -> emf.addMetric("ChangeToFindingDelay", Duration.between(first, published)
                        .toMillis(), MetricUnit.MILLISECONDS));
        ObjectNode summary = (ObjectNode) summary(outcome, request);
        summary.put("trigger", trigger.describe());
        ArrayNode events = summary.putArray("events");
        reaching.forEach(event -> call(events.addObject(), event));
        summary.put("findingsRead", group.needsFindings());
        LOG.info("recheck finished", entry("trigger", trigger.describe()), entry("verdicts", outcome.result()
                .results().stream().map(result -> result.control().id() + " " + result.status().name() + " "
                        + result.verdict().reason().name()).toList()));
        return Optional.of(summary);
    }

    private static void logStart(ScanRequest request, String region) {
        LOG.info("scan started", entry("trigger", request.trigger().describe()), entry("region", region),
                entry("controls", request.controls().stream().map(c -> c.id()).toList()),
                entry("patternMode", request.patternMode().name()),
                entry("findingScope", request.findingScope().name()));
    }

    /** A scan whose findings Security Hub did not all take fails the invocation, so the errors alarm sees it. */
    private static void requirePublished(ScanOutcome outcome) {
        if (outcome.publishIncomplete()) {
            throw new PublishException("Security Hub rejected " + outcome.published().get().failed().size()
                    + " finding(s) after retries: " + outcome.published().get().failed());
        }
    }

    private static ObjectNode call(ObjectNode node, ChangeEvent event) {
        return node.put("eventSource", event.call().eventSource()).put("eventName", event.call().eventName())
                .put("eventId", event.call().eventId()).put("principalArn", event.call().principalArn())
                .put("region", event.region()).put("eventTime", event.eventTime());
    }

    /** The Lambda's remaining time less the finishing margin, at least 5 s (a scan that cannot read judges nothing). */
    static Duration readingBudget(Context context) {
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration budget = remaining.minus(FINISH_MARGIN);
        return budget.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : budget;
    }

    /**
     * The event as exactly one JSON value, or a short error naming where it stops being one: content after the value
     * ({@code {} {}}, {@code {}x}) is refused, not ignored, since it would mean the sender meant something else.
     */
    static JsonNode readEvent(InputStream input) {
        byte[] bytes;
        try {
            bytes = input.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the event", e);
        }
        if (bytes.length == 0) {
            throw new ConfigurationException("the event is empty; send {} for a scan with the defaults");
        }
        try (JsonParser parser = EVENT.createParser(bytes)) {
            JsonNode event = EVENT.readTree(parser);
            if (event == null) {
                throw new ConfigurationException("the event holds no JSON value; send {} for a scan with the "
                        + "defaults");
            }
            JsonLocation end = parser.currentLocation();
            try {
                if (parser.nextToken() != null) {
                    throw new ConfigurationException(trailing(parser.currentTokenLocation()));
                }
            } catch (JsonProcessingException junk) {
                throw new ConfigurationException(trailing(end));
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("the event is not JSON" + where(e.getLocation()) + ": "
                    + Quote.message(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigurationException("the event is not JSON: " + Quote.message(e.getMessage()));
        }
    }

    private static String trailing(JsonLocation at) {
        return "the event is not one JSON value: content follows it" + where(at) + "; send exactly one JSON object";
    }

    private static String where(JsonLocation at) {
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The caller's own ports as {@link FleetPorts}, for listing the organization's accounts. */
    private FleetPorts callerPorts() {
        ScanPorts own = ports();
        if (own instanceof FleetPorts fleet) {
            return fleet;
        }
        throw new IllegalStateException("these ports cannot list an organization's accounts");
    }

    private synchronized ScanPorts ports() {
        if (ports == null) {
            ports = connect.get();
        }
        return ports;
    }

    /** Logs verdicts, the remediation plan and what apply sent, as they happen. */
    static final class LogListener implements ScanListener {
        @Override
        public void verdicts(ScanResult result) {
            logVerdicts(result);
        }

        @Override
        public void plan(Plan plan, RemediationMode mode) {
            for (Change change : plan.changes()) {
                LOG.info("remediation change", entry("mode", mode.text()), entry("action", change.action()),
                        entry("region", change.region()), entry("target", change.target()),
                        entry("why", change.why()));
            }
            for (Plan.Note note : plan.notes()) {
                LOG.info("remediation note", entry("control", note.controlId()), entry("note", note.message()));
            }
        }

        @Override
        public void applied(ApplyResult result) {
            LOG.info("remediation applied", entry("sent", result.applied().size()),
                    entry("notSent", result.notApplied().size()), entry("failure", result.failure()));
        }
    }

    private static void logVerdicts(ScanResult result) {
        for (ControlResult control : result.results()) {
            LOG.info("verdict", entry("control", control.control().id()),
                    entry("status", control.status().name()), entry("reason", control.verdict().reason().name()),
                    entry("chain", control.verdict().chain().describe()),
                    entry("explanation", control.verdict().explanation()),
                    entry("awsConfirmation", control.confirmation().map(c -> c.describe()).orElse("")));
        }
        LOG.info("scan finished", entry("accountId", result.accountId()), entry("region", result.region()),
                entry("counts", result.counts()), entry("awsCalls", result.awsCalls()),
                entry("durationMillis", result.duration().toMillis()));
    }

    private static void record(Metrics emf, ScanResult result, PublishResult published) {
        Map<Status, Integer> counts = result.counts();
        emf.addMetric("ControlsPassed", counts.get(Status.PASSED), MetricUnit.COUNT);
        emf.addMetric("ControlsFailed", counts.get(Status.FAILED), MetricUnit.COUNT);
        emf.addMetric("ControlsNotAvailable", counts.get(Status.NOT_AVAILABLE), MetricUnit.COUNT);
        emf.addMetric("AwsCalls", result.totalAwsCalls(), MetricUnit.COUNT);
        emf.addMetric("ScanDuration", result.duration().toMillis(), MetricUnit.MILLISECONDS);
        if (published != null) {
            emf.addMetric("FindingsPublished", published.imported(), MetricUnit.COUNT);
            emf.addMetric("FindingsFailed", published.failed().size(), MetricUnit.COUNT);
        }
    }

    private static JsonNode summary(ScanOutcome outcome, ScanRequest request) {
        ScanResult result = outcome.result();
        ObjectNode summary = JSON.createObjectNode();
        summary.put("accountId", result.accountId());
        summary.put("region", result.region());
        ObjectNode counts = summary.putObject("counts");
        result.counts().forEach((status, count) -> counts.put(status.name(), count));
        ArrayNode controls = summary.putArray("controls");
        for (ControlResult control : result.results()) {
            ObjectNode entry = controls.addObject().put("id", control.control().id())
                    .put("status", control.status().name()).put("reason", control.verdict().reason().name());
            control.confirmation().ifPresent(confirmation -> entry.put("awsConfirmation",
                    confirmation.outcome().name()));
        }
        outcome.published().ifPresent(published -> {
            ObjectNode findings = summary.putObject("findings");
            findings.put("imported", published.imported());
            findings.put("archived", published.archived());
            findings.put("failed", published.failed().size());
        });
        ObjectNode remediation = summary.putObject("remediation");
        remediation.put("mode", request.remediation().mode().text());
        ArrayNode actions = remediation.putArray("actions");
        outcome.plan().ifPresent(plan -> plan.changes().forEach(change -> actions.add(PlanJson.change(change))));
        ArrayNode notes = remediation.putArray("notes");
        outcome.plan().ifPresent(plan -> plan.notes().forEach(note -> notes.addObject()
                .put("control", note.controlId()).put("message", note.message())));
        outcome.applied().ifPresent(applied -> remediation.put("applied", applied.applied().size())
                .put("failure", applied.failure()));
        summary.put("awsCalls", result.totalAwsCalls());
        summary.put("durationMillis", result.duration().toMillis());
        return summary;
    }

    /** EMF metrics, namespace and service from Powertools' standard environment variables. */
    private static Metrics emfMetrics() {
        String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
        return MetricsBuilder.builder().withNamespace(namespace == null || namespace.isBlank() ? "cis-sentinel"
                : namespace).build();
    }
}
