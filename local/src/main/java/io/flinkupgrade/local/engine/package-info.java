/**
 * The local Step Functions engine: loads an Amazon States Language file written in JSONata and runs
 * it against a {@link io.flinkupgrade.local.engine.TaskInvoker} on a virtual clock (DESIGN.md, "The
 * local engine").
 *
 * <p>Execution is single-threaded and deterministic: Parallel branches run one after another in
 * declaration order and Map iterations in item order, whatever MaxConcurrency says. A field or state
 * type the engine does not implement is rejected when the file is loaded, never ignored.
 */
package io.flinkupgrade.local.engine;
