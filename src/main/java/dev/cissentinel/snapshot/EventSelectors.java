package dev.cissentinel.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trail's event selectors ({@code GetEventSelectors}, asked in the trail's home region).
 *
 * @param classic one entry per classic selector
 * @param advanced one entry per advanced selector
 */
public record EventSelectors(List<ClassicSelector> classic, List<AdvancedSelector> advanced) {

    public EventSelectors {
        classic = List.copyOf(classic);
        advanced = List.copyOf(advanced);
    }

    /** No selectors at all: CloudTrail's default, all management events, read and write. */
    public static EventSelectors none() {
        return new EventSelectors(List.of(), List.of());
    }

    /**
     * @param readWriteType {@code All}, {@code ReadOnly} or {@code WriteOnly} as AWS spells it; empty if absent
     *     (AWS's default is {@code All})
     * @param includeManagementEvents true when AWS left it out: that is AWS's default
     * @param excludeManagementEventSources management event sources the selector leaves out (AWS allows
     *     {@code kms.amazonaws.com} and {@code rdsdata.amazonaws.com}); empty for none
     */
    public record ClassicSelector(String readWriteType, boolean includeManagementEvents,
            List<String> excludeManagementEventSources) {
        public ClassicSelector {
            Objects.requireNonNull(readWriteType, "readWriteType");
            excludeManagementEventSources = List.copyOf(excludeManagementEventSources);
        }

        /** A selector that excludes no event source. */
        public ClassicSelector(String readWriteType, boolean includeManagementEvents) {
            this(readWriteType, includeManagementEvents, List.of());
        }
    }

    /** An advanced selector: its field selectors, by field name, each with its operators and values. */
    public record AdvancedSelector(String name, List<FieldSelector> fieldSelectors) {
        public AdvancedSelector {
            Objects.requireNonNull(name, "name");
            fieldSelectors = List.copyOf(fieldSelectors);
        }
    }

    /**
     * One field condition, e.g. field {@code eventSource}, operators {@code NotEquals -> [kms.amazonaws.com]}.
     * Operator names are AWS's: Equals, StartsWith, EndsWith, NotEquals, NotStartsWith, NotEndsWith.
     */
    public record FieldSelector(String field, Map<String, List<String>> operators) {
        public FieldSelector {
            Objects.requireNonNull(field, "field");
            operators = Map.copyOf(operators);
        }
    }
}
