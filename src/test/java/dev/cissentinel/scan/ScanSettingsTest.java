package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.pattern.PatternMode;
import org.junit.jupiter.api.Test;

class ScanSettingsTest {

    @Test
    void parse_defaults_allControlsSemantic() {
        ScanSettings settings = ScanSettings.parse("eu-west-1", null, null, true);
        assertThat(settings.region().id()).isEqualTo("eu-west-1");
        assertThat(settings.controls()).hasSize(5);
        assertThat(settings.patternMode()).isEqualTo(PatternMode.SEMANTIC);
    }

    @Test
    void parse_badValues_configurationErrorsThatSayWhat() {
        assertThatThrownBy(() -> ScanSettings.parse(null, null, null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--region");
        assertThatThrownBy(() -> ScanSettings.parse("mars-1", null, null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'mars-1'");
        assertThatThrownBy(() -> ScanSettings.parse("us-east-1", "CloudWatch.9", null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CloudWatch.9");
        assertThatThrownBy(() -> ScanSettings.parse("us-east-1", null, "fuzzy", true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("semantic or exact");
    }
}
