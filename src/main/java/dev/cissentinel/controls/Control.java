package dev.cissentinel.controls;

import dev.cissentinel.pattern.FilterPattern;
import java.util.List;
import java.util.Objects;

/**
 * One monitoring control, as data: a row of {@link ControlTable}. Adding a metric-filter control is one new
 * row; nothing else in the code names a control.
 *
 * @param id Security Hub's control id, e.g. {@code CloudWatch.4}
 * @param cisV12 the CIS v1.2 requirement number, e.g. {@code 3.4}
 * @param cisV14 the CIS v1.4 and later number, e.g. {@code 4.4}
 * @param cisPattern the CIS filter-pattern text, as published
 * @param exactTexts every text {@code --pattern-mode exact} accepts (CIS's and Security Hub's spellings)
 * @param eventSources the services this control's events come from; empty when any source counts
 * @param metricName the metric a remediation creates, in namespace {@code CISBenchmark}
 * @param reference the pattern a deployed filter must cover: the CIS pattern restricted to the sources
 */
public record Control(String id, String cisV12, String cisV14, String title, String cisPattern,
        List<String> exactTexts, List<String> eventSources, String metricName, String recommendation,
        String documentationUrl, FilterPattern reference) {

    public Control {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cisV12, "cisV12");
        Objects.requireNonNull(cisV14, "cisV14");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(cisPattern, "cisPattern");
        exactTexts = List.copyOf(exactTexts);
        eventSources = List.copyOf(eventSources);
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(documentationUrl, "documentationUrl");
        Objects.requireNonNull(reference, "reference");
    }

    /**
     * A row from its texts: the reference is the CIS pattern and, for a control about one service's events,
     * {@code $.eventSource} equal to that service ({@code docs/controls.md}, The controls).
     */
    static Control of(String id, String cisV12, String cisV14, String title, String cisPattern,
            List<String> otherExactTexts, List<String> eventSources, String metricName, String recommendation,
            String documentationUrl) {
        FilterPattern reference = FilterPattern.parse(cisPattern);
        if (!eventSources.isEmpty()) {
            String any = eventSources.stream().map(source -> "($.eventSource = \"" + source + "\")")
                    .reduce((left, right) -> left + " || " + right).orElseThrow();
            reference = reference.and(FilterPattern.parse("{ " + any + " }"));
        }
        List<String> exact = new java.util.ArrayList<>();
        exact.add(cisPattern);
        exact.addAll(otherExactTexts);
        return new Control(id, cisV12, cisV14, title, cisPattern, exact, eventSources, metricName, recommendation,
                documentationUrl, reference);
    }

    /** CIS requirement names for ASFF {@code RelatedRequirements}. */
    public List<String> relatedRequirements() {
        return List.of("CIS AWS Foundations Benchmark v1.2.0/" + cisV12,
                "CIS AWS Foundations Benchmark v1.4.0/" + cisV14);
    }
}
