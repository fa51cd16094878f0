package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;

/**
 * Reads a fleet's progress through the Step Functions API: the plan from the fleet's own history (PlanFleet's
 * result), its waves from its Map Runs (ListMapRuns, DescribeMapRun), and each application's outcome from the Map Run's
 * child executions (ListExecutions by mapRunArn, then DescribeExecution of each ended one for its compact result). The
 * plan and every landed result are kept, so a watch asks for each once however long the fleet runs.
 */
final class FleetReader {
    /** The fleet workflow's plan step (statemachine/fleet-upgrade.asl.json). */
    private static final String PLAN_STATE = "PlanFleet";

    private final SfnClient sfn;
    private final Map<String, FleetProgress.Landed> landed = new HashMap<>();
    private Optional<JsonNode> plan = Optional.empty();

    FleetReader(SfnClient sfn) {
        this.sfn = sfn;
    }

    FleetProgress read(String executionArn) {
        DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
        if (plan.isEmpty()) {
            plan = plan(executionArn);
        }
        List<MapRunListItem> mapRuns = new ArrayList<>();
        sfn.listMapRunsPaginator(r -> r.executionArn(executionArn)).mapRuns().forEach(mapRuns::add);
        mapRuns.sort(Comparator.comparing(MapRunListItem::startDate));
        List<FleetProgress.Wave> waves = new ArrayList<>();
        for (int i = 0; i < mapRuns.size(); i++) {
            waves.add(wave(i, mapRuns.get(i)));
        }
        return FleetProgress.of(execution, plan, waves);
    }

    /** The i-th wave: the plan says its kind and size; its Map Run, when it started and ended and what has landed. */
    private FleetProgress.Wave wave(int index, MapRunListItem mapRun) {
        DescribeMapRunResponse run = sfn.describeMapRun(r -> r.mapRunArn(mapRun.mapRunArn()));
        JsonNode planned = plan.map(p -> p.path("waves").path(index)).orElse(null);
        List<FleetProgress.Landed> results = new ArrayList<>();
        for (ExecutionListItem child : sfn.listExecutionsPaginator(r -> r.mapRunArn(mapRun.mapRunArn())).executions()) {
            if (child.status() != ExecutionStatus.RUNNING) {
                results.add(landed.computeIfAbsent(child.executionArn(), arn -> landed(child)));
            }
        }
        results.sort(Comparator.comparing(FleetProgress.Landed::at).thenComparing(FleetProgress.Landed::applicationName));
        int size = planned == null || planned.isMissingNode() ? (int) (long) run.executionCounts().total() : planned.path("applications").size();
        return new FleetProgress.Wave(planned == null ? index + 1 : planned.path("number").asInt(index + 1),
                planned == null ? "WAVE" : planned.path("kind").asText("WAVE"), size, run.startDate(),
                Optional.ofNullable(run.stopDate()), List.copyOf(results));
    }

    /**
     * One ended iteration: its compact result when it succeeded (every iteration of the fleet's waves does, whatever its
     * upgrade did), else FAILED for the application its input names.
     */
    private FleetProgress.Landed landed(ExecutionListItem child) {
        DescribeExecutionResponse iteration = sfn.describeExecution(r -> r.executionArn(child.executionArn()));
        JsonNode input = ExecutionDocuments.parse(iteration.input()).orElse(null);
        JsonNode output = ExecutionDocuments.parse(iteration.output()).orElse(null);
        String applicationName = output != null && output.hasNonNull("applicationName") ? output.get("applicationName").asText()
                : input == null ? child.name() : input.path("applicationName").asText(child.name());
        if (child.status() == ExecutionStatus.SUCCEEDED && output != null) {
            return new FleetProgress.Landed(applicationName, output.path("outcome").asText("FAILED"),
                    Optional.ofNullable(output.path("reason").textValue()), child.stopDate());
        }
        return new FleetProgress.Landed(applicationName, "FAILED", Optional.of("its iteration ended " + child.statusAsString()),
                child.stopDate());
    }

    private Optional<JsonNode> plan(String executionArn) {
        String state = null;
        for (HistoryEvent event : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(1000)).events()) {
            if (event.stateEnteredEventDetails() != null) {
                state = event.stateEnteredEventDetails().name();
            }
            if (PLAN_STATE.equals(state) && event.type() == HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED
                    && event.lambdaFunctionSucceededEventDetails() != null) {
                return ExecutionDocuments.parse(event.lambdaFunctionSucceededEventDetails().output());
            }
        }
        return Optional.empty();
    }
}
