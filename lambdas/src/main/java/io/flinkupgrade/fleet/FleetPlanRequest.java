package io.flinkupgrade.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.observe.ExecutionContext;
import java.time.Instant;

/**
 * PlanFleet's input, built by the ASL: the raw fleet execution input (validated here, so bad input
 * is a REJECTED fleet naming the field), when the plan state was entered, and which execution and
 * state it runs for ({@link ExecutionContext}, for the log lines).
 */
public record FleetPlanRequest(JsonNode request, Instant enteredAt, ExecutionContext execution) {}
