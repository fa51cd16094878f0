package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The outcome of one execution: output only when SUCCEEDED, error and cause otherwise (error may be null). */
public record ExecutionResult(
        ExecutionStatus status,
        JsonNode output,
        String error,
        String cause,
        List<HistoryEvent> history,
        Instant startTime,
        Instant stopTime) {
    public ExecutionResult {
        history = List.copyOf(history);
    }
}
