package io.flinkupgrade.emulator;

import java.time.Instant;
import java.util.Optional;

/**
 * A scenario's {@code startUpgrade} action that has come due: another upgrade execution of the
 * application, which the local runtime starts (the emulator only keeps its time).
 *
 * @param dueAt         when the scenario asks for it
 * @param targetRuntime the runtime the second upgrade requests; empty: the running upgrade's input unchanged
 */
public record UpgradeStart(Instant dueAt, Optional<String> targetRuntime) {}
