package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Where an upgrade stands, read from its execution (DescribeExecution) and history
 * (GetExecutionHistory), pure: the state it is in, during a bake the checks so far with the latest
 * verdict and reasons and the time left, and once it has ended its outcome document.
 *
 * <p>The bake starts when the workflow first enters BakeAndCheckHealth (VerifyRollbackHealth for the
 * rollback's bake); each CheckHealth (CheckRollbackHealth) result is one check. Time left is counted
 * from the latest check, on the execution's own clock, so it is right for a local serve paced faster
 * than the wall clock too. The plan is Preflight's result and the snapshot the one TakeSnapshot took,
 * once the run got that far: what a manual step after an abort is based on.
 */
record UpgradeProgress(
        String executionArn,
        String executionName,
        String status,
        String applicationName,
        String targetRuntime,
        String currentState,
        Instant currentSince,
        Optional<Bake> bake,
        Optional<JsonNode> outcome,
        Optional<JsonNode> plan,
        Optional<String> snapshot) {

    /** One bake: the upgrade's, or the rollback's. */
    record Bake(String of, int checks, String verdict, List<String> reasons, Instant startedAt, Instant lastCheckAt,
            Duration length) {
        /** The time left after the latest check; zero once the bake's length has passed. */
        Duration left() {
            Duration left = Duration.between(lastCheckAt, startedAt.plus(length));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The input's default health.bakeSeconds (statemachine/upgrade-request.schema.json). */
    private static final long DEFAULT_BAKE_SECONDS = 600;
    /** The error of the workflow's FAILED outcome: its cause is the outcome document. */
    static final String FAILED_ERROR = "FlinkUpgrade.Failed";

    boolean running() {
        return status.equals("RUNNING");
    }

    /** The outcome's name (UPGRADED, ROLLED_BACK, REJECTED, FAILED, DRY_RUN), or the status for a stopped run. */
    String outcomeName() {
        return outcome.map(o -> o.path("outcome").asText(status)).orElse(status);
    }

    static UpgradeProgress of(DescribeExecutionResponse execution, List<HistoryEvent> history) {
        JsonNode input = ExecutionDocuments.parse(execution.input()).orElseGet(JSON::createObjectNode);
        String currentState = null;
        Instant currentSince = execution.startDate();
        String taskState = null;
        Bake bake = null;
        JsonNode plan = null;
        String snapshot = null;
        long bakeSeconds = input.path("health").path("bakeSeconds").asLong(DEFAULT_BAKE_SECONDS);
        for (HistoryEvent event : history) {
            if (event.stateEnteredEventDetails() != null) {
                currentState = event.stateEnteredEventDetails().name();
                currentSince = event.timestamp();
                taskState = currentState;
                if ((currentState.equals("BakeAndCheckHealth") || currentState.equals("VerifyRollbackHealth"))
                        && (bake == null || !bake.of().equals(currentState))) {
                    bake = new Bake(currentState, 0, "PENDING", List.of(), event.timestamp(), event.timestamp(),
                            Duration.ofSeconds(bakeSeconds));
                }
            }
            if (event.type() == HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED && event.lambdaFunctionSucceededEventDetails() != null) {
                Optional<JsonNode> output = ExecutionDocuments.parse(event.lambdaFunctionSucceededEventDetails().output());
                if ("Preflight".equals(taskState)) {
                    plan = output.orElse(null);
                }
                if ("TakeSnapshot".equals(taskState)) {
                    snapshot = output.map(o -> o.path("snapshotName").asText(null)).orElse(null);
                }
                if (bake != null && ("CheckHealth".equals(taskState) || "CheckRollbackHealth".equals(taskState))
                        && output.isPresent()) {
                    bake = checked(bake, output.get(), event.timestamp());
                }
            }
        }
        return new UpgradeProgress(execution.executionArn(), execution.name(), execution.statusAsString(),
                input.path("applicationName").asText(""), input.path("targetRuntime").asText(""), currentState, currentSince,
                Optional.ofNullable(bake), ExecutionDocuments.outcome(execution, FAILED_ERROR, "the execution"), Optional.ofNullable(plan), Optional.ofNullable(snapshot));
    }

    private static Bake checked(Bake bake, JsonNode verdict, Instant at) {
        List<String> reasons = new ArrayList<>();
        verdict.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        int checks = verdict.path("progress").path("checks").asInt(bake.checks() + 1);
        return new Bake(bake.of(), checks, verdict.path("verdict").asText("PENDING"), List.copyOf(reasons), bake.startedAt(), at,
                bake.length());
    }
}
