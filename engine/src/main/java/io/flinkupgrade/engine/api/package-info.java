/**
 * The Step Functions API served locally, for any state machine the engine runs: an execution registry
 * ({@link io.flinkupgrade.engine.api.LocalStepFunctions}: state machines and their executions on one
 * {@link io.flinkupgrade.engine.LocalEngine}, driven by one thread as the clock reaches their steps),
 * AWS's history events ({@code AwsHistory}), and a thin AWS JSON 1.0 codec
 * ({@link io.flinkupgrade.engine.api.StepFunctionsProtocol}, {@link io.flinkupgrade.engine.api.StepFunctionsHttpHandler})
 * that the unmodified AWS SDK {@code sfn} client and {@code aws stepfunctions} talk to.
 *
 * <p>Operations: ListStateMachines, DescribeStateMachine, StartExecution, DescribeExecution,
 * ListExecutions (by state machine or by Map Run), GetExecutionHistory, StopExecution, ListMapRuns,
 * DescribeMapRun. Every state machine is STANDARD; nothing is redriven. Executions run concurrently in
 * virtual time, one step at a time, so the tasks they share are never called at once; child executions
 * (states:startExecution, a Distributed Map's) are executions like any other, each with its own history.
 * On a paced {@link io.flinkupgrade.engine.VirtualClock} they take as long as they would in AWS divided
 * by the speed, and StopExecution ends one at once, even while it waits.
 */
package io.flinkupgrade.engine.api;
