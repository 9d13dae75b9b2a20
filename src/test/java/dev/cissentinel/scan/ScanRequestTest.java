package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.publish.FindingScope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The one request a scan runs: its defaults, the rule for which findings it owns, and its own checks. */
class ScanRequestTest {

    @Test
    void parse_defaults_allControlsSemanticOneCallerTargetOwningAll() {
        ScanRequest request = ScanRequest.parse("eu-west-1", null, null, true);

        assertThat(request.targets()).containsExactly(Target.caller(Region.EU_WEST_1));
        assertThat(request.target().account()).isEqualTo(TargetAccount.CALLER);
        assertThat(request.controls()).isEqualTo(ControlTable.defaults());
        assertThat(request.patternMode()).isEqualTo(PatternMode.SEMANTIC);
        assertThat(request.findingScope()).isEqualTo(FindingScope.ALL);
        assertThat(request.trigger().describe()).isEqualTo("cli");
        assertThat(request.timeout()).isEqualTo(ScanRequest.NO_TIMEOUT);
    }

    @Test
    void parse_namedControls_ownsOnlyTheirFindings() {
        ScanRequest request = ScanRequest.parse("eu-west-1", "CloudWatch.4", null, true);

        assertThat(request.controls()).extracting(Control::id).containsExactly("CloudWatch.4");
        assertThat(request.findingScope()).isEqualTo(FindingScope.JUDGED);
        assertThat(ScanRequest.parse("eu-west-1", " ", null, true).findingScope()).isEqualTo(FindingScope.ALL);
    }

    @Test
    void parse_badValues_configurationErrorsThatSayWhat() {
        assertThatThrownBy(() -> ScanRequest.parse(null, null, null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--region");
        assertThatThrownBy(() -> ScanRequest.parse("mars-1", null, null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'mars-1'");
        assertThatThrownBy(() -> ScanRequest.parse("us-east-1", "CloudWatch.15", null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CloudWatch.15");
        assertThatThrownBy(() -> ScanRequest.parse("us-east-1", null, "fuzzy", true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("semantic or exact");
    }

    @Test
    void withers_changeOneComponentAndKeepTheRest() {
        ScanRequest request = ScanRequest.parse("us-east-1", "CloudWatch.1", "exact", false).withConfirmWithAws(true)
                .withTimeout(Duration.ofSeconds(30)).withRemediation(ScanInput.remediation("dry-run", null,
                        "secops@example.com", null)).withTrigger(new Trigger.Schedule("aws.events", "e-1"));

        assertThat(request.confirmWithAws()).isTrue();
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(request.remediation().notificationEmail()).isEqualTo("secops@example.com");
        assertThat(request.patternMode()).isEqualTo(PatternMode.EXACT);
        assertThat(request.publish()).isFalse();
        assertThat(request.findingScope()).isEqualTo(FindingScope.JUDGED);
        assertThat(request.trigger().describe()).isEqualTo("schedule:aws.events:e-1");
        assertThat(ScanRequest.parse("us-east-1", null, null, false).confirmWithAws()).isFalse();
    }

    @Test
    void targets_noneOrTwiceTheSame_refused() {
        ScanRequest request = ScanRequest.of(Region.US_EAST_1);

        assertThatThrownBy(() -> request.withTargets(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request.withTargets(List.of(Target.caller(Region.US_EAST_1),
                Target.caller(Region.US_EAST_1)))).hasMessageContaining("each target once");
    }

    @Test
    void target_severalTargets_refusedUntilEachIsRunOnItsOwn() {
        ScanRequest two = ScanRequest.of(Region.US_EAST_1).withTargets(List.of(Target.caller(Region.US_EAST_1),
                new Target(new TargetAccount.Named("111122223333"), Region.EU_WEST_1)));

        assertThat(two.targets()).hasSize(2);
        assertThatThrownBy(two::target).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 targets");
    }

    @Test
    void namedAccount_notTwelveDigits_refused() {
        assertThatThrownBy(() -> new TargetAccount.Named("12345")).hasMessageContaining("12 digits");
        assertThat(new TargetAccount.Named("111122223333").accountId()).contains("111122223333");
        assertThat(TargetAccount.CALLER.accountId()).isEmpty();
    }
}
