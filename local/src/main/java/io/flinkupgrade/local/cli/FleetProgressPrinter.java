package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.engine.ExecutionListener;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live progress of a fleet: the plan, each wave as it starts, each application's outcome as its
 * upgrade execution ends with the wave's counts so far, and each wave's end. The upgrades' own
 * steps stay quiet: their histories are the child executions'.
 */
final class FleetProgressPrinter implements ExecutionListener {
    private static final String UPGRADE_EXECUTIONS = ":execution:" + LocalUpgrade.UPGRADE_STATE_MACHINE + ":";

    private final PrintWriter out;
    private final Instant start;
    private final Map<String, Integer> waveCounts = new TreeMap<>();
    private int wave;

    FleetProgressPrinter(PrintWriter out, Instant start) {
        this.out = out;
        this.start = start;
    }

    @Override
    public void onEvent(HistoryEvent event) {
        // Every event comes with its execution's ARN (the two-argument form).
    }

    @Override
    public void onEvent(String executionArn, HistoryEvent event) {
        if (executionArn.contains(UPGRADE_EXECUTIONS)) {
            childEnded(executionArn, event);
            return;
        }
        if (event.type() == HistoryEventType.TASK_SUCCEEDED && "PlanFleet".equals(event.stateName())) {
            JsonNode plan = json(event.detail());
            int planned = 0;
            for (JsonNode w : plan.path("waves")) {
                planned += w.path("applications").size();
            }
            print(event, "plan: " + planned + " applications in " + plan.path("waves").size() + " waves to "
                    + plan.path("targetRuntime").asText() + ", " + plan.path("skipped").size() + " skipped, "
                    + plan.path("rejected").size() + " rejected");
        } else if (event.type() == HistoryEventType.STATE_ENTERED && "RunWave".equals(event.stateName())) {
            wave++;
            waveCounts.clear();
            print(event, "wave " + wave + (wave == 1 ? " (the canary, if any)" : "") + " started");
        } else if (event.type() == HistoryEventType.STATE_ENTERED && "JudgeWave".equals(event.stateName())) {
            print(event, "wave " + wave + " ended: " + waveCounts);
        } else if (event.type() == HistoryEventType.STATE_ENTERED && "PauseBetweenWaves".equals(event.stateName())) {
            print(event, "pause before wave " + (wave + 1));
        }
    }

    private void childEnded(String executionArn, HistoryEvent event) {
        String outcome = switch (event.type()) {
            case EXECUTION_SUCCEEDED -> json(event.detail()).path("outcome").asText("?");
            case EXECUTION_FAILED, EXECUTION_TIMED_OUT, EXECUTION_ABORTED -> "FAILED";
            default -> null;
        };
        if (outcome == null) {
            return;
        }
        waveCounts.merge(outcome, 1, Integer::sum);
        String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        print(event, String.format("  %-40s %-11s wave %d so far: %s", name.replaceFirst("-[0-9a-f]{8}$", ""), outcome, wave, waveCounts));
    }

    private void print(HistoryEvent event, String line) {
        Duration since = Duration.between(start, event.timestamp());
        out.printf("[+%02d:%02d:%02d] %s%n", since.toHours(), since.toMinutesPart(), since.toSecondsPart(), line);
        out.flush();
    }

    private static JsonNode json(String text) {
        try {
            return TaskJson.mapper().readTree(text);
        } catch (IOException e) {
            return TaskJson.mapper().createObjectNode();
        }
    }
}
