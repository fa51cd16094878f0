package io.flinkupgrade.engine;

import java.time.Instant;

/**
 * One entry of an execution's history; detail is a short human-readable string (a task result, "attempt
 * 2 in 4s", "ThrottledException -> Rollback"). stateName is null for execution-level events.
 */
public record HistoryEvent(long id, Instant timestamp, HistoryEventType type, String stateName, String detail) {}
