/**
 * The local Step Functions engine: loads an Amazon States Language file written in JSONata and runs
 * it against a {@link io.flinkupgrade.engine.TaskInvoker} on a virtual clock
 * (docs/architecture.md, "The local engine").
 *
 * <p>Execution is single-threaded and deterministic: Parallel branches run one after another in
 * declaration order and Map iterations in item order, whatever MaxConcurrency says. A field or state
 * type the engine does not implement is rejected when the file is loaded, never ignored.
 *
 * <p>A failed JSONata evaluation is States.QueryEvaluationError with AWS's cause ("An error occurred
 * while executing the state 'S' (entered at the event id #N). The JSONata expression 'E' specified for
 * the field 'F' ..."), recorded as an EVALUATION_FAILED history event. The conformance tests
 * (io.flinkupgrade.engine.conformance, one class per developer guide page) pin this and the rest of
 * the engine to AWS's documented examples and AWS's recorded outputs.
 */
package io.flinkupgrade.engine;
