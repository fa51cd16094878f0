/**
 * The local Step Functions engine: loads Amazon States Language files written in JSONata and runs
 * them against a {@link io.flinkupgrade.engine.TaskInvoker} on a virtual clock
 * (docs/architecture.md, "The local engine").
 *
 * <h2>What it runs</h2>
 * Task, Choice, Wait, Pass, Succeed, Fail, Parallel and Map (INLINE and DISTRIBUTED); Arguments,
 * Output, Assign and variables; Retry and Catch; TimeoutSeconds of tasks and executions;
 * $states.context. Task resources go to the invoker, except the Step Functions integration
 * ({@code arn:aws:states:::states:startExecution}, {@code .sync}, {@code .sync:2}), which the engine
 * serves itself by starting a state machine registered with {@link io.flinkupgrade.engine.LocalEngine#register},
 * and {@code arn:aws:states:::aws-sdk:sfn:describeExecution}, which it answers for its own executions as
 * the AWS SDK integration does (Input and Output as JSON text; an unknown ARN is
 * Sfn.ExecutionDoesNotExistException).
 * A Distributed Map's ItemReader (a JSON array in one S3 object) and ResultWriter (AWS's result files
 * and manifest) go to the invoker as {@code arn:aws:states:::s3:getObject} (Bucket, Key; it answers the
 * content as text in "Body") and {@code arn:aws:states:::s3:putObject} (Bucket, Key, Body), as a Task's
 * resources do. A field or state type the engine does not implement (HeartbeatSeconds, Credentials,
 * ItemBatcher, other ItemReader inputs than JSON, WriterConfig, the callback pattern) is rejected when
 * the file is loaded, never ignored.
 *
 * <h2>Concurrency in virtual time</h2>
 * A discrete-event {@link io.flinkupgrade.engine.Scheduler}, no threads: Parallel branches and Map
 * iterations start in order and each runs until it waits (a Wait state, a retry back-off, a .sync
 * child, a task timeout), then the next one runs; the clock then moves to the earliest wake-up of all
 * of them. So 25 concurrent iterations that each wait 12 minutes end 12 virtual minutes later, and the
 * same input gives the same history every run. MaxConcurrency is honoured; 0 or none means up to 40
 * concurrent iterations for an Inline Map and 10,000 child executions for a Distributed Map, AWS's
 * limits. Results stay in item (branch) order. The first failed branch or Inline iteration fails the
 * state and stops the others (PARALLEL_BRANCH_ABORTED, MAP_ITERATION_ABORTED). A task runs at one
 * instant: a TaskInvoker that advances the clock (the emulator's injected latency) holds every other
 * strand for that long, which AWS would not.
 *
 * <h2>Executions, child executions and Map Runs</h2>
 * Every execution is addressable by its ARN ({@link io.flinkupgrade.engine.LocalEngine#execution},
 * {@link io.flinkupgrade.engine.LocalEngine#executions}, {@link io.flinkupgrade.engine.LocalEngine#history})
 * with status, input, output, error, cause, start and stop dates, and the Map Run or parent execution
 * that started it. startExecution answers {ExecutionArn, StartDate} at once; .sync and .sync:2 wait
 * and answer DescribeExecution's fields, Input and Output as JSON text (.sync) or JSON (.sync:2); a
 * child that does not succeed fails the task with States.TaskFailed and that description (with its
 * Error and Cause) as the cause. Names follow StartExecution's rules (InvalidName, ExecutionAlreadyExists
 * unless the same name and input are still running). Stopping: a .sync child is stopped (ABORTED) when
 * its parent stops waiting for it: the parent is stopped or times out, the task times out, or its
 * branch is stopped (INFERRED from the states:StopExecution that AWS's .sync policy grants); a child
 * started Request Response is nobody's to stop and runs on to its own end whatever its parent does. A
 * Distributed Map is a Map Run ({@link io.flinkupgrade.engine.MapRunDescription}) whose every item is a
 * child execution "LocalStateMachine/Label:uuid"; past ToleratedFailureCount/Percentage it fails with
 * States.ExceedToleratedFailureThreshold and stops its running children, and when its parent stops it
 * is ABORTED and stops its running children (INFERRED); items not started never start.
 *
 * <h2>Foreground and background</h2>
 * {@link io.flinkupgrade.engine.LocalEngine#execute} runs one execution and everything it starts to the
 * end at once, however much virtual time that covers (tests, the CLI's run). For a local Step
 * Functions API: {@link io.flinkupgrade.engine.LocalEngine#start} starts an execution in the background
 * (StartExecution), {@link io.flinkupgrade.engine.LocalEngine#stop} stops one (StopExecution: ABORTED
 * with the given error and cause, an EXECUTION_ABORTED event), and
 * {@link io.flinkupgrade.engine.LocalEngine#runUntil} runs the background executions up to a virtual
 * instant: a server paces virtual time by calling it with the wall-clock time (times a speed-up) as it
 * goes, a test jumps with it. The public methods are synchronized, so the thread serving requests and
 * the one pacing may call them concurrently. The {@link io.flinkupgrade.engine.ExecutionListener} hears
 * every execution's events, with the execution's ARN.
 *
 * <p>A failed JSONata evaluation is States.QueryEvaluationError with AWS's cause ("An error occurred
 * while executing the state 'S' (entered at the event id #N). The JSONata expression 'E' specified for
 * the field 'F' ..."), recorded as an EVALUATION_FAILED history event. The conformance tests
 * (io.flinkupgrade.engine.conformance, one class per developer guide page) pin this and the rest of
 * the engine to AWS's documented examples and AWS's recorded outputs.
 */
package io.flinkupgrade.engine;
