package io.flinkupgrade.engine;

import static io.flinkupgrade.engine.EngineFixtures.START;
import static io.flinkupgrade.engine.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkupgrade.engine.EngineFixtures.ScriptedInvoker;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Executions started in the background run only as far as runUntil moves virtual time, and stop as
 * StopExecution stops them (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html,
 * API_StartExecution.html for names).
 */
class BackgroundExecutionTest {
    private final VirtualClock clock = new VirtualClock(START);
    private final LocalEngine engine = new LocalEngine(new ScriptedInvoker(clock), clock, new SplittableRandom(3), event -> { });
    private final String machine = engine.register("Baker", StateMachineDefinition.parse("""
            {"QueryLanguage": "JSONata", "StartAt": "Bake", "States": {
              "Bake": {"Type": "Wait", "Seconds": 600, "Next": "Done"},
              "Done": {"Type": "Pass", "Output": "baked", "End": true}}}""", Map.of()));

    @Test
    void aStartedExecution_runsAsFarAsRunUntilMovesTime() {
        ExecutionDescription started = engine.start(machine, "bake-1", json("{\"n\": 1}"));

        assertThat(started.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(engine.nextWakeUp()).as("its first step is due at once").contains(START);
        assertThat(engine.runUntil(START.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(engine.execution(started.executionArn()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(engine.nextWakeUp()).contains(START.plus(Duration.ofMinutes(10)));

        assertThat(engine.runUntil(START.plus(Duration.ofMinutes(20)))).isFalse();

        ExecutionDescription ended = engine.execution(started.executionArn()).orElseThrow();
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ended.output()).isEqualTo(json("\"baked\""));
        assertThat(ended.stopDate()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(20)));
    }

    @Test
    void stop_abortsWithTheErrorAndCause_andTheWaitNeverEnds() {
        String arn = engine.start(machine, "bake-1", json("{}")).executionArn();
        engine.runUntil(START.plus(Duration.ofMinutes(1)));

        ExecutionDescription stopped = engine.stop(arn, "Operator.Abort", "no longer needed");

        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator.Abort");
        assertThat(stopped.cause()).isEqualTo("no longer needed");
        assertThat(stopped.stopDate()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(engine.history(arn)).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
            assertThat(event.detail()).isEqualTo("Operator.Abort: no longer needed");
        });
        assertThat(engine.runUntil(START.plus(Duration.ofHours(1)))).isFalse();
        assertThat(engine.history(arn)).extracting(HistoryEvent::stateName).doesNotContain("Done");
    }

    @Test
    void start_theSameNameAndInputWhileRunning_isTheSameExecution_otherwiseExecutionAlreadyExists() {
        ExecutionDescription first = engine.start(machine, "bake-1", json("{\"n\": 1}"));

        assertThat(engine.start(machine, "bake-1", json("{\"n\": 1}")).executionArn()).isEqualTo(first.executionArn());
        assertThat(catchThrowableOfType(() -> engine.start(machine, "bake-1", json("{\"n\": 2}")), StepFunctionsException.class)
                .errorCode()).isEqualTo("ExecutionAlreadyExists");
        engine.runUntil(START.plus(Duration.ofHours(1)));
        assertThat(catchThrowableOfType(() -> engine.start(machine, "bake-1", json("{\"n\": 1}")), StepFunctionsException.class)
                .errorCode()).isEqualTo("ExecutionAlreadyExists");
    }

    @Test
    void unknownMachinesExecutionsAndInvalidNames_areRefusedWithAwsErrorCodes() {
        assertThat(catchThrowableOfType(() -> engine.start(machine + "x", "a", json("{}")), StepFunctionsException.class)
                .errorCode()).isEqualTo("StateMachineDoesNotExist");
        assertThat(catchThrowableOfType(() -> engine.start(machine, "a/b", json("{}")), StepFunctionsException.class)
                .errorCode()).isEqualTo("InvalidName");
        assertThat(catchThrowableOfType(() -> engine.stop(machine.replace("stateMachine", "execution") + ":nope", null, null),
                StepFunctionsException.class).errorCode()).isEqualTo("ExecutionDoesNotExist");
    }
}
