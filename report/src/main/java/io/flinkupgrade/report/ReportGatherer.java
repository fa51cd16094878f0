package io.flinkupgrade.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.report.UpgradeReport.Bake;
import io.flinkupgrade.report.UpgradeReport.Decision;
import io.flinkupgrade.report.UpgradeReport.Fact;
import io.flinkupgrade.report.UpgradeReport.HealthCheck;
import io.flinkupgrade.report.UpgradeReport.StateVisit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the report from what the workflow recorded: the outcome document and the execution history.
 * Pure: no I/O. The plan (health options, baseline) is Preflight's output; the checks are the outputs
 * of CheckHealth and CheckRollbackHealth; the timeline is every state's entry and exit.
 */
public final class ReportGatherer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFLIGHT = "Preflight";

    private ReportGatherer() {}

    /**
     * @param outcome the outcome document (the execution's output, or the cause of FlinkUpgrade.Failed,
     *                or the {@code $outcome} the ASL hands the report task)
     * @param history the execution's history in event order
     */
    public static UpgradeReport gather(JsonNode outcome, List<ExecutionEvent> history) {
        JsonNode plan = JSON.createObjectNode();
        List<HealthCheck> checks = new ArrayList<>();
        for (ExecutionEvent event : history) {
            if (event.kind() != ExecutionEvent.Kind.STATE_EXITED) {
                continue;
            }
            if (PREFLIGHT.equals(event.stateName())) {
                plan = parse(event);
            }
            for (Bake bake : Bake.values()) {
                if (bake.stateName().equals(event.stateName())) {
                    JsonNode verdict = parse(event);
                    // A check that failed (caught as a blind spot) exits with the error, not a verdict.
                    if (verdict.hasNonNull("verdict")) {
                        checks.add(check(bake, verdict, event.timestamp()));
                    }
                }
            }
        }
        Instant startedAt = outcome.hasNonNull("startedAt")
                ? Instant.parse(outcome.get("startedAt").asText())
                : history.isEmpty() ? Instant.EPOCH : history.get(0).timestamp();
        String title = outcome.path("applicationName").asText("unknown application") + ": "
                + outcome.path("fromRuntime").asText("?") + " -> " + outcome.path("toRuntime").asText("?");
        return new UpgradeReport(title, startedAt, decision(outcome), timeline(history), checks,
                BakeMetrics.plots(checks, plan.path("request").path("health"), plan.path("baseline")));
    }

    private static HealthCheck check(Bake bake, JsonNode verdict, Instant exitedAt) {
        Map<String, Double> observed = new LinkedHashMap<>();
        verdict.path("observed").fields().forEachRemaining(e -> observed.put(e.getKey(), e.getValue().asDouble()));
        List<String> reasons = new ArrayList<>();
        verdict.path("reasons").forEach(r -> reasons.add(r.asText()));
        Instant checkedAt = verdict.hasNonNull("checkedAt") ? Instant.parse(verdict.get("checkedAt").asText()) : exitedAt;
        return new HealthCheck(bake, checkedAt, verdict.get("verdict").asText(), reasons, observed);
    }

    /** One visit per entry; a state re-entered in a loop is a new visit. */
    private static List<StateVisit> timeline(List<ExecutionEvent> history) {
        List<StateVisit> visits = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        for (ExecutionEvent event : history) {
            if (event.kind() == ExecutionEvent.Kind.STATE_ENTERED) {
                open.put(event.stateName(), visits.size());
                visits.add(new StateVisit(event.stateName(), event.timestamp(), null));
            } else {
                Integer index = open.remove(event.stateName());
                if (index != null) {
                    StateVisit visit = visits.get(index);
                    visits.set(index, new StateVisit(visit.state(), visit.entered(), event.timestamp()));
                }
            }
        }
        return visits;
    }

    private static Decision decision(JsonNode outcome) {
        List<Fact> facts = new ArrayList<>();
        fact(facts, "application", outcome.path("applicationName"));
        facts.add(new Fact("runtime", outcome.path("fromRuntime").asText("?") + " -> " + outcome.path("toRuntime").asText("?")));
        fact(facts, "runs now", outcome.path("runtimeAfter"));
        if (outcome.hasNonNull("versionBefore")) {
            facts.add(new Fact("version", outcome.get("versionBefore").asText()
                    + (outcome.hasNonNull("versionAfter") ? " -> " + outcome.get("versionAfter").asText() : "")));
        }
        fact(facts, "snapshot", outcome.path("snapshotName"));
        fact(facts, "rollback", outcome.path("rollbackMethod"));
        fact(facts, "error", outcome.path("error"));
        fact(facts, "started", outcome.path("startedAt"));
        fact(facts, "finished", outcome.path("finishedAt"));
        if (outcome.hasNonNull("startedAt") && outcome.hasNonNull("finishedAt")) {
            facts.add(new Fact("took", Numbers.format(Duration.between(Instant.parse(outcome.get("startedAt").asText()),
                    Instant.parse(outcome.get("finishedAt").asText())))));
        }
        List<String> reasons = new ArrayList<>();
        outcome.path("reasons").forEach(r -> reasons.add(r.asText()));
        outcome.path("advisories").forEach(a -> reasons.add("advisory: " + a.asText()));
        outcome.path("warnings").forEach(w -> reasons.add("warning: " + w.asText()));
        String manualStep = outcome.hasNonNull("manualStep") ? outcome.get("manualStep").asText() : null;
        return new Decision(outcome.path("outcome").asText("UNKNOWN"), reasons, manualStep, facts);
    }

    private static void fact(List<Fact> facts, String label, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            facts.add(new Fact(label, value.asText()));
        }
    }

    private static JsonNode parse(ExecutionEvent event) {
        try {
            return JSON.readTree(event.output() == null ? "null" : event.output());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the output of " + event.stateName() + " at " + event.timestamp()
                    + " is not JSON (is the history's execution data included?): " + e.getOriginalMessage(), e);
        }
    }
}
