package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link StateMachineDefinition} on the virtual clock: Wait states and retry delays advance the
 * clock instead of sleeping, tasks go to the {@link TaskInvoker}, and every step is reported to the
 * {@link ExecutionListener} and kept in the result's history. Single-threaded and deterministic:
 * Parallel branches and Map iterations run one after another.
 */
public final class LocalEngine {
    /** AWS's limit on history events in a Standard execution; a runaway loop fails instead of hanging. */
    public static final int DEFAULT_MAX_TRANSITIONS = 25_000;

    static final String STATE_MACHINE_NAME = "LocalStateMachine";
    static final String ARN_PREFIX = "arn:aws:states:us-east-1:000000000000:";
    static final String ROLE_ARN = "arn:aws:iam::000000000000:role/LocalStateMachineRole";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /**
     * AWS keeps up to 262144 bytes of a state's input and output in the history
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StateExitedEventDetails.html):
     * whole, so the upgrade report can read a state's output from the history as it would in AWS.
     */
    private static final int DETAIL_LIMIT = 262_144;

    private final TaskInvoker invoker;
    private final VirtualClock clock;
    private final RandomGenerator random;
    private final ExecutionListener listener;
    private final int maxTransitions;

    public LocalEngine(TaskInvoker invoker, VirtualClock clock, RandomGenerator random, ExecutionListener listener) {
        this(invoker, clock, random, listener, DEFAULT_MAX_TRANSITIONS);
    }

