package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.controls.LinkEvents;
import dev.cissentinel.controls.LinkEvents.LinkEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Re-check on change in template.yaml and template-forwarder.yaml: the rule matches exactly the watched rows of
 * {@link LinkEvents} (the drift test), bursts wait in a queue and reach the function coalesced, and re-checks never
 * count as scheduled runs.
 */
class RecheckTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final SamTemplate FORWARDER = SamTemplate.load(Path.of("template-forwarder.yaml"));
    private static final Map<String, String> OFF = Map.of("RecheckOnChange", "false");

    @Test
    void rulePattern_isExactlyTheWatchedRowsOfTheTable() {
        JsonNode pattern = TEMPLATE.resource("ChangeRule").path("Properties").path("EventPattern");
        JsonNode detail = pattern.path("detail");

        assertThat(SamTemplate.texts(pattern.path("detail-type"))).containsExactly("AWS API Call via CloudTrail");
        assertThat(new TreeSet<>(SamTemplate.texts(detail.path("eventSource")))).isEqualTo(LinkEvents.watched()
                .stream().map(LinkEvent::eventSource).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(SamTemplate.texts(detail.path("eventName"))).containsExactlyInAnyOrderElementsOf(
                LinkEvents.watched().stream().map(LinkEvent::eventName).toList());
        // Every pair the two lists allow is a row or no AWS API at all: no watched name belongs to two sources
        // (LinkEventsTest), so the rule matches no call the table leaves out.
        for (String source : SamTemplate.texts(detail.path("eventSource"))) {
            for (String name : SamTemplate.texts(detail.path("eventName"))) {
                boolean row = LinkEvents.watched(source, name).isPresent();
                boolean elsewhere = LinkEvents.watched().stream().anyMatch(r -> r.eventName().equals(name)
                        && !r.eventSource().equals(source));
                assertThat(row || elsewhere).as("%s %s", source, name).isTrue();
            }
        }
        // A call that failed changed nothing: not matched, not delivered, not paid for.
        assertThat(detail.path("errorCode").get(0).path("exists").asBoolean(true)).isFalse();
        assertThat(detail.size()).isEqualTo(3);
        assertThat(pattern.size()).isEqualTo(2);
    }

    @Test
    void forwarderPattern_isTheRulesPattern_sentToTheScanningRegionsBus() {
        JsonNode forward = FORWARDER.resource("ForwardRule").path("Properties");

        assertThat(forward.path("EventPattern")).isEqualTo(TEMPLATE.resource("ChangeRule").path("Properties")
                .path("EventPattern"));
        assertThat(forward.path("EventBusName").asText()).isEqualTo("default");
        JsonNode target = forward.path("Targets").get(0);
        assertThat(target.path("Arn")).isEqualTo(SamTemplate.ref("ScanningEventBusArn"));
        assertThat(target.path("RoleArn")).isEqualTo(SamTemplate.getAtt("ForwardRole", "Arn"));
        JsonNode statement = FORWARDER.resource("ForwardRole").path("Properties").path("Policies").get(0)
                .path("PolicyDocument").path("Statement");
        assertThat(statement).singleElement().satisfies(grant -> {
            assertThat(SamTemplate.texts(grant.path("Action"))).containsExactly("events:PutEvents");
            assertThat(grant.path("Resource")).isEqualTo(SamTemplate.ref("ScanningEventBusArn"));
        });
        assertThat(FORWARDER.root().has("Transform")).isFalse();
    }

    @Test
    void rule_sendsToTheQueue_whichOnlyItMayWriteTo_andFailuresReachTheFailureQueue() {
        JsonNode rule = TEMPLATE.resource("ChangeRule").path("Properties");
        JsonNode target = rule.path("Targets").get(0);
        assertThat(rule.path("EventBusName").asText()).isEqualTo("default");
        assertThat(target.path("Arn")).isEqualTo(SamTemplate.getAtt("ChangeQueue", "Arn"));
        assertThat(target.path("DeadLetterConfig").path("Arn")).isEqualTo(SamTemplate.getAtt("FailureQueue", "Arn"));

        for (String policy : List.of("ChangeQueuePolicy", "FailureQueuePolicy")) {
            JsonNode statement = TEMPLATE.resource(policy).path("Properties").path("PolicyDocument")
                    .path("Statement");
            assertThat(statement).as(policy).singleElement().satisfies(grant -> {
                assertThat(grant.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
                assertThat(SamTemplate.texts(grant.path("Action"))).containsExactly("sqs:SendMessage");
                assertThat(grant.path("Condition").path("ArnEquals").path("aws:SourceArn"))
                        .isEqualTo(SamTemplate.getAtt("ChangeRule", "Arn"));
            });
        }
        JsonNode queue = TEMPLATE.resource("ChangeQueue").path("Properties");
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn")).isEqualTo(SamTemplate.getAtt(
                "FailureQueue", "Arn"));
        // Lambda refuses a source queue whose visibility timeout is shorter than the function's timeout.
        assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(
                6 * TEMPLATE.function().path("Timeout").asInt());
    }

    @Test
    void mapping_coalescesBatches_intoTheRecheckAlias_atMostTwoAtOnce() {
        JsonNode mapping = TEMPLATE.resource("ChangeQueueMapping").path("Properties");

        assertThat(mapping.path("EventSourceArn")).isEqualTo(SamTemplate.getAtt("ChangeQueue", "Arn"));
        assertThat(mapping.path("FunctionName")).isEqualTo(SamTemplate.ref("RecheckAlias"));
        assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(20);
        assertThat(mapping.path("BatchSize").asInt()).isGreaterThan(10);
        assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(2);
        assertThat(SamTemplate.texts(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        JsonNode alias = TEMPLATE.resource("RecheckAlias").path("Properties");
        assertThat(alias.path("Name").asText()).isEqualTo("recheck");
        assertThat(alias.path("FunctionName")).isEqualTo(SamTemplate.ref(SamTemplate.FUNCTION));
    }

    @Test
    void recheckOnChange_onByDefault_offRemovesEveryResourceOfIt() {
        assertThat(TEMPLATE.parameter("RecheckOnChange").path("Default").asText()).isEqualTo("true");
        for (String resource : List.of("ChangeRule", "ChangeQueue", "ChangeQueuePolicy", "FailureQueuePolicy",
                "RecheckAlias", "ChangeQueueMapping")) {
            String condition = TEMPLATE.resource(resource).path("Condition").asText();
            assertThat(condition).as(resource).isEqualTo("RecheckOn");
            assertThat(TEMPLATE.condition(condition, Map.of())).isTrue();
            assertThat(TEMPLATE.condition(condition, OFF)).isFalse();
        }
    }

    @Test
    void oneReservedRun_isRefusedWithRecheck_sinceTheQueueInvokesTwoAtOnce() {
        assertThat(TEMPLATE.rulesAccept(Map.of("ReservedConcurrency", "1"))).isFalse();
        assertThat(TEMPLATE.rulesAccept(Map.of("ReservedConcurrency", "1", "RecheckOnChange", "false"))).isTrue();
        assertThat(TEMPLATE.rulesAccept(Map.of())).isTrue();
    }

    @Test
    void missedRunAlarm_countsOnlyTheSchedulesAlias_notReChecks() {
        JsonNode metrics = TEMPLATE.resource("MissedRunsAlarm").path("Properties").path("Metrics");
        for (JsonNode query : metrics) {
            if (query.has("MetricStat")) {
                JsonNode dimensions = query.path("MetricStat").path("Metric").path("Dimensions");
                Set<String> names = new TreeSet<>();
                dimensions.forEach(dimension -> names.add(dimension.path("Name").asText()));
                assertThat(names).as(query.path("Id").asText()).containsExactly("FunctionName", "Resource");
                dimensions.forEach(dimension -> {
                    if (dimension.path("Name").asText().equals("Resource")) {
                        assertThat(TEMPLATE.resolve(dimension.path("Value"), Map.of()).asText())
                                .endsWith(":live");
                    }
                });
            }
        }
        // The schedule invokes the alias live.
        assertThat(SamTemplate.flatten(TEMPLATE.function().path("AutoPublishAlias"))).isEqualTo("live");
    }

    @Test
    void noNewGrantForTheCode_theFindingsReadIsPublishingsGetFindings() {
        assertThat(TEMPLATE.grantedActions(Map.of())).isEqualTo(TEMPLATE.grantedActions(OFF));
    }
}
