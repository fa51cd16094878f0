package io.flinkupgrade.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * PlanFleet's input, built by the ASL: the raw fleet execution input (validated here, so bad input
 * is a REJECTED fleet naming the field) and when the plan state was entered.
 */
public record FleetPlanRequest(JsonNode request, Instant enteredAt) {}