    public LocalEngine(TaskInvoker invoker, VirtualClock clock, RandomGenerator random, ExecutionListener listener,
            int maxTransitions) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxTransitions < 1) {
            throw new IllegalArgumentException("maxTransitions must be positive: " + maxTransitions);
        }
        this.maxTransitions = maxTransitions;
    }

    public ExecutionResult execute(StateMachineDefinition definition, String executionName, JsonNode input) {
        return execute(definition, executionName, input, event -> false);
    }

    /**
     * Like {@link #execute(StateMachineDefinition, String, JsonNode)}, but stopped (ABORTED, as by
     * StopExecution) right after the first history event {@code stopAfter} accepts: how a test kills
     * an execution part-way, e.g. once a task has succeeded and before the next state begins.
     */
    public ExecutionResult execute(StateMachineDefinition definition, String executionName, JsonNode input,
            Predicate<HistoryEvent> stopAfter) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(stopAfter, "stopAfter");
        return new Run(definition.tree(), executionName, input == null ? JSON.objectNode() : input.deepCopy(), stopAfter).run();
    }

    /** The ARN an execution of this engine has, as {@code $states.context.Execution.Id} gives it. */
    public static String executionArn(String executionName) {
        return ARN_PREFIX + "execution:" + STATE_MACHINE_NAME + ":" + executionName;
    }

    /** The ARN of the state machine the engine's executions belong to. */
    public static String stateMachineArn() {
        return ARN_PREFIX + "stateMachine:" + STATE_MACHINE_NAME;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** Ends the execution whatever Retry or Catch say: a timeout of the whole execution or a runaway loop. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ExecutionStatus status;
        private final String error;
        private final String errorCause;

        Abort(ExecutionStatus status, String error, String cause) {
            super(cause, null, false, false);
            this.status = status;
            this.error = error;
            this.errorCause = cause;
        }
    }

    /** A scope of workflow variables: the top level, or one Parallel branch or Map iteration. */
    private static final class Variables {
        private final Variables parent;
        private final Map<String, JsonNode> values = new LinkedHashMap<>();

        Variables(Variables parent) {
            this.parent = parent;
        }

        void collect(Map<String, Object> into) {
            if (parent != null) {
                parent.collect(into);
            }
            values.forEach((name, value) -> into.put(name, Expressions.toJava(value)));
        }

        void assign(Map<String, JsonNode> assignments) {
            values.putAll(assignments);
        }
    }

    /** When a state was entered, and the id of its STATE_ENTERED event, which failure causes name. */
    private record Entered(long eventId, Instant time) {}

    /** Where control goes after a state: output plus the next state's name, or null at the end. */
    private record Step(JsonNode output, String next) {}

    @FunctionalInterface
    private interface Attempt {
        JsonNode run(int retryCount);
    }

    /** One execution's mutable state. */
    private final class Run {
        private final JsonNode root;
        private final String executionName;
        private final JsonNode input;
        private final Instant startTime;
        private final Instant deadline;
        private final Expressions expressions = new Expressions(random);
        private final List<HistoryEvent> history = new ArrayList<>();
        private final Predicate<HistoryEvent> stopAfter;
        private int transitions;

        Run(JsonNode root, String executionName, JsonNode input, Predicate<HistoryEvent> stopAfter) {
            this.root = root;
            this.stopAfter = stopAfter;
            this.executionName = executionName;
            this.input = input;
            this.startTime = clock.instant();
            this.deadline = root.has("TimeoutSeconds")
                    ? startTime.plusSeconds(root.get("TimeoutSeconds").longValue())
                    : null;
        }

        ExecutionResult run() {
            emit(HistoryEventType.EXECUTION_STARTED, null, input.toString());
            try {
                JsonNode output = runBlock(root, input, new Variables(null));
                emit(HistoryEventType.EXECUTION_SUCCEEDED, null, output.toString());
                return result(ExecutionStatus.SUCCEEDED, output, null, null);
            } catch (StatesError e) {
                emit(HistoryEventType.EXECUTION_FAILED, null, describe(e.error(), e.errorCause()));
                return result(ExecutionStatus.FAILED, null, e.error(), e.errorCause());
            } catch (Abort e) {
                HistoryEventType type = switch (e.status) {
                    case TIMED_OUT -> HistoryEventType.EXECUTION_TIMED_OUT;
                    case ABORTED -> HistoryEventType.EXECUTION_ABORTED;
                    default -> HistoryEventType.EXECUTION_FAILED;
                };
                emit(type, null, describe(e.error, e.errorCause));
                return result(e.status, null, e.error, e.errorCause);
            }
        }

        private ExecutionResult result(ExecutionStatus status, JsonNode output, String error, String cause) {
            return new ExecutionResult(status, output, error, cause, history, startTime, clock.instant());
        }

        private JsonNode runBlock(JsonNode block, JsonNode blockInput, Variables variables) {
            JsonNode states = block.get("States");
            String current = block.get("StartAt").textValue();
            JsonNode data = blockInput;
            while (true) {
                transition();
                JsonNode state = states.get(current);
                Entered entered = new Entered(
                        emit(HistoryEventType.STATE_ENTERED, current, state.get("Type").textValue()).id(), clock.instant());
                Step step;
                try {
                    step = runState(current, state, data, variables, entered);
                } catch (StatesError e) {
                    throw inState(e, current, entered);
                }
                emit(HistoryEventType.STATE_EXITED, current, step.output().toString());
                if (step.next() == null) {
                    return step.output();
                }
                data = step.output();
                current = step.next();
            }
        }

        private void transition() {
            if (deadline != null && clock.instant().isAfter(deadline)) {
                throw timedOut();
            }
            if (++transitions > maxTransitions) {
                throw new Abort(ExecutionStatus.FAILED, StatesError.RUNTIME, "The execution entered more than "
                        + maxTransitions + " states; the local engine stops it as a runaway loop");
            }
        }

        private Abort timedOut() {
            return new Abort(ExecutionStatus.TIMED_OUT, StatesError.TIMEOUT,
                    "The execution ran longer than its TimeoutSeconds of " + root.get("TimeoutSeconds").longValue() + " seconds");
        }

        private Step runState(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered) {
            return switch (state.get("Type").textValue()) {
                case "Pass" -> pass(name, state, stateInput, variables, entered);
                case "Wait" -> waitState(name, state, stateInput, variables, entered);
                case "Choice" -> choice(name, state, stateInput, variables, entered);
                case "Succeed" -> new Step(outputOrInput(state, stateInput, bindings(variables, states(name, stateInput, entered))), null);
                case "Fail" -> throw fail(name, state, stateInput, variables, entered);
                case "Task" -> withRetryAndCatch(name, state, stateInput, variables, entered,
                        retryCount -> task(name, state, stateInput, variables, entered, retryCount));
                case "Parallel" -> withRetryAndCatch(name, state, stateInput, variables, entered,
                        retryCount -> parallel(name, state, stateInput, variables, entered, retryCount));
                case "Map" -> withRetryAndCatch(name, state, stateInput, variables, entered,
                        retryCount -> map(name, state, stateInput, variables, entered, retryCount));
                default -> throw new IllegalStateException("the validator admits no state type " + state.get("Type"));
            };
        }

        private Step pass(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered));
            JsonNode output = outputOrInput(state, stateInput, bindings);
            variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
            return new Step(output, next(state));
        }

        private Step waitState(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered));
            Duration wait;
            if (state.has("Seconds")) {
                long seconds = integer(state.get("Seconds"), bindings, "Seconds", 0);
                wait = Duration.ofSeconds(seconds);
                emit(HistoryEventType.WAIT_STARTED, name, seconds + "s");
            } else {
                JsonNode timestamp = value(state.get("Timestamp"), bindings, "Timestamp");
                Instant until = instant(state.get("Timestamp"), timestamp);
                wait = until.isAfter(clock.instant()) ? Duration.between(clock.instant(), until) : Duration.ZERO;
                emit(HistoryEventType.WAIT_STARTED, name, "until " + timestamp.textValue());
            }
            sleep(wait);
            JsonNode output = outputOrInput(state, stateInput, bindings);
            variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
            return new Step(output, next(state));
        }

        private Step choice(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered));
            JsonNode choices = state.get("Choices");
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                String field = "Choices/" + i + "/Condition";
                JsonNode condition = expressions.evaluate(rule.get("Condition").textValue(), bindings, field);
                if (!condition.isBoolean()) {
                    // INFERRED: AWS's wording for a Map's Items that is no array, applied to a Condition that is no boolean.
                    throw Expressions.unexpectedType(rule.get("Condition").textValue(), field, "boolean", condition);
                }
                if (condition.booleanValue()) {
                    JsonNode output = rule.has("Output")
                            ? expressions.template(rule.get("Output"), bindings, "Choices/" + i + "/Output")
                            : outputOrInput(state, stateInput, bindings);
                    // The state's Assign applies whichever rule matched; the rule's own Assign wins on a clash.
                    Map<String, JsonNode> assigned = assignments(state.get("Assign"), bindings, "Assign");
                    assigned.putAll(assignments(rule.get("Assign"), bindings, "Choices/" + i + "/Assign"));
                    variables.assign(assigned);
                    String next = rule.get("Next").textValue();
                    emit(HistoryEventType.CHOICE_MADE, name, "rule " + i + " -> " + next);
                    return new Step(output, next);
                }
            }
            if (!state.has("Default")) {
                throw new StatesError(StatesError.NO_CHOICE_MATCHED,
                        "No Choice Rule of state '" + name + "' matched and it has no Default");
            }
            JsonNode output = outputOrInput(state, stateInput, bindings);
            variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
            String next = state.get("Default").textValue();
            emit(HistoryEventType.CHOICE_MADE, name, "Default -> " + next);
            return new Step(output, next);
        }

        private StatesError fail(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered));
            return new StatesError(failText(state, "Error", bindings), failText(state, "Cause", bindings));
        }

        private String failText(JsonNode state, String field, Map<String, Object> bindings) {
            if (!state.has(field)) {
                return null;
            }
            JsonNode value = value(state.get(field), bindings, field);
            if (!value.isTextual()) {
                // INFERRED: AWS's wording for a Map's Items that is no array; a literal is checked at load.
                throw Expressions.unexpectedType(state.get(field).textValue(), field, "string", value);
            }
            return value.textValue();
        }

        private JsonNode task(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, int retryCount) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode arguments = state.has("Arguments")
                    ? expressions.template(state.get("Arguments"), bindings, "Arguments")
                    : stateInput;
            long timeoutSeconds = state.has("TimeoutSeconds") ? integer(state.get("TimeoutSeconds"), bindings, "TimeoutSeconds", 1) : 0;
            String resource = state.get("Resource").textValue();
            emit(HistoryEventType.TASK_SCHEDULED, name, resource);
            Instant scheduled = clock.instant();
            JsonNode result;
            try {
                result = invoker.invoke(resource, arguments, new TaskContext(name, executionName, retryCount, entered.time()));
            } catch (TaskFailedException e) {
                emit(HistoryEventType.TASK_FAILED, name, describe(e.error(), e.cause()));
                throw new StatesError(e.error(), e.cause());
            } catch (RuntimeException e) {
                // What the Java Lambda runtime reports for an unhandled exception.
                String error = e.getClass().getName();
                emit(HistoryEventType.TASK_FAILED, name, describe(error, e.getMessage()));
                throw new StatesError(error, e.getMessage());
            }
            // Virtual time: the invoker (e.g. the emulator) advances the clock; a late result is discarded.
            if (timeoutSeconds > 0 && Duration.between(scheduled, clock.instant()).compareTo(Duration.ofSeconds(timeoutSeconds)) > 0) {
                String cause = "Task did not complete within its TimeoutSeconds of " + timeoutSeconds + " seconds";
                emit(HistoryEventType.TASK_TIMED_OUT, name, cause);
                throw new StatesError(StatesError.TIMEOUT, cause);
            }
            JsonNode taskResult = result == null ? JSON.nullNode() : result;
            emit(HistoryEventType.TASK_SUCCEEDED, name, taskResult.toString());
            return taskResult;
        }

        private JsonNode parallel(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, int retryCount) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode branchInput = state.has("Arguments")
                    ? expressions.template(state.get("Arguments"), bindings, "Arguments")
                    : stateInput;
            ArrayNode results = JSON.arrayNode();
            JsonNode branches = state.get("Branches");
            for (int i = 0; i < branches.size(); i++) {
                emit(HistoryEventType.PARALLEL_BRANCH_STARTED, name, "branch " + i);
                try {
                    results.add(runBlock(branches.get(i), branchInput, new Variables(variables)));
                } catch (StatesError e) {
                    emit(HistoryEventType.PARALLEL_BRANCH_FAILED, name, "branch " + i + ": " + describe(e.error(), e.errorCause()));
                    throw e;
                }
                emit(HistoryEventType.PARALLEL_BRANCH_SUCCEEDED, name, "branch " + i);
            }
            return results;
        }

        private JsonNode map(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, int retryCount) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode items = state.has("Items") ? expressions.template(state.get("Items"), bindings, "Items") : stateInput;
            if (!items.isArray()) {
                // Only an expression can give something else: the validator admits no other literal than an array.
                throw state.has("Items")
                        ? Expressions.unexpectedType(state.get("Items").textValue(), "Items", "array", items)
                        // AWS-validated snapshot in localstack/localstack, tests/aws/services/stepfunctions/v2/
                        // scenarios/test_base_scenarios (test_map_state_items_input_types, a JSONata Map without Items).
                        : StatesError.evaluation(null, "Map state input must be an array but was: " + items);
            }
            if (state.has("MaxConcurrency")) {
                // Iterations run one at a time anyway; the value is still checked as AWS would.
                integer(state.get("MaxConcurrency"), bindings, "MaxConcurrency", 0);
            }
            ArrayNode results = JSON.arrayNode();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                JsonNode iterationInput = item;
                if (state.has("ItemSelector")) {
                    ObjectNode itemStates = states(name, stateInput, entered, retryCount);
                    ObjectNode mapContext = ((ObjectNode) itemStates.get("context")).putObject("Map").putObject("Item");
                    mapContext.put("Index", i);
                    mapContext.set("Value", item);
                    iterationInput = expressions.template(state.get("ItemSelector"), bindings(variables, itemStates), "ItemSelector");
                }
                emit(HistoryEventType.MAP_ITERATION_STARTED, name, "iteration " + i);
                try {
                    results.add(runBlock(state.get("ItemProcessor"), iterationInput, new Variables(variables)));
                } catch (StatesError e) {
                    emit(HistoryEventType.MAP_ITERATION_FAILED, name, "iteration " + i + ": " + describe(e.error(), e.errorCause()));
                    throw e;
                }
                emit(HistoryEventType.MAP_ITERATION_SUCCEEDED, name, "iteration " + i);
            }
            return results;
        }

        /** Runs attempts of a Task, Parallel or Map state under its Retry and Catch fields. */
        private Step withRetryAndCatch(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered,
                Attempt attempt) {
            List<RetryPolicy> retriers = RetryPolicy.parse(state.get("Retry"));
            int[] attempts = new int[retriers.size()];
            int retryCount = 0;
            while (true) {
                try {
                    JsonNode result = attempt.run(retryCount);
                    ObjectNode states = states(name, stateInput, entered, retryCount);
                    states.set("result", result);
                    Map<String, Object> bindings = bindings(variables, states);
                    JsonNode output = state.has("Output") ? expressions.template(state.get("Output"), bindings, "Output") : result;
                    variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
                    return new Step(output, next(state));
                } catch (StatesError failure) {
                    StatesError e = inState(failure, name, entered);
                    int index = firstMatching(retriers, e.error());
                    if (index >= 0 && attempts[index] < retriers.get(index).maxAttempts()) {
                        attempts[index]++;
                        retryCount++;
                        Duration delay = retriers.get(index).delay(attempts[index], random);
                        emit(HistoryEventType.RETRY_SCHEDULED, name,
                                "attempt " + (retryCount + 1) + " in " + seconds(delay) + " after " + e.error());
                        sleep(delay);
                        continue;
                    }
                    return caught(name, state, stateInput, variables, entered, retryCount, e);
                }
            }
        }

        private Step caught(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered,
                int retryCount, StatesError error) {
            JsonNode catchers = state.path("Catch");
            for (int i = 0; i < catchers.size(); i++) {
                JsonNode catcher = catchers.get(i);
                if (!RetryPolicy.matches(RetryPolicy.errorNames(catcher.get("ErrorEquals")), error.error())) {
                    continue;
                }
                ObjectNode errorOutput = JSON.objectNode();
                errorOutput.put("Error", error.error());
                errorOutput.put("Cause", error.errorCause());
                ObjectNode states = states(name, stateInput, entered, retryCount);
                states.set("errorOutput", errorOutput);
                Map<String, Object> bindings = bindings(variables, states);
                JsonNode output = catcher.has("Output") ? expressions.template(catcher.get("Output"), bindings, "Catch/" + i + "/Output") : errorOutput;
                variables.assign(assignments(catcher.get("Assign"), bindings, "Catch/" + i + "/Assign"));
                String next = catcher.get("Next").textValue();
                emit(HistoryEventType.ERROR_CAUGHT, name, error.error() + " -> " + next);
                return new Step(output, next);
            }
            throw error;
        }

        /**
         * Ties an evaluation failure to the state it happened in, recording it as AWS records an
         * EvaluationFailed event with its location; any other error passes unchanged.
         */
        private StatesError inState(StatesError error, String name, Entered entered) {
            if (!error.awaitsState()) {
                return error;
            }
            StatesError placed = error.inState(name, entered.eventId());
            emit(HistoryEventType.EVALUATION_FAILED, name,
                    (error.location() == null ? "" : error.location() + ": ") + placed.errorCause());
            return placed;
        }

        private int firstMatching(List<RetryPolicy> retriers, String error) {
            for (int i = 0; i < retriers.size(); i++) {
                if (retriers.get(i).matches(error)) {
                    return i;
                }
            }
            return -1;
        }

        /** Advances virtual time, stopping at the execution's deadline. */
        private void sleep(Duration duration) {
            if (deadline != null && clock.instant().plus(duration).isAfter(deadline)) {
                if (deadline.isAfter(clock.instant())) {
                    clock.advance(Duration.between(clock.instant(), deadline));
                }
                throw timedOut();
            }
            clock.advance(duration);
        }

        /**
         * $states: input and context; result and errorOutput are added where they exist. The context has
         * the fields AWS documents (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html)
         * that apply here: Execution.RedriveTime exists only once an execution is redriven, Task.Token only for
         * the callback pattern (.waitForTaskToken) and Map.Item.Source only in a Distributed Map, none of which
         * the local engine runs; the Map context (Map.Item.Index and Value) is added for ItemSelector.
         */
        private ObjectNode states(String name, JsonNode stateInput, Entered entered) {
            ObjectNode states = JSON.objectNode();
            states.set("input", stateInput);
            ObjectNode context = states.putObject("context");
            ObjectNode execution = context.putObject("Execution");
            execution.put("Id", executionArn(executionName));
            execution.put("Name", executionName);
            execution.put("StartTime", timestamp(startTime));
            execution.set("Input", input);
            execution.put("RoleArn", ROLE_ARN);
            // "If you have not yet redriven an execution, the redriveCount is 0" (AWS API reference,
            // ExecutionRedrivenEventDetails); a local execution is never redriven.
            execution.put("RedriveCount", 0);
            ObjectNode stateContext = context.putObject("State");
            stateContext.put("Name", name);
            stateContext.put("EnteredTime", timestamp(entered.time()));
            ObjectNode stateMachine = context.putObject("StateMachine");
            stateMachine.put("Id", stateMachineArn());
            stateMachine.put("Name", STATE_MACHINE_NAME);
            return states;
        }

        /**
         * $states of a state that can retry (Task, Parallel, Map): AWS records State.RetryCount there, and
         * not for a Pass state (AWS-validated snapshots in localstack/localstack, tests/aws/services/
         * stepfunctions/v2/scenarios/test_base_scenarios and outputdecl/test_output). INFERRED: likewise
         * absent for Wait, Choice, Succeed and Fail, which cannot retry either.
         */
        private ObjectNode states(String name, JsonNode stateInput, Entered entered, int retryCount) {
            ObjectNode states = states(name, stateInput, entered);
            ((ObjectNode) states.get("context").get("State")).put("RetryCount", retryCount);
            return states;
        }

        private Map<String, Object> bindings(Variables variables, ObjectNode states) {
            Map<String, Object> bindings = new LinkedHashMap<>();
            variables.collect(bindings);
            bindings.put("states", Expressions.toJava(states));
            return bindings;
        }

        private JsonNode outputOrInput(JsonNode state, JsonNode stateInput, Map<String, Object> bindings) {
            return state.has("Output") ? expressions.template(state.get("Output"), bindings, "Output") : stateInput;
        }

        /** Evaluates every value against the same bindings, so each Assign sees the values from before the state. */
        private Map<String, JsonNode> assignments(JsonNode assign, Map<String, Object> bindings, String field) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            if (assign != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    values.put(entry.getKey(), expressions.template(entry.getValue(), bindings, field + "/" + entry.getKey()));
                }
            }
            return values;
        }

        private JsonNode value(JsonNode field, Map<String, Object> bindings, String name) {
            return Expressions.isExpression(field) ? expressions.evaluate(field.textValue(), bindings, name) : field;
        }

        /**
         * An integer field: a literal the validator has checked, or an expression whose value is checked here.
         * INFERRED: AWS's words for a Map's Items that is no array, applied to a value that is no integer.
         */
        private long integer(JsonNode field, Map<String, Object> bindings, String name, long minimum) {
            JsonNode value = value(field, bindings, name);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw Expressions.unexpectedType(field.textValue(), name, "integer", value);
            }
            if (value.longValue() < minimum) {
                throw Expressions.failed(field, name, "returned an out-of-range value. Expected an integer >= " + minimum
                        + ", but was: " + value);
            }
            return value.longValue();
        }

        /**
         * AWS's words for a Timestamp expression whose value does not parse (AWS-validated snapshot in
         * localstack/localstack, tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios,
         * test_wait_timestamp_jsonata); a literal was checked at load.
         */
        private Instant instant(JsonNode field, JsonNode value) {
            if (!value.isTextual()) {
                // INFERRED: AWS's words for a Map's Items that is no array, applied to a Timestamp that is no string.
                throw Expressions.unexpectedType(field.textValue(), "Timestamp", "string", value);
            }
            try {
                return OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw StatesError.evaluation("Timestamp",
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + value.textValue());
            }
        }

        private HistoryEvent emit(HistoryEventType type, String stateName, String detail) {
            HistoryEvent event = new HistoryEvent(history.size() + 1L, clock.instant(), type, stateName, abbreviate(detail));
            history.add(event);
            listener.onEvent(event);
            if (stateName != null && stopAfter.test(event)) {
                throw new Abort(ExecutionStatus.ABORTED, null, "Stopped after event " + event.id() + " (" + event.type()
                        + (event.stateName() == null ? "" : " of " + event.stateName()) + ")");
            }
            return event;
        }
    }

    private static String next(JsonNode state) {
        JsonNode next = state.get("Next");
        return next == null ? null : next.textValue();
    }

    private static String describe(String error, String cause) {
        return (error == null ? "(no error name)" : error) + (cause == null ? "" : ": " + cause);
    }

    private static String seconds(Duration delay) {
        long millis = delay.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }

    private static String abbreviate(String detail) {
        if (detail == null || detail.length() <= DETAIL_LIMIT) {
            return detail;
        }
        return detail.substring(0, DETAIL_LIMIT) + "...";
    }
}
