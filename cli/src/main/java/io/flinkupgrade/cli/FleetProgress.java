package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * Where a fleet stands, pure: its plan (PlanFleet's result), each wave that has started (one Map Run each, in start
 * order) with the applications whose upgrades have landed in it so far, and once the fleet has ended its outcome
 * document. {@link FleetReader} reads it; {@link #lines} is what {@code watch} prints as it grows.
 */
record FleetProgress(
        String executionArn,
        String executionName,
        String status,
        String targetRuntime,
        Instant startedAt,
        Optional<JsonNode> plan,
        List<Wave> waves,
        Optional<JsonNode> outcome) {

    /** One wave: its Map Run, when it started and ended, and its applications' outcomes as they landed. */
    record Wave(int number, String kind, int size, Instant startedAt, Optional<Instant> endedAt, List<Landed> landed) {
        /** The outcomes so far, by name. */
        Map<String, Integer> counts() {
            Map<String, Integer> counts = new TreeMap<>();
            landed.forEach(l -> counts.merge(l.outcome(), 1, Integer::sum));
            return counts;
        }

        String title() {
            return "wave " + number + (kind.equals("CANARY") ? " (canary)" : "");
        }
    }

    /** One application's upgrade that ended: the Map Run child's compact result ({applicationName, outcome, reason}). */
    record Landed(String applicationName, String outcome, Optional<String> reason, Instant at) {}

    /** One line of progress; {@code key} tells a line already printed from a new one, as the fleet goes on. */
    record Line(String key, String text) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error of the fleet's Fail state: its cause is the outcome document (statemachine/fleet-upgrade.asl.json FleetFailed). */
    static final String FAILED_ERROR = "FlinkUpgrade.FleetFailed";

    static FleetProgress of(DescribeExecutionResponse execution, Optional<JsonNode> plan, List<Wave> waves) {
        JsonNode input = ExecutionDocuments.parse(execution.input()).orElseGet(JSON::createObjectNode);
        return new FleetProgress(execution.executionArn(), execution.name(), execution.statusAsString(),
                input.path("targetRuntime").asText(""), execution.startDate(), plan, List.copyOf(waves), ExecutionDocuments.outcome(execution, FAILED_ERROR, "the fleet execution"));
    }

    boolean running() {
        return status.equals("RUNNING");
    }

    /** The exit code of how it ended: the rule the local {@code fleet} command uses. */
    int exitCode() {
        return ExitCodes.ofFleet(outcome.orElseGet(JSON::createObjectNode));
    }

    /** Everything so far, in order: the plan, then per wave its start, each landing with the wave's counts so far, its end. */
    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        plan.ifPresent(p -> lines.add(new Line("plan", stamp(startedAt) + planLine(p))));
        for (Wave wave : waves) {
            lines.add(new Line("wave " + wave.number(), stamp(wave.startedAt()) + wave.title() + " started: " + wave.size()
                    + " application(s)"));
            Map<String, Integer> soFar = new TreeMap<>();
            for (Landed landed : wave.landed()) {
                soFar.merge(landed.outcome(), 1, Integer::sum);
                lines.add(new Line("landed " + landed.applicationName(), stamp(landed.at()) + String.format("  %-40s %-12s wave %d so far: %s",
                        landed.applicationName(), landed.outcome(), wave.number(), soFar)));
            }
            wave.endedAt().ifPresent(end -> lines.add(new Line("ended " + wave.number(),
                    stamp(end) + wave.title() + " ended: " + wave.counts())));
        }
        return lines;
    }

    /** One line per wave: how far it has got. */
    List<String> waveSummaries() {
        return waves.stream().map(wave -> String.format("  %-18s %d of %d landed %s%s", wave.title(), wave.landed().size(), wave.size(),
                wave.counts(), wave.endedAt().isPresent() ? "" : ", running")).toList();
    }

    /** The same facts as one JSON document. */
    JsonNode json() {
        ObjectNode json = JSON.createObjectNode()
                .put("executionArn", executionArn)
                .put("executionName", executionName)
                .put("status", status)
                .put("targetRuntime", targetRuntime);
        waves.forEach(wave -> {
            ObjectNode node = json.withArray("waves").addObject()
                    .put("number", wave.number())
                    .put("kind", wave.kind())
                    .put("size", wave.size())
                    .put("ended", wave.endedAt().isPresent());
            wave.counts().forEach(node.putObject("counts")::put);
        });
        outcome.ifPresent(o -> json.set("outcome", o));
        return json;
    }

    private String stamp(Instant at) {
        Duration since = Duration.between(startedAt, at);
        return String.format("[+%02d:%02d:%02d] ", since.toHours(), since.toMinutesPart(), since.toSecondsPart());
    }

    private static String planLine(JsonNode plan) {
        int planned = 0;
        for (JsonNode wave : plan.path("waves")) {
            planned += wave.path("applications").size();
        }
        return "plan: " + planned + " application(s) in " + plan.path("waves").size() + " wave(s) to " + plan.path("targetRuntime").asText()
                + ", " + plan.path("skipped").size() + " skipped, " + plan.path("rejected").size() + " rejected";
    }
}
