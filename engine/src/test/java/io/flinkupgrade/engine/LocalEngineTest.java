package io.flinkupgrade.engine;

import static io.flinkupgrade.engine.EngineFixtures.START;
import static io.flinkupgrade.engine.EngineFixtures.definition;
import static io.flinkupgrade.engine.EngineFixtures.fixedDoubles;
import static io.flinkupgrade.engine.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.engine.EngineFixtures.ScriptedInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalEngineTest {
    private final VirtualClock clock = new VirtualClock(START);
    private final ScriptedInvoker invoker = new ScriptedInvoker(clock);
    private final List<HistoryEvent> heard = new ArrayList<>();

    private ExecutionResult run(StateMachineDefinition definition, String input) {
        return new LocalEngine(invoker, clock, fixedDoubles(0.5), heard::add).execute(definition, "exec-1", json(input));
    }

    private static StateMachineDefinition inline(String states) {
        return StateMachineDefinition.parse(
                "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"Only\",\"States\":{" + states + "}}", Map.of());
    }

    @Test
    void choice_firstTrueRule_appliesRuleOutputAndAssign() {
        ExecutionResult result = run(definition("choice.asl.json"), "{\"n\": 20}");

        assertThat(result.output()).isEqualTo(json("{\"out\":{\"size\":\"big\"},\"picked\":\"big\"}"));
        assertThat(result.history()).filteredOn(e -> e.type() == HistoryEventType.CHOICE_MADE)
                .extracting(HistoryEvent::detail).containsExactly("rule 0 -> Big");
    }

    @Test
    void choice_laterRuleWithoutOutput_passesInputThrough() {
        ExecutionResult result = run(definition("choice.asl.json"), "{\"n\": 7}");

        assertThat(result.output()).isEqualTo(json("{\"n\": 7}"));
    }

    @Test
    void choice_noMatchAndNoDefault_failsWithNoChoiceMatched() {
        ExecutionResult result = run(definition("choice.asl.json"), "{\"n\": 1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void choice_nonBooleanCondition_failsWithQueryEvaluationError() {
        ExecutionResult result = run(definition("choice.asl.json"), "{\"n\": \"many\"}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void wait_secondsAndTimestamp_advanceTheVirtualClock() {
        ExecutionResult result = run(definition("wait.asl.json"), "{\"delay\": 90, \"until\": \"2026-11-24T10:05:00Z\"}");

        assertThat(result.output()).isEqualTo(json("\"2026-11-24T10:05:00.000Z\""));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
        assertThat(result.history()).filteredOn(e -> e.type() == HistoryEventType.WAIT_STARTED)
                .extracting(HistoryEvent::detail).containsExactly("90s", "until 2026-11-24T10:05:00Z");
    }

    @Test
    void wait_negativeSeconds_failsWithQueryEvaluationError() {
        ExecutionResult result = run(definition("wait.asl.json"), "{\"delay\": -1, \"until\": \"2026-11-24T10:05:00Z\"}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void literalStrings_thatLookLikeJsonPathOrIntrinsics_stayLiteral() {
        ExecutionResult result = run(definition("literals.asl.json"), "{\"x\": 4}");

        assertThat(result.output()).isEqualTo(json("""
                {"path": "$states.input.x", "intrinsic": "States.Format('{}', $.x)", "padded": " {% $states.input.x %}",
                 "expression": 4, "nested": [8, {"half": 2}], "null": null}"""));
        assertThat(result.output().get("nested").get(1).get("half")).isEqualTo(IntNode.valueOf(2));
    }

    @Test
    void fail_withErrorAndCause_failsTheExecution() {
        ExecutionResult result = run(definition("fail.asl.json"), "{\"named\": true}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Upgrade.Rejected");
        assertThat(result.cause()).isEqualTo("literal cause");
        assertThat(result.output()).isNull();
    }

    @Test
    void fail_withOnlyCause_hasNoErrorName() {
        ExecutionResult result = run(definition("fail.asl.json"), "{\"named\": false, \"what\": \"input\"}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isNull();
        assertThat(result.cause()).isEqualTo("bad input");
    }

    @Test
    void pass_withoutOutput_passesInput_andSucceedEndsTheExecution() {
        ExecutionResult result = run(inline("""
                "Only": {"Type": "Pass", "Next": "Stop"}, "Stop": {"Type": "Succeed"}"""), "{\"a\": [1, 2.5, null]}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{\"a\": [1, 2.5, null]}"));
    }

    @Test
    void assign_seesValuesFromBeforeTheState_innerScopesReadOuterButOuterCannotSeeInner() {
        ExecutionResult result = run(definition("variables.asl.json"), "{}");

        assertThat(result.output()).isEqualTo(json("""
                {"fan": [{"item": 10, "count": 2, "inner": 20}, {"item": 20, "count": 2, "inner": 40}],
                 "count": 2, "previous": 1, "innerVisible": false}"""));
        assertThat(result.history()).filteredOn(e -> e.type() == HistoryEventType.STATE_EXITED && "Bump".equals(e.stateName()))
                .extracting(HistoryEvent::detail).containsExactly("1");
    }

    @Test
    void undefinedInOutput_failsWithQueryEvaluationErrorNamingTheField() {
        ExecutionResult result = run(inline("""
                "Only": {"Type": "Pass", "Output": {"deep": ["{% $states.input.missing %}"]}, "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(result.cause()).contains("'Output/deep/0'", "returned nothing (undefined)");
    }

    @Test
    void undefinedInArguments_failsBeforeTheTaskRuns() {
        ExecutionResult result = run(inline("""
                "Only": {"Type": "Task", "Resource": "arn:call", "Arguments": {"x": "{% $nope %}"}, "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(result.cause()).contains("'Arguments/x'");
        assertThat(invoker.calls).isEmpty();
    }

    @Test
    void undefinedInAssign_failsWithQueryEvaluationError() {
        ExecutionResult result = run(inline("""
                "Only": {"Type": "Pass", "Assign": {"v": "{% $states.input.none %}"}, "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(result.cause()).contains("'Assign/v'");
    }

    @Test
    void jsonataRuntimeError_isQueryEvaluationError() {
        ExecutionResult result = run(inline("""
                "Only": {"Type": "Pass", "Output": "{% $number('x') %}", "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void map_andParallel_collectResultsInOrder() {
        invoker.on("arn:double", args -> IntNode.valueOf(args.get("value").intValue() * 2 + args.get("index").intValue()));

        ExecutionResult result = run(definition("map-parallel.asl.json"), "{\"items\": [5, 7, 9]}");

        // Map: [10, 15, 20]; Parallel branches: count, first.
        assertThat(result.output()).isEqualTo(json("{\"results\": [3, 10]}"));
        assertThat(result.history()).extracting(HistoryEvent::type).containsSubsequence(
                HistoryEventType.MAP_ITERATION_STARTED, HistoryEventType.MAP_ITERATION_SUCCEEDED,
                HistoryEventType.PARALLEL_BRANCH_STARTED, HistoryEventType.PARALLEL_BRANCH_SUCCEEDED);
    }

    @Test
    void map_failingIteration_surfacesItsOwnError() {
        invoker.on("arn:double", args -> {
            if (args.get("value").intValue() == 7) {
                throw new TaskFailedException("ItemRejected", "seven");
            }
            return args;
        });

        ExecutionResult result = run(definition("map-parallel.asl.json"), "{\"items\": [5, 7, 9]}");

        assertThat(result.error()).isEqualTo("ItemRejected");
        assertThat(result.cause()).isEqualTo("seven");
        assertThat(invoker.calls).hasSize(2);
        assertThat(result.history()).extracting(HistoryEvent::type).contains(HistoryEventType.MAP_ITERATION_FAILED);
    }

    @Test
    void map_itemsNotAnArray_failsWithQueryEvaluationError() {
        ExecutionResult result = run(definition("map-parallel.asl.json"), "{\"items\": {\"not\": \"array\"}}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void parallel_failingBranch_surfacesItsOwnErrorNotBranchFailed() {
        invoker.on("arn:double", args -> IntNode.valueOf(99));

        ExecutionResult result = run(definition("map-parallel.asl.json"), "{\"items\": [1]}");

        assertThat(result.error()).isEqualTo("BranchBroke");
        assertThat(result.history()).extracting(HistoryEvent::type).contains(HistoryEventType.PARALLEL_BRANCH_FAILED);
    }

    @Test
    void history_isEmittedInOrder_andTaskSeesContext() {
        invoker.on("arn:call", args -> json("{\"done\": true}"));

        ExecutionResult result = run(definition("history.asl.json"), "{\"app\": \"orders\"}");

        assertThat(result.history()).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.STATE_ENTERED, HistoryEventType.STATE_EXITED,
                HistoryEventType.STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_SUCCEEDED,
                HistoryEventType.STATE_EXITED,
                HistoryEventType.STATE_ENTERED, HistoryEventType.STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(result.history()).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(heard).isEqualTo(result.history());
        assertThat(result.history().get(5).detail()).isEqualTo("{\"done\":true}");
        JsonNode arguments = invoker.calls.get(0).arguments();
        assertThat(arguments).isEqualTo(json("""
                {"app": "orders", "execution": "exec-1", "enteredAt": "2026-11-24T10:00:00.000Z",
                 "startedAt": "2026-11-24T10:00:00.000Z"}"""));
        assertThat(result.output()).isEqualTo(json("{\"done\": true}"));
    }

    @Test
    void executionTimeout_endsTimedOutAtTheDeadline() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
                {"QueryLanguage": "JSONata", "TimeoutSeconds": 60, "StartAt": "Long",
                 "States": {"Long": {"Type": "Wait", "Seconds": 120, "End": true}}}""", Map.of());

        ExecutionResult result = run(definition, "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(result.stopTime()).isEqualTo(START.plusSeconds(60));
        assertThat(result.history()).last().extracting(HistoryEvent::type).isEqualTo(HistoryEventType.EXECUTION_TIMED_OUT);
    }

    @Test
    void runawayLoop_failsWithStatesRuntimeAfterTheTransitionLimit() {
        StateMachineDefinition definition = inline("""
                "Only": {"Type": "Pass", "Next": "Again"}, "Again": {"Type": "Pass", "Next": "Only"}""");

        ExecutionResult result = new LocalEngine(invoker, clock, fixedDoubles(0.5), event -> { }, 50)
                .execute(definition, "loop", json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("50");
    }

    @Test
    void awsFunctions_partitionRangeHashUuidParseRandom() {
        ExecutionResult result = run(definition("functions.asl.json"), "{}");

        JsonNode output = result.output();
        assertThat(output.get("partition")).isEqualTo(json("[[1, 2], [3, 4], [5]]"));
        assertThat(output.get("range")).isEqualTo(json("[0, 5, 10]"));
        assertThat(output.get("down")).isEqualTo(json("[3, 2, 1]"));
        assertThat(output.get("sha256").asText()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(output.get("md5").asText()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(output.get("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(output.get("parsed")).isEqualTo(json("{\"a\": [1, null, true]}"));
        assertThat(output.get("seeded").asBoolean()).isTrue();
        assertThat(output.get("random").asDouble()).isEqualTo(0.5);
    }

    @Test
    void awsFunctions_sameGeneratorSeed_giveTheSameUuid() {
        StateMachineDefinition definition = definition("functions.asl.json");
        JsonNode first = new LocalEngine(invoker, clock, new SplittableRandom(7), event -> { })
                .execute(definition, "a", json("{}")).output().get("uuid");
        JsonNode second = new LocalEngine(invoker, clock, new SplittableRandom(7), event -> { })
                .execute(definition, "b", json("{}")).output().get("uuid");

        assertThat(first).isEqualTo(second);
    }

    @Test
    void awsFunctions_badArguments_failWithQueryEvaluationError() {
        ExecutionResult result = run(inline("""
                "Only": {"Type": "Pass", "Output": "{% $hash('abc', 'SHA-999') %}", "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(result.cause()).contains("SHA-256");
    }
}
