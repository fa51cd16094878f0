package io.flinkupgrade.engine;

import java.time.Instant;

/** What a task attempt knows about where it runs, mirroring $states.context.State. */
public record TaskContext(String stateName, String executionName, int retryCount, Instant enteredTime) {}
