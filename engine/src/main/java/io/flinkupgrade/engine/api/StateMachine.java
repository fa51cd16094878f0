package io.flinkupgrade.engine.api;

import io.flinkupgrade.engine.StateMachineDefinition;
import java.time.Instant;

/** A state machine the local Step Functions serves: its name, ARN, definition and when it was registered. */
public record StateMachine(String name, String arn, StateMachineDefinition definition, Instant creationDate) {}
