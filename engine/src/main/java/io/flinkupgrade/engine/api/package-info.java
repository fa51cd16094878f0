/**
 * The Step Functions API served locally, for any state machine the engine runs: an execution registry
 * ({@link io.flinkupgrade.engine.api.LocalStepFunctions}: state machines, executions on threads of their
 * own, AWS's rules for names, idempotent starts and stopping), AWS's history events
 * ({@code AwsHistory}), and a thin AWS JSON 1.0 codec ({@link io.flinkupgrade.engine.api.StepFunctionsProtocol},
 * {@link io.flinkupgrade.engine.api.StepFunctionsHttpHandler}) that the unmodified AWS SDK {@code sfn}
 * client and {@code aws stepfunctions} talk to.
 *
 * <p>Operations: ListStateMachines, DescribeStateMachine, StartExecution, DescribeExecution,
 * ListExecutions, GetExecutionHistory, StopExecution. Every state machine is STANDARD; nothing is
 * redriven. Executions run concurrently, one thread each; the tasks they share must be safe for that
 * (the local runtime runs one task at a time). On a paced {@link io.flinkupgrade.engine.VirtualClock}
 * they take as long as they would in AWS divided by the speed, and StopExecution ends one at once, even
 * while it waits.
 */
package io.flinkupgrade.engine.api;
