package io.flinkupgrade.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet outcome document as a person reads it at the end of a fleet, in the local {@code fleet} command and the
 * operator CLI's {@code watch} alike: the outcome, every application's line (with the reason when it has one), the
 * counts per wave and in total, the applications whose upgrade was already started (a redrive) and only followed, and
 * why the rollout halted.
 */
public final class FleetOutcomeTable {
    private FleetOutcomeTable() {}

    public static List<String> lines(JsonNode outcome) {
        List<String> lines = new ArrayList<>();
        lines.add("==== " + outcome.path("outcome").asText("FAILED") + " ====");
        Map<String, String> reasons = new HashMap<>();
        outcome.path("problems").forEach(p -> reasons.put(p.path("applicationName").asText(), p.path("reason").asText("")));
        if (outcome.has("applications")) {
            lines.add(String.format("  %-40s %-12s %s", "application", "outcome", "reason").stripTrailing());
            outcome.path("applications").fields().forEachRemaining(e -> lines.add(String.format("  %-40s %-12s %s",
                    e.getKey(), e.getValue().asText(), reasons.getOrDefault(e.getKey(), "")).stripTrailing()));
        }
        outcome.path("waves").forEach(w -> lines.add(String.format("  wave %d %-7s %s", w.path("number").asInt(), w.path("kind").asText(),
                w.has("counts") ? w.path("counts").toString() : w.path("applications").size() + " applications")));
        if (outcome.has("counts")) {
            lines.add(String.format("  total          %s", outcome.path("counts")));
        }
        if (!outcome.path("alreadyStarted").isEmpty()) {
            List<String> followed = new ArrayList<>();
            outcome.path("alreadyStarted").forEach(name -> followed.add(name.asText()));
            lines.add("  already started before this run, followed, not started again: " + String.join(", ", followed));
        }
        outcome.path("reasons").forEach(r -> lines.add("  " + r.asText()));
        return lines;
    }
}
