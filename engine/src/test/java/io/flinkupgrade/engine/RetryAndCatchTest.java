package io.flinkupgrade.engine;

import static io.flinkupgrade.engine.EngineFixtures.START;
import static io.flinkupgrade.engine.EngineFixtures.definition;
import static io.flinkupgrade.engine.EngineFixtures.fixedDoubles;
import static io.flinkupgrade.engine.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.engine.EngineFixtures.Call;
import io.flinkupgrade.engine.EngineFixtures.ScriptedInvoker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryAndCatchTest {
    private static final String THROTTLED = "com.example.errors.ThrottledException";

    private final VirtualClock clock = new VirtualClock(START);
    private final ScriptedInvoker invoker = new ScriptedInvoker(clock);

    private ExecutionResult run(StateMachineDefinition definition, String input, RandomGenerator random) {
        return new LocalEngine(invoker, clock, random, event -> { }).execute(definition, "exec-1", json(input));
    }

    @Test
    void retry_withBackoffAndMaxDelay_advancesVirtualClockByCappedDelays() {
        StateMachineDefinition definition = StateMachineDefinition.parse(
                EngineFixtures.text("retry-backoff.asl.json"), Map.of("CallFunctionArn", "arn:call"));
        invoker.failing("arn:call", THROTTLED, "slow down");

        ExecutionResult result = run(definition, "{}", fixedDoubles(0.5));

        // Delays 2s, 6s, then 18s and 54s capped at 10s: five attempts in all.
        assertThat(invoker.calls).extracting(Call::at).containsExactly(
                START, START.plusSeconds(2), START.plusSeconds(8), START.plusSeconds(18), START.plusSeconds(28));
        assertThat(invoker.calls).extracting(c -> c.context().retryCount()).containsExactly(0, 1, 2, 3, 4);
        assertThat(result.history()).filteredOn(e -> e.type() == HistoryEventType.RETRY_SCHEDULED)
                .extracting(HistoryEvent::detail)
                .containsExactly(
                        "attempt 2 in 2s after " + THROTTLED, "attempt 3 in 6s after " + THROTTLED,
                        "attempt 4 in 10s after " + THROTTLED, "attempt 5 in 10s after " + THROTTLED);
    }

    @Test
    void retry_whenExhausted_fallsThroughToCatchWithErrorOutput() {
        StateMachineDefinition definition = StateMachineDefinition.parse(
                EngineFixtures.text("retry-backoff.asl.json"), Map.of("CallFunctionArn", "arn:call"));
        invoker.failing("arn:call", THROTTLED, "slow down");

        ExecutionResult result = run(definition, "{}", fixedDoubles(0.5));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{\"Error\":\"" + THROTTLED + "\",\"Cause\":\"slow down\"}"));
        assertThat(result.history()).filteredOn(e -> e.type() == HistoryEventType.ERROR_CAUGHT)
                .extracting(HistoryEvent::detail).containsExactly(THROTTLED + " -> Recover");
    }

    @Test
    void retry_withFullJitter_waitsRandomFractionOfTheDelay() {
        invoker.failing("arn:call", "Boom", "first").failing("arn:call", "Boom", "second").on("arn:call", args -> args);

        ExecutionResult result = run(definition("retry-jitter.asl.json"), "{}", fixedDoubles(0.25, 0.5));

        // 0.25 * 10s, then 0.5 * 20s.
        assertThat(invoker.calls).extracting(Call::at)
                .containsExactly(START, START.plusMillis(2_500), START.plusMillis(12_500));
        assertThat(result.output()).isEqualTo(json("{\"attempt\":2}"));
    }

    @Test
    void retry_whenNoRetrierMatches_failsTheExecutionWithTheTaskError() {
        invoker.failing("arn:call", "States.Timeout", "not a TaskFailed");

        ExecutionResult result = run(definition("retry-jitter.asl.json"), "{}", fixedDoubles(0.5));

        assertThat(invoker.calls).hasSize(1);
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(result.output()).isNull();
    }

    @Test
    void catch_withOutputAndAssign_shapesOutputAndSetsVariables() {
        invoker.failing("arn:call", "com.example.errors.RejectedException", "downgrade");

        ExecutionResult result = run(definition("catch.asl.json"), "{\"x\": 7}", fixedDoubles(0.5));

        assertThat(result.output()).isEqualTo(json(
                "{\"caught\":{\"why\":\"downgrade\",\"input\":7},\"error\":\"com.example.errors.RejectedException\"}"));
    }

    @Test
    void catch_withoutOutput_passesErrorOutputAndReportsJavaExceptionsByClassName() {
        invoker.on("arn:call", args -> {
            throw new IllegalStateException("unexpected");
        });

        ExecutionResult result = run(definition("catch.asl.json"), "{}", fixedDoubles(0.5));

        assertThat(result.output()).isEqualTo(json("{\"Error\":\"java.lang.IllegalStateException\",\"Cause\":\"unexpected\"}"));
    }

    @Test
    void taskTimeout_inVirtualTime_failsWithStatesTimeoutWhichTaskFailedDoesNotRetry() {
        invoker.taking("arn:slow", Duration.ofSeconds(31), json("\"late\""));

        ExecutionResult result = run(definition("task-timeout.asl.json"), "{\"timeout\": 30}", fixedDoubles(0.5));

        assertThat(invoker.calls).hasSize(1);
        assertThat(result.output()).isEqualTo(json("\"timed out\""));
        assertThat(result.history()).extracting(HistoryEvent::type).contains(HistoryEventType.TASK_TIMED_OUT);
    }

    @Test
    void taskTimeout_notExceeded_keepsResult() {
        invoker.taking("arn:slow", Duration.ofSeconds(30), json("\"on time\""));

        ExecutionResult result = run(definition("task-timeout.asl.json"), "{\"timeout\": 30}", fixedDoubles(0.5));

        assertThat(result.output()).isEqualTo(json("\"on time\""));
        assertThat(result.stopTime()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void statesTaskFailed_matchesTaskErrors_andRetriesThem() {
        invoker.failing("arn:slow", "Custom", "once").on("arn:slow", args -> json("\"ok\""));

        ExecutionResult result = run(definition("task-timeout.asl.json"), "{\"timeout\": 30}", fixedDoubles(0.5));

        assertThat(invoker.calls).hasSize(2);
        assertThat(result.output()).isEqualTo(json("\"ok\""));
    }

    @Test
    void errorMatching_statesAllSkipsStatesRuntime_taskFailedSkipsTimeout() {
        assertThat(RetryPolicy.matches(List.of("States.ALL"), "anything")).isTrue();
        assertThat(RetryPolicy.matches(List.of("States.ALL"), "States.Runtime")).isFalse();
        assertThat(RetryPolicy.matches(List.of("States.TaskFailed"), "States.Timeout")).isFalse();
        assertThat(RetryPolicy.matches(List.of("States.TaskFailed"), "com.example.Boom")).isTrue();
        assertThat(RetryPolicy.matches(List.of("com.example.Boom"), "com.example.Other")).isFalse();
    }

    @Test
    void retryOnMap_rerunsTheWholeMap() {
        invoker.on("arn:work", args -> args)
                .failing("arn:work", "Flaky", "once")
                .on("arn:work", args -> args);

        ExecutionResult result = run(definition("map-retry.asl.json"), "[\"a\", \"b\"]", fixedDoubles(0.5));

        assertThat(invoker.calls).extracting(c -> c.arguments().asText()).containsExactly("a", "b", "a", "b");
        assertThat(invoker.calls.get(2).at()).isEqualTo(START.plusSeconds(5));
        assertThat(result.output()).isEqualTo(json("[\"a\", \"b\"]"));
    }

    @Test
    void retryCount_grows_whileEnteredTimeStaysAtStateEntry() {
        invoker.failing("arn:call", "Boom", "first").on("arn:call", args -> args);

        run(definition("retry-jitter.asl.json"), "{}", fixedDoubles(0.1));

        assertThat(invoker.calls).extracting(Call::context).containsExactly(
                new TaskContext("Call", "exec-1", 0, START), new TaskContext("Call", "exec-1", 1, START));
    }
}
