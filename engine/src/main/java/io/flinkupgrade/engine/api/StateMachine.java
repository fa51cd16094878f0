package io.flinkupgrade.engine.api;

import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskInvoker;
import java.time.Instant;

/** A state machine the local Step Functions serves: its name, ARN, definition and what runs its tasks. */
public record StateMachine(String name, String arn, StateMachineDefinition definition, TaskInvoker invoker,
        Instant creationDate) {}
