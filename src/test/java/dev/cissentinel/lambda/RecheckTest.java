package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Status;
import dev.cissentinel.publish.StoredFinding;
import dev.cissentinel.scan.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which controls a group of calls re-checks, and how a batch groups: pure, on the samples in events/. */
class RecheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALARM = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";
    private static final String GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail/management";

    @Test
    void trailCall_reachesEveryConfiguredControl_withoutReadingFindings() throws Exception {
        Recheck.Group group = group("cloudtrail-stop-logging.json");

        assertThat(group.needsFindings()).isFalse();
        assertThat(ids(Recheck.select(group, ControlTable.defaults(), List.of()).controls()))
                .containsExactly("CloudWatch.1", "CloudWatch.2", "CloudWatch.4", "CloudWatch.5", "CloudWatch.6");
        List<Control> two = List.of(control("CloudWatch.1"), control("CloudWatch.6"));
        assertThat(ids(Recheck.select(group, two, List.of()).controls())).containsExactly("CloudWatch.1",
                "CloudWatch.6");
    }

    @Test
    void deletedAlarm_reachesOnlyTheControlWhoseFindingNamesIt() throws Exception {
        Recheck.Group group = group("cloudtrail-delete-alarms.json");

        Recheck.Selection selection = Recheck.select(group, ControlTable.defaults(), allPassed());

        assertThat(group.needsFindings()).isTrue();
        assertThat(ids(selection.controls())).containsExactly("CloudWatch.4");
        assertThat(selection.why().get(group.events().get(0))).contains(ALARM + "IAMPolicyChangesAlarm");
    }

    @Test
    void unsubscribeFromTheSharedTopic_reachesEveryControlThatNotifiesIt() throws Exception {
        assertThat(ids(Recheck.select(group("cloudtrail-unsubscribe.json"), ControlTable.defaults(), allPassed())
                .controls())).hasSize(5);
    }

    @Test
    void unrelatedAlarm_reachesNothing_andSaysWhy() throws Exception {
        Recheck.Group group = group("cloudtrail-unrelated.json");

        Recheck.Selection selection = Recheck.select(group, ControlTable.defaults(), allPassed());

        assertThat(selection.controls()).isEmpty();
        assertThat(selection.why().get(group.events().get(0))).startsWith("unrelated: no finding names")
                .contains("checkout-api-p99-latency");
    }

    @Test
    void newAlarm_alsoReachesEveryControlThatIsNotPassed_soARepairIsSeen() throws Exception {
        ObjectNode event = (ObjectNode) ChangeEventTest.sample("cloudtrail-unrelated.json");
        ((ObjectNode) event.get("detail")).put("eventName", "PutMetricAlarm").set("requestParameters",
                JSON.createObjectNode().put("alarmName", "checkout-api-errors"));
        List<StoredFinding> stored = new ArrayList<>(allPassed());
        stored.set(2, new StoredFinding("CloudWatch.4", Status.FAILED, Set.of(GROUP)));
        stored.set(3, new StoredFinding("CloudWatch.5", Status.NOT_AVAILABLE, Set.of(GROUP)));

        Recheck.Group group = Recheck.groups(List.of(message("m", event))).get(0);

        assertThat(ids(Recheck.select(group, ControlTable.defaults(), stored).controls())).containsExactly(
                "CloudWatch.4", "CloudWatch.5");
        // With every control PASSED, an alarm no finding names changes nothing.
        assertThat(ids(Recheck.select(group, ControlTable.defaults(), allPassed()).controls())).isEmpty();
        // A control without a finding yet has not been judged: a new alarm may complete its chain.
        assertThat(ids(Recheck.select(group, ControlTable.defaults(), allPassed().subList(0, 4)).controls()))
                .containsExactly("CloudWatch.6");
    }

    @Test
    void deletedLogGroup_reachesTheControlsWhoseFiltersAreOnIt() throws Exception {
        JsonNode event = ChangeEventTest.call("logs.amazonaws.com", "DeleteLogGroup",
                JSON.createObjectNode().put("logGroupName", "cloudtrail/management"));
        ((ObjectNode) event.get("detail")).put("awsRegion", "us-east-1");
        List<StoredFinding> stored = List.of(new StoredFinding("CloudWatch.1", Status.PASSED, Set.of(GROUP
                + ":metric-filter:RootAccountUsage")), new StoredFinding("CloudWatch.2", Status.PASSED,
                Set.of(GROUP + "-other:metric-filter:X")));

        Recheck.Group group = Recheck.groups(List.of(message("m", event))).get(0);

        assertThat(ids(Recheck.select(group, ControlTable.defaults(), stored).controls()))
                .containsExactly("CloudWatch.1");
    }

    @Test
    void failedCall_reachesNothing_andNeedsNoRead() throws Exception {
        ObjectNode event = (ObjectNode) ChangeEventTest.sample("cloudtrail-stop-logging.json");
        ((ObjectNode) event.get("detail")).put("errorCode", "AccessDenied");

        Recheck.Group group = Recheck.groups(List.of(message("m", event))).get(0);

        assertThat(group.needsFindings()).isFalse();
        assertThat(Recheck.select(group, ControlTable.defaults(), List.of()).controls()).isEmpty();
    }

    @Test
    void sqsBatch_duplicatesCollapse_malformedBodiesAreMessagesWithAnError() throws Exception {
        ArrayNode records = (ArrayNode) ChangeEventTest.sample("cloudtrail-sqs-batch.json").get("Records");
        ObjectNode bad = ((ObjectNode) records.get(0).deepCopy()).put("messageId", "bad")
                .put("body", "{\"detail-type\": 1");
        records.add(bad);
        JsonNode batch = JSON.createObjectNode().set("Records", records);

        List<Recheck.Message> messages = Recheck.batch(batch);
        List<Recheck.Group> groups = Recheck.groups(messages);

        assertThat(Recheck.isBatch(batch)).isTrue();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(3)).isInstanceOfSatisfying(Recheck.Message.Refused.class, refused -> assertThat(
                refused.error()).startsWith("the event is not JSON"));
        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.events()).extracting(e -> e.call().eventId()).containsExactly(
                    "c2e4a6b8-3d5f-4b7a-9c1e-2d4f6a8b0c1d", "f4b6d8e0-5a7c-4e9b-9f3d-4c6e8a0b2d3f");
            assertThat(group.messageIds()).hasSize(3);
        });
        assertThat(ids(Recheck.select(groups.get(0), ControlTable.defaults(), allPassed()).controls()))
                .containsExactly("CloudWatch.4");
    }

    @Test
    void notAnSqsBatch_isAShortError() throws Exception {
        assertThatThrownBy(() -> Recheck.batch(JSON.readTree("{\"Records\": []}")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("an SQS batch needs Records as a non-empty list");
        assertThatThrownBy(() -> Recheck.batch(JSON.readTree("{\"Records\": [{\"body\": \"{}\"}]}")))
                .hasMessageStartingWith("Records[0] is not an SQS message");
        assertThat(Recheck.isBatch(JSON.readTree("{\"Records\": [], \"controls\": []}"))).isFalse();
    }

    /** Every control PASSED, each naming the trail, group, its filter and alarm, and the topic. */
    static List<StoredFinding> allPassed() {
        return ControlTable.defaults().stream().map(control -> new StoredFinding(control.id(), Status.PASSED, Set.of(
                "arn:aws:cloudtrail:us-east-1:123456789012:trail/management", GROUP,
                GROUP + ":metric-filter:" + control.metricName(), ALARM + control.metricName() + "Alarm", TOPIC)))
                .toList();
    }

    private static Recheck.Group group(String file) throws Exception {
        return Recheck.groups(List.of(message("m", ChangeEventTest.sample(file)))).get(0);
    }

    private static Recheck.Message message(String id, JsonNode event) {
        return new Recheck.Message.Call(id, ChangeEvent.parse(event));
    }

    private static Control control(String id) {
        return ControlTable.byId(id).orElseThrow();
    }

    private static List<String> ids(List<Control> controls) {
        return controls.stream().map(Control::id).toList();
    }
}
