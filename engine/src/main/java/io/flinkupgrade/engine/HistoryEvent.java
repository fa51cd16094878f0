package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of an execution's history; detail is a short human-readable string (a task result, "attempt
 * 2 in 4s", "ThrottledException -> Rollback"). stateName is null for execution-level events. data is the
 * document AWS's event carries beside it, when there is one, by reference (a state's input for STATE_ENTERED,
 * a task's evaluated arguments for TASK_SCHEDULED), so that recording it copies nothing; null otherwise.
 */
public record HistoryEvent(long id, Instant timestamp, HistoryEventType type, String stateName, String detail, JsonNode data) {}
