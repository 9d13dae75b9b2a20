package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.LinkEvents.LinkEvent;
import dev.cissentinel.controls.LinkEvents.Reach;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of calls that break or repair a link: its invariants, which the trigger's rule relies on. */
class LinkEventsTest {

    @Test
    void everyRow_citesTheApiReferencePageOfItsAction() {
        assertThat(LinkEvents.all()).allSatisfy(row -> {
            assertThat(row.documentationUrl()).startsWith("https://docs.aws.amazon.com/")
                    .endsWith("/API_" + row.eventName() + ".html");
            assertThat(row.eventSource()).endsWith(".amazonaws.com");
        });
    }

    @Test
    void watchedNames_areUniqueAcrossSources_soTheRulesTwoListsMatchNoOtherPair() {
        // The rule matches eventSource in one list and eventName in another: any pair of the two. That pair is a
        // row only if no watched name belongs to two sources.
        Map<String, String> sourceByName = new HashMap<>();
        for (LinkEvent row : LinkEvents.watched()) {
            assertThat(sourceByName.put(row.eventName(), row.eventSource())).as(row.eventName()).isNull();
        }
    }

    @Test
    void watched_isEveryReadableRow_andTheLookupFindsOnlyThose() {
        assertThat(LinkEvents.watched()).allMatch(row -> row.reach().watched())
                .hasSize((int) LinkEvents.all().stream().filter(row -> row.reach() != Reach.NOT_READ).count());
        assertThat(LinkEvents.watched("cloudtrail.amazonaws.com", "StopLogging")).map(LinkEvent::reach)
                .contains(Reach.EVERY_CONTROL);
        assertThat(LinkEvents.watched("monitoring.amazonaws.com", "DeleteAlarms")).map(LinkEvent::reach)
                .contains(Reach.NAMED);
        assertThat(LinkEvents.watched("monitoring.amazonaws.com", "PutMetricAlarm")).map(LinkEvent::reach)
                .contains(Reach.NAMED_OR_NOT_PASSED);
        assertThat(LinkEvents.watched("kms.amazonaws.com", "DisableKey")).isEmpty();
        assertThat(LinkEvents.watched("sns.amazonaws.com", "Publish")).isEmpty();
        assertThat(LinkEvents.watched("logs.amazonaws.com", "StopLogging")).isEmpty();
    }

    @Test
    void theIssuesCalls_areAllInTheTable() {
        List<String> named = List.of("StopLogging", "StartLogging", "DeleteTrail", "UpdateTrail",
                "PutEventSelectors", "CreateTrail", "DeleteLogGroup", "DeleteMetricFilter", "PutMetricFilter",
                "DeleteAlarms", "PutMetricAlarm", "DisableAlarmActions", "EnableAlarmActions", "DeleteTopic",
                "Unsubscribe", "Subscribe", "ConfirmSubscription", "SetTopicAttributes", "SetSubscriptionAttributes",
                "DisableKey", "ScheduleKeyDeletion", "DeleteRole", "PutRolePolicy");
        assertThat(LinkEvents.all()).extracting(LinkEvent::eventName).containsAll(named);
        // Those the scan cannot see are written down, not watched.
        assertThat(LinkEvents.all()).filteredOn(row -> row.reach() == Reach.NOT_READ).extracting(LinkEvent::eventSource)
                .containsOnly("sns.amazonaws.com", "kms.amazonaws.com", "iam.amazonaws.com");
        assertThat(LinkEvents.watched()).extracting(LinkEvent::eventSource).containsOnly(
                "cloudtrail.amazonaws.com", "logs.amazonaws.com", "monitoring.amazonaws.com", "sns.amazonaws.com");
        assertThat(Set.copyOf(LinkEvents.all())).hasSameSizeAs(LinkEvents.all());
    }
}
