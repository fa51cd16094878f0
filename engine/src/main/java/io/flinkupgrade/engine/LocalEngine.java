package io.flinkupgrade.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Runs {@link StateMachineDefinition}s on the virtual clock: Wait states, retry delays and task
 * timeouts are steps of a discrete-event {@link Scheduler} instead of sleeps, tasks go to the
 * {@link TaskInvoker}, and every step is reported to the {@link ExecutionListener} and kept in the
 * execution's history. Parallel branches and Map iterations run concurrently in virtual time (each
 * until it waits, then the next, in order), child executions started by a Task or a Distributed Map
 * run beside their parent, and every execution stays addressable by its ARN. Deterministic: the same
 * input gives the same history every run. Public methods are synchronized, so a server thread may
 * start, stop and describe background executions while another one paces them.
 */
public final class LocalEngine {
    /** AWS's limit on history events in a Standard execution; a runaway loop fails instead of hanging. */
    public static final int DEFAULT_MAX_TRANSITIONS = 25_000;

    public static final String REGION = "us-east-1";
    /** The role every local execution runs as ({@code $states.context.Execution.RoleArn}). */
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/LocalStateMachineRole";
    static final String STATE_MACHINE_NAME = "LocalStateMachine";
    static final String ARN_PREFIX = "arn:aws:states:" + REGION + ":000000000000:";
    /** The Step Functions service integration (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html). */
    static final String START_EXECUTION = "arn:aws:states:::states:startExecution";
    private static final String SYNC = START_EXECUTION + ".sync";
    private static final String SYNC_2 = START_EXECUTION + ".sync:2";
    /**
     * DescribeExecution through the AWS SDK integration
     * (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html): how a workflow
     * follows an execution it started Request Response, which nothing stops with it.
     */
    static final String DESCRIBE_EXECUTION = "arn:aws:states:::aws-sdk:sfn:describeExecution";
    /**
     * "Inline mode: supports up to 40 concurrent iterations"; "Distributed mode: supports up to 10,000
     * parallel child workflow executions" (https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html),
     * which is also what a MaxConcurrency of 0 or none means.
     */
    static final int INLINE_CONCURRENCY_LIMIT = 40;
    static final int DISTRIBUTED_CONCURRENCY_LIMIT = 10_000;
    /**
     * Execution names: 1 to 80 characters, none of whitespace, brackets, wildcards, the special
     * characters " # % \ ^ | ~ ` $ &amp; , ; : / or control characters (U+0000-001F, U+007F-009F)
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html, name).
     */
    private static final Pattern INVALID_NAME_CHARACTER = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
    private final Map<String, StateMachineDefinition> stateMachines = new LinkedHashMap<>();
    private final Map<String, Run> executions = new LinkedHashMap<>();
    private final Map<String, MapRun> mapRuns = new LinkedHashMap<>();
    /** Runs the executions {@link #start} starts, as far as {@link #runUntil} lets it. */
    private final Scheduler background;

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
        this.background = new Scheduler(clock);
    }

    /**
     * Makes a state machine startable by its ARN, by {@link #start}, {@link #execute(String, String, JsonNode)}
     * and the states:startExecution integrations; registering a name again replaces its definition.
     *
     * @return the state machine's ARN
     */
    public synchronized String register(String name, StateMachineDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        if (!validName(name)) {
            throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "'");
        }
        String arn = stateMachineArn(name);
        stateMachines.put(arn, definition);
        return arn;
    }

    /** The registered state machines' ARNs, in the order they were first registered. */
    public synchronized List<String> stateMachineArns() {
        return List.copyOf(stateMachines.keySet());
    }

    public synchronized Optional<StateMachineDefinition> stateMachine(String stateMachineArn) {
        return Optional.ofNullable(stateMachines.get(stateMachineArn));
    }

    public ExecutionResult execute(StateMachineDefinition definition, String executionName, JsonNode input) {
        return execute(definition, executionName, input, event -> false);
    }

    /**
     * Like {@link #execute(StateMachineDefinition, String, JsonNode)}, but stopped (ABORTED, as by
     * StopExecution) right after the first history event {@code stopAfter} accepts: how a test kills
     * an execution part-way, e.g. once a task has succeeded and before the next state begins.
     */
    public synchronized ExecutionResult execute(StateMachineDefinition definition, String executionName, JsonNode input,
            Predicate<HistoryEvent> stopAfter) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(stopAfter, "stopAfter");
        return runInForeground(stateMachineArn(), definition, executionName, input, stopAfter);
    }

    /** Runs one execution of a registered state machine to its end, with every child execution it starts. */
    public ExecutionResult execute(String stateMachineArn, String executionName, JsonNode input) {
        return execute(stateMachineArn, executionName, input, event -> false);
    }

    /**
     * Like {@link #execute(String, String, JsonNode)}, stopped (ABORTED) right after the first history
     * event of this execution that {@code stopAfter} accepts; its children stop with it.
     */
    public synchronized ExecutionResult execute(String stateMachineArn, String executionName, JsonNode input,
            Predicate<HistoryEvent> stopAfter) {
        Objects.requireNonNull(stopAfter, "stopAfter");
        return runInForeground(stateMachineArn, registered(stateMachineArn), executionName, input, stopAfter);
    }

    /**
     * A scheduler of its own, run until nothing is left: the execution, its children, and what they
     * started. Unlike {@link #start}, an earlier execution of the same name is replaced, not refused,
     * so a test or the CLI can run the same upgrade again.
     */
    private ExecutionResult runInForeground(String stateMachineArn, StateMachineDefinition definition, String executionName,
            JsonNode input, Predicate<HistoryEvent> stopAfter) {
        Scheduler scheduler = new Scheduler(clock);
        Run run = new Run(stateMachineArn, definition.tree(), executionName, input == null ? JSON.objectNode() : input.deepCopy(),
                stopAfter, scheduler, null, null);
        executions.put(run.executionArn, run);
        run.start();
        while (scheduler.runNext()) {
            // each step schedules the ones that follow it
        }
        return run.result();
    }

    /**
     * Starts an execution in the background, as StartExecution does: it runs only as far as
     * {@link #runUntil} moves virtual time. Idempotent as AWS documents for Standard workflows: the
     * same name and input as a running execution return that execution; a name already used otherwise
     * is ExecutionAlreadyExists
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
     *
     * @throws StepFunctionsException StateMachineDoesNotExist, InvalidName or ExecutionAlreadyExists
     */
    public synchronized ExecutionDescription start(String stateMachineArn, String executionName, JsonNode input) {
        return startChild(stateMachineArn, executionName, input == null ? JSON.objectNode() : input.deepCopy(), background, null)
                .description();
    }

    /**
     * Runs the background executions' steps due up to {@code until}, then moves the clock there (never
     * backwards): how a server paces virtual time against the wall clock, or a test jumps ahead.
     *
     * @return whether anything is still scheduled
     */
    public synchronized boolean runUntil(Instant until) {
        Optional<Instant> next = background.nextWakeUp();
        while (next.isPresent() && !next.get().isAfter(until)) {
            background.runNext();
            next = background.nextWakeUp();
        }
        if (until.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), until));
        }
        return next.isPresent();
    }

    /** When the next background step is due, if any is scheduled. */
    public synchronized Optional<Instant> nextWakeUp() {
        return background.nextWakeUp();
    }

    /**
     * Stops a running execution as StopExecution does: ABORTED with the given error and cause (either
     * may be null), its running children stopped as their parent's stop stops them. Stopping an ended
     * execution changes nothing (INFERRED: AWS answers StopExecution on a closed execution with its stopDate).
     *
     * @throws StepFunctionsException ExecutionDoesNotExist
     */
    public synchronized ExecutionDescription stop(String executionArn, String error, String cause) {
        Run run = executions.get(executionArn);
        if (run == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        run.end(ExecutionStatus.ABORTED, null, error, cause);
        return run.description();
    }

    public synchronized Optional<ExecutionDescription> execution(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn)).map(Run::description);
    }

    /** Every execution this engine has run or is running, in the order they started. */
    public synchronized List<ExecutionDescription> executions() {
        return executions.values().stream().map(Run::description).toList();
    }

    /** An execution's history so far, oldest first. */
    public synchronized List<HistoryEvent> history(String executionArn) {
        Run run = executions.get(executionArn);
        if (run == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        return List.copyOf(run.history);
    }

    public synchronized Optional<MapRunDescription> mapRun(String mapRunArn) {
        return Optional.ofNullable(mapRuns.get(mapRunArn)).map(MapRun::describe);
    }

    /** The Map Runs an execution's Distributed Map states started, in the order they started. */
    public synchronized List<MapRunDescription> mapRuns(String executionArn) {
        return mapRuns.values().stream().filter(m -> m.executionArn.equals(executionArn)).map(MapRun::describe).toList();
    }

    /** The ARN an execution of {@link #execute(StateMachineDefinition, String, JsonNode)} has, as {@code $states.context.Execution.Id} gives it. */
    public static String executionArn(String executionName) {
        return executionArn(stateMachineArn(), executionName);
    }

    /** The ARN of the state machine {@link #execute(StateMachineDefinition, String, JsonNode)} runs its definition as. */
    public static String stateMachineArn() {
        return stateMachineArn(STATE_MACHINE_NAME);
    }

    /** The ARN {@link #register} gives a state machine of this name. */
    public static String stateMachineArn(String name) {
        return ARN_PREFIX + "stateMachine:" + name;
    }

    /** An execution's ARN: its state machine's, with "execution" for "stateMachine" and its name appended. */
    public static String executionArn(String stateMachineArn, String executionName) {
        return ARN_PREFIX + "execution:" + stateMachineName(stateMachineArn) + ":" + executionName;
    }

    static String stateMachineName(String stateMachineArn) {
        return stateMachineArn.substring(stateMachineArn.indexOf(":stateMachine:") + ":stateMachine:".length());
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 80 && !INVALID_NAME_CHARACTER.matcher(name).find();
    }

    private StateMachineDefinition registered(String stateMachineArn) {
        StateMachineDefinition definition = stateMachines.get(stateMachineArn);
        if (definition == null) {
            throw new StepFunctionsException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        return definition;
    }

    /** A new execution of a registered state machine on {@code scheduler}, checked as StartExecution checks it. */
    private Run startChild(String stateMachineArn, String executionName, JsonNode input, Scheduler scheduler, String parentArn) {
        StateMachineDefinition definition = registered(stateMachineArn);
        if (!validName(executionName)) {
            throw new StepFunctionsException("InvalidName", "Invalid Name: '" + executionName + "'");
        }
        String arn = executionArn(stateMachineArn, executionName);
        Run existing = executions.get(arn);
        if (existing != null) {
            if (existing.status == ExecutionStatus.RUNNING && existing.input.equals(input)) {
                return existing;
            }
            throw new StepFunctionsException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        Run run = new Run(stateMachineArn, definition.tree(), executionName, input, event -> false, scheduler, null, parentArn);
        executions.put(arn, run);
        run.start();
        return run;
    }

    /** Ends the execution whatever Retry or Catch say: a timeout of the whole execution, a runaway loop or a stop. */
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

    /**
     * A scope of workflow variables: the top level, or one Parallel branch or Map iteration. Values are
     * kept as expressions see them, converted once when assigned rather than at every state.
     */
    private static final class Variables {
        private final Variables parent;
        private final Map<String, Object> values = new LinkedHashMap<>();

        Variables(Variables parent) {
            this.parent = parent;
        }

        void collect(Map<String, Object> into) {
            if (parent != null) {
                parent.collect(into);
            }
            into.putAll(values);
        }

        void assign(Map<String, JsonNode> assignments) {
            assignments.forEach((name, value) -> values.put(name, Expressions.toJava(value)));
        }
    }

    /** Bindings built at the first read: most states evaluate no expression and need none. */
    private static final class Bindings extends AbstractMap<String, Object> {
        private final Supplier<Map<String, Object>> source;
        private Map<String, Object> values;

        Bindings(Supplier<Map<String, Object>> source) {
            this.source = source;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            if (values == null) {
                values = source.get();
            }
            return values.entrySet();
        }
    }

    /** When a state was entered, and the id of its STATE_ENTERED event, which failure causes name. */
    private record Entered(long eventId, Instant time) {}

    /** Where control goes after a state: output plus the next state's name, or null at the end. */
    private record Step(JsonNode output, String next) {}

    /** Where a piece of work goes on once it has a value, or fails: exactly one of the two is called, once. */
    private record Then<T>(Consumer<T> ok, Consumer<StatesError> failed) {}

    /** One attempt of a Task, Parallel or Map state, ending through {@code then}, or throwing before it calls it. */
    @FunctionalInterface
    private interface Attempt {
        void run(int retryCount, Then<JsonNode> then);
    }

    /** Starts branch or iteration {@code index} on its own strand. */
    @FunctionalInterface
    private interface Starter {
        void start(int index, Strand strand, Then<JsonNode> then);
    }

    /**
     * One line of work of an execution that can be stopped: the execution itself, a Parallel branch or
     * a Map iteration. Stopping one stops every strand inside it: their scheduled steps are dropped and
     * the child executions they wait on are stopped.
     */
    private static final class Strand implements Scheduler.Owner {
        private final Run run;
        private final Strand parent;
        private boolean stopped;

        Strand(Run run, Strand parent) {
            this.run = run;
            this.parent = parent;
        }

        Strand child() {
            return new Strand(run, this);
        }

        @Override
        public boolean stopped() {
            for (Strand strand = this; strand != null; strand = strand.parent) {
                if (strand.stopped) {
                    return true;
                }
            }
            return false;
        }

        void stop() {
            stopped = true;
            run.stopDependents();
        }

        @Override
        public void run(Runnable step) {
            run.step(step);
        }
    }

    /** Something that must stop when a strand stops: a child execution it waits on, or a Map Run. */
    private record Dependent(Strand strand, Runnable stop) {}

    /** Which of ToleratedFailureCount and ToleratedFailurePercentage a Distributed Map state sets. */
    private record Tolerance(boolean count, boolean percentage) {}

    /** One Distributed Map state's run: its child executions and their counts, for DescribeMapRun. */
    private final class MapRun {
        private final String arn;
        private final String executionArn;
        private final Instant startDate;
        private final int maxConcurrency;
        private final double toleratedFailurePercentage;
        private final long toleratedFailureCount;
        private final Tolerance toleranceSet;
        private final long total;
        private MapRunDescription.Status status = MapRunDescription.Status.RUNNING;
        private Instant stopDate;
        private long running;
        private long succeeded;
        private long failed;
        private long timedOut;
        private long aborted;
        private long resultsWritten;

        MapRun(String arn, String executionArn, int maxConcurrency, double toleratedFailurePercentage,
                long toleratedFailureCount, Tolerance toleranceSet, long total) {
            this.toleranceSet = toleranceSet;
            this.arn = arn;
            this.executionArn = executionArn;
            this.startDate = clock.instant();
            this.maxConcurrency = maxConcurrency;
            this.toleratedFailurePercentage = toleratedFailurePercentage;
            this.toleratedFailureCount = toleratedFailureCount;
            this.total = total;
        }

        void ended(ExecutionStatus child) {
            running--;
            switch (child) {
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                case TIMED_OUT -> timedOut++;
                case ABORTED -> aborted++;
                case RUNNING -> throw new IllegalStateException("a child execution ended RUNNING");
            }
        }

        /**
         * The Map Run fails when its failed items exceed ToleratedFailureCount or their share exceeds
         * ToleratedFailurePercentage, whichever the state sets; with neither, the first failure fails it
         * (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html#maprun-fail-threshold).
         * INFERRED: a child that timed out or was stopped counts as failed as well.
         */
        boolean exceedsTolerance() {
            long failures = failed + timedOut + aborted;
            boolean overCount = failures > toleratedFailureCount;
            boolean overPercentage = failures * 100.0 / total > toleratedFailurePercentage;
            if (toleranceSet.count() && toleranceSet.percentage()) {
                return overCount || overPercentage;
            }
            return toleranceSet.percentage() ? overPercentage : overCount;
        }

        void close(MapRunDescription.Status closed) {
            if (status == MapRunDescription.Status.RUNNING) {
                status = closed;
                stopDate = clock.instant();
            }
        }

        MapRunDescription describe() {
            long pending = total - running - succeeded - failed - timedOut - aborted;
            return new MapRunDescription(arn, executionArn, status, startDate, stopDate, maxConcurrency,
                    toleratedFailurePercentage, toleratedFailureCount,
                    new MapRunDescription.Counts(pending, running, succeeded, failed, timedOut, aborted, total, resultsWritten));
        }
    }

    /** One execution: its history, its status, and the interpreter that moves it on. */
    private final class Run {
        private final String stateMachineArn;
        private final JsonNode root;
        private final String executionArn;
        private final String executionName;
        private final JsonNode input;
        private final Instant startTime;
        private final Instant deadline;
        private final Expressions expressions = new Expressions(random);
        private final List<HistoryEvent> history = new ArrayList<>();
        private final Predicate<HistoryEvent> stopAfter;
        private final Scheduler scheduler;
        private final String mapRunArn;
        private final String parentArn;
        private final Strand strand = new Strand(this, null);
        private final Set<Dependent> dependents = new LinkedHashSet<>();
        private final List<Runnable> whenEnded = new ArrayList<>();
        private int transitions;
        private ExecutionStatus status = ExecutionStatus.RUNNING;
        private JsonNode output;
        private String error;
        private String cause;
        private Instant stopTime;
        /** The execution's input as expressions see it, converted at the first expression that needs it. */
        private Object convertedInput;
        private final String startTimestamp;
        private final String stateMachineName;

        Run(String stateMachineArn, JsonNode root, String executionName, JsonNode input, Predicate<HistoryEvent> stopAfter,
                Scheduler scheduler, String mapRunArn, String parentArn) {
            this.stateMachineArn = stateMachineArn;
            this.root = root;
            this.executionArn = executionArn(stateMachineArn, executionName);
            this.executionName = executionName;
            this.input = input;
            this.stopAfter = stopAfter;
            this.scheduler = scheduler;
            this.mapRunArn = mapRunArn;
            this.parentArn = parentArn;
            this.startTime = clock.instant();
            this.startTimestamp = timestamp(startTime);
            this.stateMachineName = stateMachineName(stateMachineArn);
            this.deadline = root.has("TimeoutSeconds")
                    ? startTime.plusSeconds(root.get("TimeoutSeconds").longValue())
                    : null;
        }

        void start() {
            emit(HistoryEventType.EXECUTION_STARTED, null, input.toString());
            if (deadline != null) {
                scheduler.at(deadline, strand, () -> {
                    throw timedOut();
                });
            }
            scheduler.now(strand, () -> new Block(root, input, new Variables(null), strand,
                    new Then<>(result -> end(ExecutionStatus.SUCCEEDED, result, null, null),
                            e -> end(ExecutionStatus.FAILED, null, e.error(), e.errorCause()))).run());
        }

        /** Runs one scheduled step of this execution; an Abort thrown anywhere in it ends the execution. */
        void step(Runnable step) {
            try {
                step.run();
            } catch (Abort e) {
                end(e.status, null, e.error, e.errorCause);
            }
        }

        /** Ends the execution once: its strands stop (and with them its children), then the terminal event. */
        void end(ExecutionStatus ended, JsonNode result, String endError, String endCause) {
            if (status != ExecutionStatus.RUNNING) {
                return;
            }
            status = ended;
            output = result;
            error = endError;
            cause = endCause;
            stopTime = clock.instant();
            strand.stop();
            HistoryEventType type = switch (ended) {
                case SUCCEEDED -> HistoryEventType.EXECUTION_SUCCEEDED;
                case TIMED_OUT -> HistoryEventType.EXECUTION_TIMED_OUT;
                case ABORTED -> HistoryEventType.EXECUTION_ABORTED;
                case FAILED, RUNNING -> HistoryEventType.EXECUTION_FAILED;
            };
            emit(type, null, ended == ExecutionStatus.SUCCEEDED ? result.toString() : describe(endError, endCause));
            whenEnded.forEach(Runnable::run);
        }

        /** Stops what waits on a strand that has stopped. */
        void stopDependents() {
            List<Dependent> orphaned = dependents.stream().filter(d -> d.strand().stopped()).toList();
            orphaned.forEach(dependents::remove);
            orphaned.forEach(d -> d.stop().run());
        }

        ExecutionResult result() {
            return new ExecutionResult(status, output, error, cause, history, startTime, stopTime);
        }

        ExecutionDescription description() {
            return new ExecutionDescription(executionArn, stateMachineArn, executionName, status, input, output, error, cause,
                    startTime, stopTime, mapRunArn, parentArn);
        }

        /**
         * The states of one block (the machine, a branch or an iteration) one after another: each runs
         * at once while it completes at once, and the block waits (returns) when one goes on later.
         */
        private final class Block {
            private final JsonNode states;
            private final Variables variables;
            private final Strand blockStrand;
            private final Then<JsonNode> then;
            private String current;
            private JsonNode data;
            private boolean entering;
            private Step ready;

            Block(JsonNode block, JsonNode blockInput, Variables variables, Strand blockStrand, Then<JsonNode> then) {
                this.states = block.get("States");
                this.current = block.get("StartAt").textValue();
                this.data = blockInput;
                this.variables = variables;
                this.blockStrand = blockStrand;
                this.then = then;
            }

            void run() {
                while (true) {
                    transition();
                    String name = current;
                    JsonNode state = states.get(name);
                    Entered entered = new Entered(
                            emit(HistoryEventType.STATE_ENTERED, name, state.get("Type").textValue(), data).id(), clock.instant());
                    ready = null;
                    entering = true;
                    try {
                        runState(name, state, data, variables, entered, blockStrand,
                                new Then<>(this::completed, e -> then.failed().accept(inState(e, name, entered))));
                    } catch (StatesError e) {
                        entering = false;
                        then.failed().accept(inState(e, name, entered));
                        return;
                    }
                    entering = false;
                    if (ready == null || !exit(ready)) {
                        return;
                    }
                }
            }

            private void completed(Step step) {
                if (entering) {
                    ready = step;
                } else if (exit(step)) {
                    run();
                }
            }

            /** Records the state's exit; true when another state follows, false once the block has ended. */
            private boolean exit(Step step) {
                emit(HistoryEventType.STATE_EXITED, current, step.output().toString());
                if (step.next() == null) {
                    then.ok().accept(step.output());
                    return false;
                }
                data = step.output();
                current = step.next();
                return true;
            }
        }

        /**
         * Runs branches or iterations, at most {@code limit} at a time (0: no limit), collecting their
         * results in order. The first failure fails the whole and stops the others: "If any branch
         * fails, ... the entire Parallel state fails" and a failed iteration fails an Inline Map
         * (https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html,
         * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html).
         */
        private final class Fanout {
            private final int size;
            private final int limit;
            private final Strand parent;
            private final Starter starter;
            private final Consumer<Integer> onAborted;
            private final Then<JsonNode> then;
            private final JsonNode[] results;
            private final Strand[] strands;
            private int next;
            private int running;
            private int done;
            private boolean finished;
            private boolean launching;

            Fanout(int size, int limit, Strand parent, Starter starter, Consumer<Integer> onAborted, Then<JsonNode> then) {
                this.size = size;
                this.limit = limit;
                this.parent = parent;
                this.starter = starter;
                this.onAborted = onAborted;
                this.then = then;
                this.results = new JsonNode[size];
                this.strands = new Strand[size];
            }

            /** Starts what may start now; ends the whole once everything has succeeded. */
            void launch() {
                if (launching) {
                    return;
                }
                launching = true;
                try {
                    while (!finished && next < size && (limit == 0 || running < limit)) {
                        int index = next++;
                        running++;
                        strands[index] = parent.child();
                        starter.start(index, strands[index], new Then<>(result -> succeeded(index, result), e -> failed(index, e)));
                    }
                } finally {
                    launching = false;
                }
                if (!finished && done == size) {
                    finished = true;
                    ArrayNode array = JSON.arrayNode(size);
                    for (JsonNode result : results) {
                        array.add(result);
                    }
                    then.ok().accept(array);
                }
            }

            private void succeeded(int index, JsonNode result) {
                if (finished) {
                    return;
                }
                results[index] = result;
                strands[index] = null;
                running--;
                done++;
                launch();
            }

            private void failed(int index, StatesError e) {
                if (finished) {
                    return;
                }
                finished = true;
                strands[index] = null;
                for (int i = 0; i < next; i++) {
                    if (strands[i] != null) {
                        strands[i].stop();
                        onAborted.accept(i);
                    }
                }
                then.failed().accept(e);
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

        /** Runs one state; it ends through {@code then}, at once or later, or throws before calling it. */
        private void runState(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered,
                Strand on, Then<Step> then) {
            switch (state.get("Type").textValue()) {
                case "Pass" -> then.ok().accept(pass(name, state, stateInput, variables, entered));
                case "Wait" -> waitState(name, state, stateInput, variables, entered, on, then);
                case "Choice" -> then.ok().accept(choice(name, state, stateInput, variables, entered));
                case "Succeed" -> then.ok().accept(
                        new Step(outputOrInput(state, stateInput, bindings(variables, states(name, stateInput, entered))), null));
                case "Fail" -> throw fail(name, state, stateInput, variables, entered);
                case "Task" -> new Retrying(name, state, stateInput, variables, entered, on, then,
                        (retryCount, done) -> task(name, state, stateInput, variables, entered, retryCount, on, done)).attempt();
                case "Parallel" -> new Retrying(name, state, stateInput, variables, entered, on, then,
                        (retryCount, done) -> parallel(name, state, stateInput, variables, entered, retryCount, on, done)).attempt();
                case "Map" -> new Retrying(name, state, stateInput, variables, entered, on, then,
                        (retryCount, done) -> map(name, state, stateInput, variables, entered, retryCount, on, done)).attempt();
                default -> throw new IllegalStateException("the validator admits no state type " + state.get("Type"));
            }
        }

        private Step pass(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered));
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

        private void waitState(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered,
                Strand on, Then<Step> then) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered));
            Instant until;
            if (state.has("Seconds")) {
                long seconds = integer(state.get("Seconds"), bindings, "Seconds", 0);
                until = clock.instant().plusSeconds(seconds);
                emit(HistoryEventType.WAIT_STARTED, name, seconds + "s");
            } else {
                JsonNode timestamp = value(state.get("Timestamp"), bindings, "Timestamp");
                until = instant(state.get("Timestamp"), timestamp);
                emit(HistoryEventType.WAIT_STARTED, name, "until " + timestamp.textValue());
            }
            scheduler.at(until, on, () -> {
                Step step;
                try {
                    JsonNode output = outputOrInput(state, stateInput, bindings);
                    variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
                    step = new Step(output, next(state));
                } catch (StatesError e) {
                    then.failed().accept(e);
                    return;
                }
                then.ok().accept(step);
            });
        }

        /** Attempts of a Task, Parallel or Map state under its Retry and Catch fields; a retry waits its back-off. */
        private final class Retrying {
            private final String name;
            private final JsonNode state;
            private final JsonNode stateInput;
            private final Variables variables;
            private final Entered entered;
            private final Strand on;
            private final Then<Step> then;
            private final Attempt attempt;
            private final List<RetryPolicy> retriers;
            private final int[] attempts;
            private int retryCount;

            Retrying(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, Strand on,
                    Then<Step> then, Attempt attempt) {
                this.name = name;
                this.state = state;
                this.stateInput = stateInput;
                this.variables = variables;
                this.entered = entered;
                this.on = on;
                this.then = then;
                this.attempt = attempt;
                this.retriers = RetryPolicy.parse(state.get("Retry"));
                this.attempts = new int[retriers.size()];
            }

            void attempt() {
                try {
                    attempt.run(retryCount, new Then<>(this::succeeded, this::failed));
                } catch (StatesError e) {
                    failed(e);
                }
            }

            private void succeeded(JsonNode result) {
                Step step;
                try {
                    ObjectNode states = states(name, stateInput, entered, retryCount);
                    states.set("result", result);
                    Map<String, Object> bindings = bindings(variables, states);
                    JsonNode output = state.has("Output") ? expressions.template(state.get("Output"), bindings, "Output") : result;
                    variables.assign(assignments(state.get("Assign"), bindings, "Assign"));
                    step = new Step(output, next(state));
                } catch (StatesError e) {
                    failed(e);
                    return;
                }
                then.ok().accept(step);
            }

            private void failed(StatesError failure) {
                StatesError e = inState(failure, name, entered);
                int index = firstMatching(retriers, e.error());
                if (index >= 0 && attempts[index] < retriers.get(index).maxAttempts()) {
                    attempts[index]++;
                    retryCount++;
                    Duration delay = retriers.get(index).delay(attempts[index], random);
                    emit(HistoryEventType.RETRY_SCHEDULED, name,
                            "attempt " + (retryCount + 1) + " in " + seconds(delay) + " after " + e.error());
                    scheduler.at(clock.instant().plus(delay), on, this::attempt);
                    return;
                }
                Step step;
                try {
                    step = caught(name, state, stateInput, variables, entered, retryCount, e);
                } catch (StatesError uncaught) {
                    then.failed().accept(uncaught);
                    return;
                }
                then.ok().accept(step);
            }
        }

        private void task(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, int retryCount,
                Strand on, Then<JsonNode> then) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode arguments = state.has("Arguments")
                    ? expressions.template(state.get("Arguments"), bindings, "Arguments")
                    : stateInput;
            long timeoutSeconds = state.has("TimeoutSeconds") ? integer(state.get("TimeoutSeconds"), bindings, "TimeoutSeconds", 1) : 0;
            String resource = state.get("Resource").textValue();
            emit(HistoryEventType.TASK_SCHEDULED, name, resource, arguments);
            if (resource.equals(START_EXECUTION) || resource.equals(SYNC) || resource.equals(SYNC_2)) {
                startExecution(name, resource, arguments, timeoutSeconds, on, then);
                return;
            }
            if (resource.equals(DESCRIBE_EXECUTION)) {
                JsonNode described = describeExecution(name, arguments);
                emit(HistoryEventType.TASK_SUCCEEDED, name, described.toString());
                then.ok().accept(described);
                return;
            }
            Instant scheduled = clock.instant();
            JsonNode result;
            try {
                result = invoker.invoke(resource, arguments, new TaskContext(name, executionName, retryCount, entered.time()));
            } catch (TaskFailedException e) {
                emit(HistoryEventType.TASK_FAILED, name, describe(e.error(), e.cause()));
                throw new StatesError(e.error(), e.cause());
            } catch (RuntimeException e) {
                // What the Java Lambda runtime reports for an unhandled exception.
                String exceptionError = e.getClass().getName();
                emit(HistoryEventType.TASK_FAILED, name, describe(exceptionError, e.getMessage()));
                throw new StatesError(exceptionError, e.getMessage());
            }
            // Virtual time: the invoker (e.g. the emulator's injected latency) may advance the clock while
            // every other strand waits; a late result is discarded.
            if (timeoutSeconds > 0 && Duration.between(scheduled, clock.instant()).compareTo(Duration.ofSeconds(timeoutSeconds)) > 0) {
                String timeoutCause = "Task did not complete within its TimeoutSeconds of " + timeoutSeconds + " seconds";
                emit(HistoryEventType.TASK_TIMED_OUT, name, timeoutCause);
                throw new StatesError(StatesError.TIMEOUT, timeoutCause);
            }
            JsonNode taskResult = result == null ? JSON.nullNode() : result;
            emit(HistoryEventType.TASK_SUCCEEDED, name, taskResult.toString());
            then.ok().accept(taskResult);
        }

        /**
         * The Step Functions integration (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html):
         * StartExecution of a state machine registered in this engine, as a child execution of its own.
         * Plain startExecution answers with the new execution's ARN and start date at once; .sync and
         * .sync:2 wait for it to end and answer with what DescribeExecution says of it, its Input and
         * Output as JSON text (.sync) or as JSON (.sync:2). A child that does not succeed fails the task
         * with States.TaskFailed and that same description as the cause (INFERRED from AWS's recorded
         * TaskFailed events of .sync children). A name already used is answered as StartExecution answers it
         * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html): the same name
         * and input as a running execution is that execution, its ARN and start date; a name whose execution
         * ended, or runs with another input, is refused. An API refusal fails the task with
         * StepFunctions.&lt;Code&gt;Exception and the API's message followed by the AWS SDK's details, as AWS records
         * it for ExecutionAlreadyExists: error StepFunctions.ExecutionAlreadyExistsException, cause "Execution Already
         * Exists: '&lt;execution ARN&gt;' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists;
         * Request ID: ...; Proxy: null)" (INFERRED from AWS's recorded TaskFailed events: the developer guide lists no
         * error names for this integration; the other codes are worded alike, every StartExecution error being a 400).
         */
        private void startExecution(String name, String resource, JsonNode arguments, long timeoutSeconds, Strand on,
                Then<JsonNode> then) {
            JsonNode childInput = childInput(name, arguments.get("Input"));
            String childName = arguments.hasNonNull("Name") ? arguments.get("Name").asText()
                    : UUID.nameUUIDFromBytes((executionArn + "#" + history.size()).getBytes(StandardCharsets.UTF_8)).toString();
            Run child;
            try {
                child = startChild(arguments.path("StateMachineArn").asText(), childName, childInput, scheduler, executionArn);
            } catch (StepFunctionsException e) {
                String integrationError = "StepFunctions." + e.errorCode() + "Exception";
                String requestId = UUID.nameUUIDFromBytes((executionArn + "#request#" + history.size()).getBytes(StandardCharsets.UTF_8)).toString();
                String integrationCause = e.getMessage() + " (Service: AWSStepFunctions; Status Code: 400; Error Code: " + e.errorCode()
                        + "; Request ID: " + requestId + "; Proxy: null)";
                emit(HistoryEventType.TASK_FAILED, name, describe(integrationError, integrationCause));
                throw new StatesError(integrationError, integrationCause);
            }
            if (resource.equals(START_EXECUTION)) {
                ObjectNode started = JSON.objectNode();
                started.put("ExecutionArn", child.executionArn);
                started.put("StartDate", child.startTime.toEpochMilli());
                emit(HistoryEventType.TASK_SUCCEEDED, name, started.toString());
                then.ok().accept(started);
                return;
            }
            emit(HistoryEventType.TASK_SUBMITTED, name, child.executionArn);
            // A .sync child whose parent stops waiting for it (the parent stopped, timed out, or its branch
            // was stopped) is stopped too. INFERRED: AWS documents no words for it, but the policy it requires
            // for .sync grants states:StopExecution on the child executions for this
            // (https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html, "Synchronous").
            boolean[] over = new boolean[1];
            Dependent dependent = new Dependent(on, () -> child.end(ExecutionStatus.ABORTED, null, null,
                    "The execution that started it, " + executionArn + ", stopped waiting for it"));
            dependents.add(dependent);
            child.whenEnded.add(() -> scheduler.now(on, () -> {
                if (over[0]) {
                    return;
                }
                over[0] = true;
                dependents.remove(dependent);
                JsonNode description = childDescription(child, resource.equals(SYNC_2));
                if (child.status == ExecutionStatus.SUCCEEDED) {
                    emit(HistoryEventType.TASK_SUCCEEDED, name, description.toString());
                    then.ok().accept(description);
                } else {
                    emit(HistoryEventType.TASK_FAILED, name, describe(StatesError.TASK_FAILED, description.toString()));
                    then.failed().accept(new StatesError(StatesError.TASK_FAILED, description.toString()));
                }
            }));
            if (timeoutSeconds > 0) {
                scheduler.at(clock.instant().plusSeconds(timeoutSeconds), on, () -> {
                    if (over[0]) {
                        return;
                    }
                    over[0] = true;
                    dependents.remove(dependent);
                    dependent.stop().run();
                    String timeoutCause = "Task did not complete within its TimeoutSeconds of " + timeoutSeconds + " seconds";
                    emit(HistoryEventType.TASK_TIMED_OUT, name, timeoutCause);
                    then.failed().accept(new StatesError(StatesError.TIMEOUT, timeoutCause));
                });
            }
        }

        /**
         * DescribeExecution of any execution of this engine, as the AWS SDK integration answers it: the
         * API's fields in PascalCase (ExecutionArn, StateMachineArn, Name, Status, StartDate, StopDate once
         * ended, Input and Output as JSON text, Output only once SUCCEEDED, Error and Cause once it failed,
         * timed out or was stopped; https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html).
         * An unknown ARN is Sfn.ExecutionDoesNotExistException (ServiceName.ErrorName with the Exception
         * suffix: https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html).
         * INFERRED: dates as ISO-8601 text, as the integration serializes the SDK's timestamps.
         */
        private JsonNode describeExecution(String name, JsonNode arguments) {
            String arn = arguments.path("ExecutionArn").asText();
            Run described = executions.get(arn);
            if (described == null) {
                String notFound = "Sfn.ExecutionDoesNotExistException";
                String message = "Execution Does Not Exist: '" + arn + "'";
                emit(HistoryEventType.TASK_FAILED, name, describe(notFound, message));
                throw new StatesError(notFound, message);
            }
            ObjectNode description = JSON.objectNode();
            description.put("ExecutionArn", described.executionArn);
            description.put("StateMachineArn", described.stateMachineArn);
            description.put("Name", described.executionName);
            description.put("Status", described.status.name());
            description.put("StartDate", timestamp(described.startTime));
            if (described.stopTime != null) {
                description.put("StopDate", timestamp(described.stopTime));
            }
            description.put("Input", described.input.toString());
            if (described.status == ExecutionStatus.SUCCEEDED) {
                description.put("Output", described.output.toString());
            }
            if (described.error != null) {
                description.put("Error", described.error);
            }
            if (described.cause != null) {
                description.put("Cause", described.cause);
            }
            return description;
        }

        /** StartExecution's Input is JSON text in the API; the integration also takes JSON itself. None is {}. */
        private JsonNode childInput(String name, JsonNode value) {
            if (value == null || value.isNull()) {
                return JSON.objectNode();
            }
            if (!value.isTextual()) {
                return value;
            }
            try {
                return MAPPER.readTree(value.textValue());
            } catch (JsonProcessingException e) {
                String invalid = "StepFunctions.InvalidExecutionInputException";
                emit(HistoryEventType.TASK_FAILED, name, describe(invalid, e.getOriginalMessage()));
                throw new StatesError(invalid, "Invalid execution input: " + e.getOriginalMessage());
            }
        }

        /** DescribeExecution's answer for a child, as the .sync integrations return it (dates in epoch milliseconds). */
        private JsonNode childDescription(Run child, boolean asJson) {
            ObjectNode description = JSON.objectNode();
            description.put("ExecutionArn", child.executionArn);
            description.put("StateMachineArn", child.stateMachineArn);
            description.put("Name", child.executionName);
            description.put("Status", child.status.name());
            description.put("StartDate", child.startTime.toEpochMilli());
            description.put("StopDate", child.stopTime.toEpochMilli());
            if (asJson) {
                description.set("Input", child.input);
            } else {
                description.put("Input", child.input.toString());
            }
            description.putObject("InputDetails").put("Included", true);
            if (child.status == ExecutionStatus.SUCCEEDED) {
                if (asJson) {
                    description.set("Output", child.output);
                } else {
                    description.put("Output", child.output.toString());
                }
                description.putObject("OutputDetails").put("Included", true);
            } else {
                if (child.error != null) {
                    description.put("Error", child.error);
                }
                if (child.cause != null) {
                    description.put("Cause", child.cause);
                }
            }
            return description;
        }

        private void parallel(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, int retryCount,
                Strand on, Then<JsonNode> then) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            JsonNode branchInput = state.has("Arguments")
                    ? expressions.template(state.get("Arguments"), bindings, "Arguments")
                    : stateInput;
            JsonNode branches = state.get("Branches");
            emit(HistoryEventType.PARALLEL_STATE_STARTED, name, String.valueOf(branches.size()));
            new Fanout(branches.size(), 0, on, (i, branch, done) -> {
                emit(HistoryEventType.PARALLEL_BRANCH_STARTED, name, "branch " + i);
                new Block(branches.get(i), branchInput, new Variables(variables), branch, new Then<>(
                        result -> {
                            emit(HistoryEventType.PARALLEL_BRANCH_SUCCEEDED, name, "branch " + i);
                            done.ok().accept(result);
                        },
                        e -> {
                            emit(HistoryEventType.PARALLEL_BRANCH_FAILED, name, "branch " + i + ": " + describe(e.error(), e.errorCause()));
                            done.failed().accept(e);
                        })).run();
            }, i -> emit(HistoryEventType.PARALLEL_BRANCH_ABORTED, name, "branch " + i), then).launch();
        }

        private void map(String name, JsonNode state, JsonNode stateInput, Variables variables, Entered entered, int retryCount,
                Strand on, Then<JsonNode> then) {
            Map<String, Object> bindings = bindings(variables, states(name, stateInput, entered, retryCount));
            boolean distributed = "DISTRIBUTED".equals(state.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText());
            JsonNode items = state.has("ItemReader") ? readItems(name, state.get("ItemReader"), bindings, retryCount, entered)
                    : state.has("Items") ? expressions.template(state.get("Items"), bindings, "Items") : stateInput;
            if (!items.isArray()) {
                // Only an expression can give something else: the validator admits no other literal than an array.
                throw state.has("Items")
                        ? Expressions.unexpectedType(state.get("Items").textValue(), "Items", "array", items)
                        // AWS-validated snapshot in localstack/localstack, tests/aws/services/stepfunctions/v2/
                        // scenarios/test_base_scenarios (test_map_state_items_input_types, a JSONata Map without Items).
                        : StatesError.evaluation(null, "Map state input must be an array but was: " + items);
            }
            int limit = distributed ? DISTRIBUTED_CONCURRENCY_LIMIT : INLINE_CONCURRENCY_LIMIT;
            if (state.has("MaxConcurrency")) {
                long maxConcurrency = integer(state.get("MaxConcurrency"), bindings, "MaxConcurrency", 0);
                if (maxConcurrency > 0) {
                    limit = (int) Math.min(limit, maxConcurrency);
                }
            }
            List<JsonNode> inputs = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                inputs.add(state.has("ItemSelector")
                        ? expressions.template(state.get("ItemSelector"), withMapItem(bindings, i, item), "ItemSelector")
                        : item);
            }
            if (distributed) {
                distributedMap(name, state, bindings, inputs, limit, retryCount, entered, on, then);
                return;
            }
            JsonNode processor = state.get("ItemProcessor");
            emit(HistoryEventType.MAP_STATE_STARTED, name, String.valueOf(inputs.size()));
            new Fanout(inputs.size(), limit, on, (i, iteration, done) -> {
                emit(HistoryEventType.MAP_ITERATION_STARTED, name, "iteration " + i);
                new Block(processor, inputs.get(i), new Variables(variables), iteration, new Then<>(
                        result -> {
                            emit(HistoryEventType.MAP_ITERATION_SUCCEEDED, name, "iteration " + i);
                            done.ok().accept(result);
                        },
                        e -> {
                            emit(HistoryEventType.MAP_ITERATION_FAILED, name, "iteration " + i + ": " + describe(e.error(), e.errorCause()));
                            done.failed().accept(e);
                        })).run();
            }, i -> emit(HistoryEventType.MAP_ITERATION_ABORTED, name, "iteration " + i), then).launch();
        }

        /**
         * A Distributed Map (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html):
         * a Map Run whose every item is a child execution of the ItemProcessor, with its own history and
         * no access to the parent's variables. Failed children within ToleratedFailureCount and
         * ToleratedFailurePercentage leave their error output ({"Error", "Cause"}) in the result array
         * (INFERRED); past them the Map Run fails, its running children are stopped and the state fails
         * with States.ExceedToleratedFailureThreshold: running children are "stopped ... by Step Functions
         * because the Map Run failed" (https://docs.aws.amazon.com/step-functions/latest/apireference/API_MapRunExecutionCounts.html,
         * aborted). INFERRED: stopping the parent likewise aborts the Map Run and stops its running children,
         * and items not yet started never start.
         */
        private void distributedMap(String name, JsonNode state, Map<String, Object> bindings, List<JsonNode> inputs, int limit,
                int retryCount, Entered entered, Strand on, Then<JsonNode> then) {
            double toleratedPercentage = state.has("ToleratedFailurePercentage")
                    ? number(state.get("ToleratedFailurePercentage"), bindings, "ToleratedFailurePercentage") : 0;
            long toleratedCount = state.has("ToleratedFailureCount")
                    ? integer(state.get("ToleratedFailureCount"), bindings, "ToleratedFailureCount", 0) : 0;
            // INFERRED: without a Label, the Map state's name stands in for it in the ARNs.
            String label = state.path("Label").asText(name);
            String childMachineArn = stateMachineArn + "/" + label;
            String mapRunId = UUID.nameUUIDFromBytes((executionArn + "#" + history.size()).getBytes(StandardCharsets.UTF_8)).toString();
            MapRun mapRun = new MapRun(ARN_PREFIX + "mapRun:" + stateMachineName(childMachineArn) + ":" + mapRunId, executionArn,
                    limit, toleratedPercentage, toleratedCount,
                    new Tolerance(state.has("ToleratedFailureCount"), state.has("ToleratedFailurePercentage")), inputs.size());
            mapRuns.put(mapRun.arn, mapRun);
            Dependent abortRun = new Dependent(on, () -> mapRun.close(MapRunDescription.Status.ABORTED));
            dependents.add(abortRun);
            emit(HistoryEventType.MAP_RUN_STARTED, name, mapRun.arn);
            JsonNode processor = state.get("ItemProcessor");
            Run[] children = new Run[inputs.size()];
            new Fanout(inputs.size(), limit, on, (i, iteration, done) -> {
                String childName = UUID.nameUUIDFromBytes((mapRun.arn + "#" + i).getBytes(StandardCharsets.UTF_8)).toString();
                Run child = new Run(childMachineArn, processor, childName, inputs.get(i), event -> false, scheduler, mapRun.arn, executionArn);
                executions.put(child.executionArn, child);
                children[i] = child;
                mapRun.running++;
                Dependent stopChild = new Dependent(iteration, () -> child.end(ExecutionStatus.ABORTED, null, null,
                        "The Map Run " + mapRun.arn + " stopped"));
                dependents.add(stopChild);
                child.whenEnded.add(() -> {
                    dependents.remove(stopChild);
                    mapRun.ended(child.status);
                    scheduler.now(iteration, () -> {
                        if (child.status == ExecutionStatus.SUCCEEDED) {
                            done.ok().accept(child.output);
                        } else if (!mapRun.exceedsTolerance()) {
                            ObjectNode errorOutput = JSON.objectNode();
                            errorOutput.put("Error", child.error);
                            errorOutput.put("Cause", child.cause);
                            done.ok().accept(errorOutput);
                        } else {
                            done.failed().accept(new StatesError(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                                    "The Map Run " + mapRun.arn + " failed: " + (mapRun.failed + mapRun.timedOut + mapRun.aborted)
                                            + " of " + mapRun.total + " child executions failed, more than it tolerates"));
                        }
                    });
                });
                child.start();
            }, i -> { }, new Then<>(
                    results -> {
                        dependents.remove(abortRun);
                        mapRun.close(MapRunDescription.Status.SUCCEEDED);
                        emit(HistoryEventType.MAP_RUN_SUCCEEDED, name, mapRun.arn);
                        JsonNode output;
                        try {
                            output = state.has("ResultWriter")
                                    ? writeResults(name, state.get("ResultWriter"), bindings, mapRun, mapRunId, children, inputs, retryCount, entered)
                                    : results;
                        } catch (StatesError e) {
                            then.failed().accept(e);
                            return;
                        }
                        then.ok().accept(output);
                    },
                    e -> {
                        dependents.remove(abortRun);
                        mapRun.close(MapRunDescription.Status.FAILED);
                        emit(HistoryEventType.MAP_RUN_FAILED, name, mapRun.arn + ": " + describe(e.error(), e.errorCause()));
                        if (state.has("ResultWriter")) {
                            // INFERRED: a failed Map Run still writes what its children did, for the operator to read.
                            try {
                                writeResults(name, state.get("ResultWriter"), bindings, mapRun, mapRunId, children, inputs, retryCount, entered);
                            } catch (StatesError writeFailure) {
                                then.failed().accept(writeFailure);
                                return;
                            }
                        }
                        then.failed().accept(e);
                    })).launch();
        }

        /**
         * ItemReader (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html), for
         * a JSON array in an S3 object: the invoker runs the Resource (arn:aws:states:::s3:getObject) with
         * the evaluated Arguments (Bucket, Key, VersionId) and answers with the object's content as text in
         * "Body". ReaderConfig.MaxItems keeps the first items. A read that fails, or content that is no JSON
         * array, is States.ItemReaderFailed (concepts-error-handling, error names).
         */
        private JsonNode readItems(String name, JsonNode reader, Map<String, Object> bindings, int retryCount, Entered entered) {
            JsonNode arguments = expressions.template(reader.get("Arguments"), bindings, "ItemReader/Arguments");
            String location = "s3://" + arguments.path("Bucket").asText() + "/" + arguments.path("Key").asText();
            JsonNode object = s3(reader, arguments, name, retryCount, entered, StatesError.ITEM_READER_FAILED);
            JsonNode items;
            try {
                items = MAPPER.readTree(object.path("Body").asText(""));
            } catch (JsonProcessingException e) {
                throw new StatesError(StatesError.ITEM_READER_FAILED, "The object " + location + " is not JSON: " + e.getOriginalMessage());
            }
            if (items == null || !items.isArray()) {
                throw new StatesError(StatesError.ITEM_READER_FAILED, "The object " + location + " holds no JSON array");
            }
            long maxItems = reader.path("ReaderConfig").path("MaxItems").asLong(0);
            if (maxItems > 0 && maxItems < items.size()) {
                ArrayNode first = JSON.arrayNode();
                for (int i = 0; i < maxItems; i++) {
                    first.add(items.get(i));
                }
                return first;
            }
            return items;
        }

        /**
         * ResultWriter (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html):
         * under Prefix/&lt;Map Run id&gt;/ in Bucket, SUCCEEDED_0.json and FAILED_0.json (failed, timed-out
         * and aborted children), each a JSON array of the children as DescribeExecution describes them
         * (Input and Output as JSON text), PENDING_0.json for the items never started, and manifest.json
         * listing them (DestinationBucket, MapRunArn, ResultFiles). Each goes to the invoker as
         * arn:aws:states:::s3:putObject with Bucket, Key and Body. The state's result is then
         * {MapRunArn, ResultWriterDetails: {Bucket, Key}} instead of the children's outputs. INFERRED: a
         * group with no children gets no file; a failed write is States.ResultWriterFailed.
         */
        private JsonNode writeResults(String name, JsonNode writer, Map<String, Object> bindings, MapRun mapRun, String mapRunId,
                Run[] children, List<JsonNode> inputs, int retryCount, Entered entered) {
            JsonNode arguments = expressions.template(writer.get("Arguments"), bindings, "ResultWriter/Arguments");
            String bucket = arguments.path("Bucket").asText();
            String prefix = arguments.path("Prefix").asText("");
            String base = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + mapRunId + "/";
            Map<String, ArrayNode> groups = new LinkedHashMap<>();
            for (String group : List.of("FAILED", "PENDING", "SUCCEEDED")) {
                groups.put(group, JSON.arrayNode());
            }
            long written = 0;
            for (int i = 0; i < children.length; i++) {
                Run child = children[i];
                if (child == null || child.status == ExecutionStatus.RUNNING) {
                    groups.get("PENDING").addObject().put("Input", inputs.get(i).toString());
                } else {
                    groups.get(child.status == ExecutionStatus.SUCCEEDED ? "SUCCEEDED" : "FAILED").add(childDescription(child, false));
                    written++;
                }
            }
            ObjectNode manifest = JSON.objectNode();
            manifest.put("DestinationBucket", bucket);
            manifest.put("MapRunArn", mapRun.arn);
            ObjectNode files = manifest.putObject("ResultFiles");
            for (Map.Entry<String, ArrayNode> group : groups.entrySet()) {
                ArrayNode listed = files.putArray(group.getKey());
                if (group.getValue().isEmpty()) {
                    continue;
                }
                String key = base + group.getKey() + "_0.json";
                String body = group.getValue().toString();
                putObject(writer, bucket, key, body, name, retryCount, entered);
                listed.addObject().put("Key", key).put("Size", body.getBytes(StandardCharsets.UTF_8).length);
            }
            putObject(writer, bucket, base + "manifest.json", manifest.toString(), name, retryCount, entered);
            mapRun.resultsWritten = written;
            ObjectNode details = JSON.objectNode();
            details.put("MapRunArn", mapRun.arn);
            details.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", base + "manifest.json");
            return details;
        }

        private void putObject(JsonNode writer, String bucket, String key, String body, String name, int retryCount, Entered entered) {
            ObjectNode arguments = JSON.objectNode();
            arguments.put("Bucket", bucket);
            arguments.put("Key", key);
            arguments.put("Body", body);
            s3(writer, arguments, name, retryCount, entered, StatesError.RESULT_WRITER_FAILED);
        }

        /** One S3 call of an ItemReader or ResultWriter, through the invoker as a Task's would go; a failure is {@code failedAs}. */
        private JsonNode s3(JsonNode field, JsonNode arguments, String name, int retryCount, Entered entered, String failedAs) {
            String resource = field.get("Resource").textValue();
            try {
                JsonNode answer = invoker.invoke(resource, arguments, new TaskContext(name, executionName, retryCount, entered.time()));
                return answer == null ? JSON.nullNode() : answer;
            } catch (TaskFailedException e) {
                throw new StatesError(failedAs, resource + " failed with " + describe(e.error(), e.cause()));
            } catch (RuntimeException e) {
                throw new StatesError(failedAs, resource + " failed with " + describe(e.getClass().getName(), e.getMessage()));
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

        /**
         * $states: input and context; result and errorOutput are added where they exist. The context has
         * the fields AWS documents (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html)
         * that apply here: Execution.RedriveTime exists only once an execution is redriven, Task.Token only for
         * the callback pattern (.waitForTaskToken) and Map.Item.Source only for a Distributed Map's ItemReader,
         * none of which the local engine records; the Map context (Map.Item.Index and Value) is added for ItemSelector.
         */
        private ObjectNode states(String name, JsonNode stateInput, Entered entered) {
            ObjectNode states = JSON.objectNode();
            states.set("input", stateInput);
            ObjectNode context = states.putObject("context");
            ObjectNode execution = context.putObject("Execution");
            execution.put("Id", executionArn);
            execution.put("Name", executionName);
            execution.put("StartTime", startTimestamp);
            execution.set("Input", input);
            execution.put("RoleArn", ROLE_ARN);
            // "If you have not yet redriven an execution, the redriveCount is 0" (AWS API reference,
            // ExecutionRedrivenEventDetails); a local execution is never redriven.
            execution.put("RedriveCount", 0);
            ObjectNode stateContext = context.putObject("State");
            stateContext.put("Name", name);
            stateContext.put("EnteredTime", timestamp(entered.time()));
            ObjectNode stateMachine = context.putObject("StateMachine");
            stateMachine.put("Id", stateMachineArn);
            stateMachine.put("Name", stateMachineName);
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

        /**
         * What an expression sees: the variables and $states. Converted for the JSONata library only when
         * an expression reads them (a state without expressions converts nothing), with the execution's
         * input, which every $states carries, converted once per execution.
         */
        private Map<String, Object> bindings(Variables variables, ObjectNode states) {
            return new Bindings(() -> {
                Map<String, Object> bindings = new LinkedHashMap<>();
                variables.collect(bindings);
                ObjectNode execution = (ObjectNode) states.get("context").get("Execution");
                JsonNode executionInput = execution.remove("Input");
                @SuppressWarnings("unchecked")
                Map<String, Object> converted = (Map<String, Object>) Expressions.toJava(states);
                execution.set("Input", executionInput);
                @SuppressWarnings("unchecked")
                Map<String, Object> context = (Map<String, Object>) converted.get("context");
                @SuppressWarnings("unchecked")
                Map<String, Object> executionContext = (Map<String, Object>) context.get("Execution");
                executionContext.put("Input", inputForExpressions());
                bindings.put("states", converted);
                return bindings;
            });
        }

        /**
         * The Map state's bindings with $states.context.Map.Item (Index and Value) for one item: the
         * state's own are converted once and shared, so a Map over n items converts its input once, not n times.
         */
        @SuppressWarnings("unchecked")
        private Map<String, Object> withMapItem(Map<String, Object> stateBindings, int index, JsonNode item) {
            Map<String, Object> itemBindings = new LinkedHashMap<>(stateBindings);
            Map<String, Object> states = new LinkedHashMap<>((Map<String, Object>) stateBindings.get("states"));
            Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) states.get("context"));
            Map<String, Object> mapItem = new LinkedHashMap<>();
            mapItem.put("Index", index);
            mapItem.put("Value", Expressions.toJava(item));
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("Item", mapItem);
            context.put("Map", map);
            states.put("context", context);
            itemBindings.put("states", states);
            return itemBindings;
        }

        private Object inputForExpressions() {
            if (convertedInput == null) {
                convertedInput = Expressions.toJava(input);
            }
            return convertedInput;
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


        /** A percentage field (ToleratedFailurePercentage): a number from 0 to 100, literal or from an expression. */
        private double number(JsonNode field, Map<String, Object> bindings, String name) {
            JsonNode value = value(field, bindings, name);
            if (!value.isNumber()) {
                // INFERRED: AWS's words for a Map's Items that is no array, applied to a value that is no number.
                throw Expressions.unexpectedType(field.textValue(), name, "number", value);
            }
            if (value.doubleValue() < 0 || value.doubleValue() > 100) {
                throw Expressions.failed(field, name, "returned an out-of-range value. Expected a number from 0 to 100, but was: " + value);
            }
            return value.doubleValue();
        }

        private HistoryEvent emit(HistoryEventType type, String stateName, String detail) {
            return emit(type, stateName, detail, null);
        }

        private HistoryEvent emit(HistoryEventType type, String stateName, String detail, JsonNode data) {
            HistoryEvent event = new HistoryEvent(history.size() + 1L, clock.instant(), type, stateName, abbreviate(detail), data);
            history.add(event);
            listener.onEvent(executionArn, event);
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
