package dev.cissentinel.controls;

import dev.cissentinel.snapshot.EventSelectors;
import dev.cissentinel.snapshot.EventSelectors.AdvancedSelector;
import dev.cissentinel.snapshot.EventSelectors.ClassicSelector;
import dev.cissentinel.snapshot.EventSelectors.FieldSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a trail's event selectors record every management event a control needs ({@code docs/controls.md},
 * chain link 1): no selectors means CloudTrail's default (all management events, read and write); a classic
 * selector needs management events with ReadWriteType All; an advanced selector needs eventCategory
 * Management, no readOnly condition, and no condition on eventSource that drops the control's sources (any
 * eventSource condition, like a classic selector's excluded sources, drops some source of CloudWatch.1/.2,
 * which watch every source). Conditions on other
 * fields narrow what is recorded, so they disqualify too.
 */
final class TrailQualification {

    private TrailQualification() {
    }

    /** Empty when the selectors qualify for the control; otherwise why not, for the explanation. */
    static Optional<String> problem(EventSelectors selectors, Control control) {
        if (selectors.classic().isEmpty() && selectors.advanced().isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        for (ClassicSelector selector : selectors.classic()) {
            if (!selector.includeManagementEvents()) {
                problems.add("a classic selector records no management events (IncludeManagementEvents false)");
            } else if (!selector.readWriteType().isEmpty() && !selector.readWriteType().equals("All")) {
                problems.add("a classic selector records only " + (selector.readWriteType().equals("WriteOnly")
                        ? "write management events (ReadWriteType WriteOnly), so it drops the read-only ones"
                        : "read-only management events (ReadWriteType " + selector.readWriteType()
                                + "), so it drops the write ones"));
            } else if (excludesNeededSource(selector.excludeManagementEventSources(), control)) {
                problems.add("a classic selector drops the management events of "
                        + selector.excludeManagementEventSources() + " (ExcludeManagementEventSources)"
                        + (control.eventSources().isEmpty() ? ", and " + control.id()
                                + " watches events from any service" : ", which " + control.id() + " watches"));
            } else {
                return Optional.empty();
            }
        }
        for (AdvancedSelector selector : selectors.advanced()) {
            Optional<String> problem = advancedProblem(selector, control);
            if (problem.isEmpty()) {
                return Optional.empty();
            }
            problems.add(problem.get());
        }
        return Optional.of(String.join("; ", problems));
    }

    private static boolean excludesNeededSource(List<String> excluded, Control control) {
        if (excluded.isEmpty()) {
            return false;
        }
        return control.eventSources().isEmpty() || control.eventSources().stream().anyMatch(excluded::contains);
    }

    private static Optional<String> advancedProblem(AdvancedSelector selector, Control control) {
        boolean management = false;
        for (FieldSelector field : selector.fieldSelectors()) {
            switch (field.field()) {
                case "eventCategory":
                    management = field.operators().getOrDefault("Equals", List.of()).contains("Management");
                    break;
                case "readOnly":
                    return Optional.of("advanced selector '" + selector.name() + "' has the condition readOnly "
                            + field.operators() + ", so it drops " + droppedByReadOnly(field));
                case "eventSource":
                    Optional<String> dropped = droppedSource(field, control);
                    if (dropped.isPresent()) {
                        return Optional.of("advanced selector '" + selector.name() + "' " + dropped.get());
                    }
                    break;
                default:
                    return Optional.of("advanced selector '" + selector.name() + "' records only the management "
                            + "events matching its " + field.field() + " condition " + field.operators()
                            + ", so it drops the others");
            }
        }
        return management ? Optional.empty()
                : Optional.of("advanced selector '" + selector.name() + "' records no management events (it has no "
                        + "eventCategory Equals Management)");
    }

    /** What a readOnly condition drops: the write events, the read-only ones, or (unknown operator) some. */
    private static String droppedByReadOnly(FieldSelector field) {
        List<String> equals = field.operators().getOrDefault("Equals", List.of());
        if (field.operators().size() == 1 && equals.size() == 1) {
            return equals.get(0).equals("true") ? "the write management events" : "the read-only management events";
        }
        return "some management events";
    }

    private static Optional<String> droppedSource(FieldSelector field, Control control) {
        if (control.eventSources().isEmpty()) {
            return Optional.of("records only the management events its eventSource condition " + field.operators()
                    + " keeps, and " + control.id() + " watches events from any service");
        }
        for (String source : control.eventSources()) {
            if (!recorded(field, source)) {
                return Optional.of("drops the management events of " + source + " (eventSource " + field.operators()
                        + "), which " + control.id() + " watches");
            }
        }
        return Optional.empty();
    }

    /** Whether events from {@code source} pass every operator of an eventSource condition. */
    private static boolean recorded(FieldSelector field, String source) {
        for (var entry : field.operators().entrySet()) {
            List<String> values = entry.getValue();
            boolean passes;
            switch (entry.getKey()) {
                case "Equals":
                    passes = values.contains(source);
                    break;
                case "StartsWith":
                    passes = values.stream().anyMatch(source::startsWith);
                    break;
                case "EndsWith":
                    passes = values.stream().anyMatch(source::endsWith);
                    break;
                case "NotEquals":
                    passes = !values.contains(source);
                    break;
                case "NotStartsWith":
                    passes = values.stream().noneMatch(source::startsWith);
                    break;
                case "NotEndsWith":
                    passes = values.stream().noneMatch(source::endsWith);
                    break;
                default:
                    // An operator we do not know cannot be shown to keep the source.
                    passes = false;
            }
            if (!passes) {
                return false;
            }
        }
        return true;
    }
}
