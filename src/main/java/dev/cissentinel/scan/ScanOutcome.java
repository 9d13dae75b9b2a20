package dev.cissentinel.scan;

import dev.cissentinel.publish.PublishResult;
import java.util.Objects;
import java.util.Optional;

/**
 * A scan's verdicts and, when it published, what reached Security Hub.
 *
 * @param published empty when publishing was switched off
 */
public record ScanOutcome(ScanResult result, Optional<PublishResult> published) {

    public ScanOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(published, "published");
    }

    /** True when something was meant for Security Hub and did not get there. */
    public boolean publishIncomplete() {
        return published.map(p -> !p.failed().isEmpty()).orElse(false);
    }
}
