package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one fleet execution produced locally: its outcome document, the upgrade executions it
 * started (one per application it reached, in start order), every application of the scenario as it
 * was before and after, each one's lease item after the run, and the mutating calls, the calls each
 * task's handler made, and the notifications of the whole run.
 */
public record FleetResult(
        String executionArn,
        ExecutionResult execution,
        JsonNode outcome,
        List<ExecutionDescription> upgrades,
        Map<String, Optional<ApplicationView>> before,
        Map<String, Optional<ApplicationView>> after,
        Map<String, Optional<Map<String, JsonNode>>> leasesAfter,
        List<RecordedCall> mutatingCalls,
        List<TaskCall> taskCalls,
        List<NotificationSink.Notification> notifications) {

    public String outcomeName() {
        return outcome.path("outcome").asText();
    }

    /** The application's outcome in the fleet outcome document: UPGRADED, ROLLED_BACK, ..., NOT_STARTED. */
    public String outcomeOf(String applicationName) {
        return outcome.path("applications").path(applicationName).asText();
    }

    /** The mutating calls made about one application. */
    public List<RecordedCall> mutatingCallsOn(String applicationName) {
        return mutatingCalls.stream().filter(call -> applicationName.equals(call.applicationName())).toList();
    }
}
