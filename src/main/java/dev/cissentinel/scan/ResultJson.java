package dev.cissentinel.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.CisVersions;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.snapshot.ReadFailure;
import java.util.Optional;

/**
 * The scan result as JSON ({@code scan --format json}, the Lambda's logs). Field names are a stable
 * interface, documented in the README: add fields, never rename them.
 */
public final class ResultJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {
    }

    public static ObjectNode of(ScanResult result) {
        ObjectNode root = NODES.objectNode();
        root.put("accountId", result.accountId());
        root.put("region", result.region());
        root.put("startedAt", result.startedAt().toString());
        root.put("durationMillis", result.duration().toMillis());
        ObjectNode summary = root.putObject("summary");
        result.counts().forEach((status, count) -> summary.put(status.name(), count));
        ArrayNode controls = root.putArray("controls");
        result.results().forEach(control -> controls.add(control(control)));
        ObjectNode calls = root.putObject("awsCalls");
        calls.put("total", result.totalAwsCalls());
        ObjectNode byApi = calls.putObject("byApi");
        result.awsCalls().forEach(byApi::put);
        return root;
    }

    public static ObjectNode control(ControlResult result) {
        Verdict verdict = result.verdict();
        ObjectNode node = NODES.objectNode();
        node.put("id", result.control().id());
        node.put("title", result.control().title());
        // "v1.2": "3.3", "v1.4": "4.3", ... "v7.0": "5.3": every CIS version that has the recommendation, keyed by
        // major.minor (v4.0 is v4.0.1), as the two keys this object always had.
        ObjectNode cis = node.putObject("cis");
        CisVersions.numbers(result.control().id()).forEach((version, number) -> cis.put(
                version.substring(0, version.lastIndexOf('.')), number));
        node.put("status", verdict.status().name());
        node.put("reason", verdict.reason().name());
        node.put("explanation", verdict.explanation());
        // Beside PASSED only: whether the passing filter also matches ordinary events (Noise), with one of them.
        if (verdict.status() == Status.PASSED) {
            var noisy = result.noisyExample();
            node.put("noisy", noisy.isPresent());
            noisy.ifPresent(event -> node.set("noisyExample", event));
        }
        ArrayNode chain = node.putArray("chain");
        for (Link link : verdict.chain().links()) {
            ObjectNode linkNode = chain.addObject();
            linkNode.put("kind", link.kind().name());
            linkNode.put("name", link.name());
            linkNode.put("id", link.id());
            linkNode.put("region", link.region());
            ObjectNode attributes = linkNode.putObject("attributes");
            link.attributes().forEach(attributes::put);
        }
        verdict.counterexample().ifPresent(event -> node.set("counterexample", event.deepCopy()));
        verdict.failure().ifPresent(failure -> node.set("readFailure", failure(failure)));
        result.confirmation().ifPresent(confirmation -> node.set("awsConfirmation", confirmation(confirmation)));
        return node;
    }

    /** What AWS's TestMetricFilter said ({@code --confirm-with-aws}); the event as JSON when it is JSON. */
    static ObjectNode confirmation(AwsConfirmation confirmation) {
        ObjectNode node = NODES.objectNode();
        node.put("outcome", confirmation.outcome().name());
        node.put("api", AwsConfirmation.API);
        node.put("region", confirmation.region());
        node.put("filterName", confirmation.filterName());
        node.put("filterPattern", confirmation.filterPattern());
        try {
            node.set("event", MAPPER.readTree(confirmation.event()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            node.put("event", confirmation.event());
        }
        node.put("cisSentinel", confirmation.cisSentinelAnswer());
        if (confirmation.outcome() == AwsConfirmation.Outcome.UNANSWERED) {
            node.putNull("aws");
        } else {
            node.put("aws", confirmation.awsAnswer());
        }
        node.put("detail", confirmation.detail());
        return node;
    }

    private static ObjectNode failure(ReadFailure failure) {
        ObjectNode node = NODES.objectNode();
        node.put("api", failure.api());
        node.put("region", failure.region());
        node.put("resource", failure.resource());
        node.put("errorCode", failure.errorCode());
        node.put("message", failure.message());
        return node;
    }

    public static String pretty(ScanResult result) {
        return pretty(of(result));
    }

    /**
     * The {@code --format json} document: {@link #of} the final verdicts, with a {@code remediation} field when the
     * scan planned one ({@link PlanJson}).
     */
    static JsonNode document(ScanResult result, RemediationMode mode, Optional<ScanOutcome> outcome) {
        ObjectNode root = of(result);
        outcome.flatMap(ScanOutcome::plan).ifPresent(plan -> root.set("remediation", PlanJson.of(mode, plan,
                outcome.get().applied())));
        return root;
    }

    public static String pretty(JsonNode root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
