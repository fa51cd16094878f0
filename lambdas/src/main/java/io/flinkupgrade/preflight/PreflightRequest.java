package io.flinkupgrade.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.observe.ExecutionContext;
import java.time.Instant;

/**
 * Preflight's input, built by the ASL: the raw execution input (validated here, so that bad
 * input is a REJECTED outcome naming the field rather than a serialization error) and the
 * execution's identity and times.
 */
public record PreflightRequest(JsonNode request, String executionName, Instant startedAt, Instant enteredAt, ExecutionContext execution) {}
