package io.flinkupgrade.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.observe.ExecutionContext;
import java.time.Instant;

/**
 * PlanFleet's input, built by the ASL: the raw fleet execution input (validated here, so bad input
 * is a REJECTED fleet naming the field), when the plan state was entered, which execution and state
 * it runs for ({@link ExecutionContext}: its name names the wave files and the child executions), and
 * the fleet bucket the wave files go to (the stack's, through the same substitution the ItemReader reads).
 */
public record FleetPlanRequest(JsonNode request, Instant enteredAt, ExecutionContext execution, String fleetBucket) {}
