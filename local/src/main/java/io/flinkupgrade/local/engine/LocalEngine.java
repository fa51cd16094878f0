package io.flinkupgrade.local.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.local.clock.VirtualClock;
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
    private static final int DETAIL_LIMIT = 8192;

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
                Instant entered = clock.instant();
                emit(HistoryEventType.STATE_ENTERED, current, state.get("Type").textValue());
                Step step = runState(current, state, data, variables, entered);
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

        private Step runState(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered) {
            return switch (state.get("Type").textValue()) {
                case "Pass" -> pass(name, state, stateInput, variables, entered);
                case "Wait" -> waitState(name, state, stateInput, variables, entered);
                case "Choice" -> choice(name, state, stateInput, variables, entered);
                case "Succeed" -> new Step(outputOrInput(state, stateInput, bindings(variables, states(name, stateInput, entered, 0))), null);
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

        private Step pass(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, 0));
            JsonNode output = outputOrInput(state, stateInput, bindings);
            variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
            return new Step(output, next(state));
        }

        private Step waitState(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, 0));
            Duration wait;
            if (state.has("Seconds")) {
                long seconds = integer(value(state.get("Seconds"), bindings, "Seconds"), "Seconds", 0);
                wait = Duration.ofSeconds(seconds);
                emit(HistoryEventType.WAIT_STARTED, name, seconds + "s");
            } else {
                JsonNode timestamp = value(state.get("Timestamp"), bindings, "Timestamp");
                Instant until = instant(timestamp);
                wait = until.isAfter(clock.instant()) ? Duration.between(clock.instant(), until) : Duration.ZERO;
                emit(HistoryEventType.WAIT_STARTED, name, "until " + timestamp.textValue());
            }
            sleep(wait);
            JsonNode output = outputOrInput(state, stateInput, bindings);
            variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
            return new Step(output, next(state));
        }

        private Step choice(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, 0));
            JsonNode choices = state.get("Choices");
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                String field = "Choices/" + i + "/Condition";
                JsonNode condition = expressions.evaluate(rule.get("Condition").textValue(), bindings, field);
                if (!condition.isBoolean()) {
                    throw StatesError.query("The JSONata expression '" + Expressions.body(rule.get("Condition").textValue())
                            + "' specified for the field '" + field + "' returned " + condition + ", not a boolean.");
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

        private StatesError fail(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, 0));
            return new StatesError(failText(state, "Error", bindings), failText(state, "Cause", bindings));
        }

        private String failText(JsonNode state, String field, Map<String, Object> bindings) {
            if (!state.has(field)) {
                return null;
            }
            JsonNode value = value(state.get(field), bindings, field);
            if (!value.isTextual()) {
                throw StatesError.query("The field '" + field + "' must evaluate to a string, got " + value);
            }
            return value.textValue();
        }

        private JsonNode task(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered, int retryCount) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode arguments = state.has("Arguments")
                    ? expressions.template(state.get("Arguments"), bindings, "Arguments")
                    : stateInput;
            long timeoutSeconds = state.has("TimeoutSeconds")
                    ? integer(value(state.get("TimeoutSeconds"), bindings, "TimeoutSeconds"), "TimeoutSeconds", 1)
                    : 0;
            String resource = state.get("Resource").textValue();
            emit(HistoryEventType.TASK_SCHEDULED, name, resource);
            Instant scheduled = clock.instant();
            JsonNode result;
            try {
                result = invoker.invoke(resource, arguments, new TaskContext(name, executionName, retryCount, entered));
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

        private JsonNode parallel(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered, int retryCount) {
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

        private JsonNode map(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered, int retryCount) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode items = state.has("Items") ? expressions.template(state.get("Items"), bindings, "Items") : stateInput;
            if (!items.isArray()) {
                throw StatesError.query("The Items of Map state '" + name + "' must be an array, got " + abbreviate(items.toString()));
            }
            if (state.has("MaxConcurrency")) {
                // Iterations run one at a time anyway; the value is still checked as AWS would.
                integer(value(state.get("MaxConcurrency"), bindings, "MaxConcurrency"), "MaxConcurrency", 0);
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
        private Step withRetryAndCatch(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered,
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
                } catch (StatesError e) {
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

        private Step caught(String name, JsonNode state, JsonNode stateInput, Variables variables, Instant entered,
                int retryCount, StatesError error) {
            JsonNode catchers = state.path("Catch");
            for (JsonNode catcher : catchers) {
                if (!RetryPolicy.matches(RetryPolicy.errorNames(catcher.get("ErrorEquals")), error.error())) {
                    continue;
                }
                ObjectNode errorOutput = JSON.objectNode();
                errorOutput.put("Error", error.error());
                errorOutput.put("Cause", error.errorCause());
                ObjectNode states = states(name, stateInput, entered, retryCount);
                states.set("errorOutput", errorOutput);
                Map<String, Object> bindings = bindings(variables, states);
                JsonNode output = catcher.has("Output") ? expressions.template(catcher.get("Output"), bindings, "Catch/Output") : errorOutput;
                variables.assign(assignments(catcher.get("Assign"), bindings, "Catch/Assign"));
                String next = catcher.get("Next").textValue();
                emit(HistoryEventType.ERROR_CAUGHT, name, error.error() + " -> " + next);
                return new Step(output, next);
            }
            throw error;
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

        /** $states: input and context; result and errorOutput are added where they exist. */
        private ObjectNode states(String name, JsonNode stateInput, Instant entered, int retryCount) {
            ObjectNode states = JSON.objectNode();
            states.set("input", stateInput);
            ObjectNode context = states.putObject("context");
            ObjectNode execution = context.putObject("Execution");
            execution.put("Id", executionArn(executionName));
            execution.put("Name", executionName);
            execution.put("StartTime", timestamp(startTime));
            execution.set("Input", input);
            execution.put("RoleArn", ROLE_ARN);
            ObjectNode stateContext = context.putObject("State");
            stateContext.put("Name", name);
            stateContext.put("EnteredTime", timestamp(entered));
            stateContext.put("RetryCount", retryCount);
            ObjectNode stateMachine = context.putObject("StateMachine");
            stateMachine.put("Id", stateMachineArn());
            stateMachine.put("Name", STATE_MACHINE_NAME);
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

        private long integer(JsonNode value, String field, long minimum) {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < minimum) {
                throw StatesError.query("The field '" + field + "' must be an integer >= " + minimum + ", got " + value);
            }
            return value.longValue();
        }

        private Instant instant(JsonNode value) {
            String problem = "The field 'Timestamp' must be an ISO-8601 timestamp, got " + value;
            if (!value.isTextual()) {
                throw StatesError.query(problem);
            }
            try {
                return OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw StatesError.query(problem);
            }
        }

        private void emit(HistoryEventType type, String stateName, String detail) {
            HistoryEvent event = new HistoryEvent(history.size() + 1L, clock.instant(), type, stateName, abbreviate(detail));
            history.add(event);
            listener.onEvent(event);
            if (stateName != null && stopAfter.test(event)) {
                throw new Abort(ExecutionStatus.ABORTED, null, "Stopped after event " + event.id() + " (" + event.type()
                        + (event.stateName() == null ? "" : " of " + event.stateName()) + ")");
            }
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
