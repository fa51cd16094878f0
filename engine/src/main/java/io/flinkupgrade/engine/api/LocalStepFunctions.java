package io.flinkupgrade.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.MapRunDescription;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.StepFunctionsException;
import io.flinkupgrade.engine.TaskInvoker;
import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A local Step Functions: registered state machines and their executions, all run by one
 * {@link LocalEngine} against one clock (paced against the wall clock for a server people watch), so an
 * execution can start another state machine's execution (states:startExecution, a Distributed Map) and
 * every execution, child executions included, is addressable by the ARN its own
 * {@code $states.context.Execution.Id} gives. The API's rules the engine does not keep live here
 * (generated names, the input's size and syntax); {@link StepFunctionsProtocol} only decodes and encodes.
 *
 * <p>One thread, the driver, runs the engine's steps as the clock reaches them; API calls start, stop
 * and read executions between two steps.
 */
public final class LocalStepFunctions implements AutoCloseable {
    private static final long RANDOM_SEED = 20181123L;
    /** The maximum input size, 256 KiB (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html). */
    private static final int MAX_INPUT_BYTES = 262_144;
    private static final Set<HistoryEventType> ENDS = EnumSet.of(HistoryEventType.EXECUTION_SUCCEEDED,
            HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_TIMED_OUT, HistoryEventType.EXECUTION_ABORTED);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualClock clock;
    private final LocalEngine engine;
    private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
    private final List<Consumer<ExecutionDescription>> endListeners = new CopyOnWriteArrayList<>();
    private final Thread driver;
    /** Set by a start or stop, so the driver looks at the schedule again instead of sleeping on. */
    private boolean woken;
    private boolean closed;

    /** A local Step Functions whose executions' tasks {@code invoker} runs, one at a time. */
    public LocalStepFunctions(VirtualClock clock, TaskInvoker invoker) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engine = new LocalEngine(invoker, clock, new Random(RANDOM_SEED), new EndWatcher());
        this.driver = new Thread(this::drive, "local-step-functions");
        driver.setDaemon(true);
        driver.start();
    }

    /** The ARN a state machine of this name has here. */
    public static String stateMachineArn(String name) {
        return LocalEngine.stateMachineArn(name);
    }

    /** Serves a state machine; its executions may start those of every other one registered here. */
    public synchronized StateMachine register(String name, StateMachineDefinition definition) {
        StateMachine machine = new StateMachine(name, engine.register(name, definition), definition, clock.instant());
        stateMachines.put(machine.arn(), machine);
        return machine;
    }

    /**
     * Called with how an execution ended (child executions too), as EventBridge delivers AWS's
     * "Execution Status Change" events: the place for work AWS does after an execution, such as a
     * cleanup rule. Locally it runs before the execution shows as ended (DescribeExecution,
     * StopExecution's answer), so a start right after sees the cleanup done; in AWS the rule follows
     * within seconds.
     */
    public void onExecutionEnd(Consumer<ExecutionDescription> listener) {
        endListeners.add(listener);
    }

    public synchronized List<StateMachine> stateMachines() {
        return List.copyOf(stateMachines.values());
    }

    public synchronized StateMachine stateMachine(String arn) {
        requireArn(arn, "stateMachine");
        StateMachine machine = stateMachines.get(arn);
        if (machine == null) {
            throw new StepFunctionsException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    /**
     * Starts an execution as the engine's {@link LocalEngine#start} does (names unique per state
     * machine, idempotent for a running one with the same input).
     *
     * @param name null for a generated one (a UUID, as AWS does)
     * @param input null for {@code {}}
     */
    public ExecutionDescription start(String stateMachineArn, String name, String input) {
        String arn = stateMachine(stateMachineArn).arn();
        ExecutionDescription started = engine.start(arn, name == null ? UUID.randomUUID().toString() : name, parseInput(input));
        wakeDriver();
        return started;
    }

    public ExecutionDescription execution(String arn) {
        requireArn(arn, "execution");
        return engine.execution(arn).orElseThrow(
                () -> new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
    }

    /** An execution's history so far, oldest first. */
    public List<HistoryEvent> history(String executionArn) {
        requireArn(executionArn, "execution");
        return engine.history(executionArn);
    }

    /** A state machine's executions, the most recent first, as ListExecutions orders them. */
    public List<ExecutionDescription> executions(String stateMachineArn) {
        String arn = stateMachine(stateMachineArn).arn();
        return newestFirst(engine.executions().stream().filter(e -> e.stateMachineArn().equals(arn)).toList());
    }

    /** A Map Run's child executions, the most recent first (ListExecutions with a mapRunArn). */
    public List<ExecutionDescription> mapRunExecutions(String mapRunArn) {
        String arn = mapRun(mapRunArn).mapRunArn();
        return newestFirst(engine.executions().stream().filter(e -> arn.equals(e.mapRunArn())).toList());
    }

    public MapRunDescription mapRun(String mapRunArn) {
        requireArn(mapRunArn, "mapRun");
        return engine.mapRun(mapRunArn).orElseThrow(
                () -> new StepFunctionsException("ResourceNotFound", "Resource Not Found: '" + mapRunArn + "'"));
    }

    /** The Map Runs an execution's Distributed Map states started, in the order they started. */
    public List<MapRunDescription> mapRuns(String executionArn) {
        return engine.mapRuns(execution(executionArn).executionArn());
    }

    /**
     * Stops a running execution and the child executions it waits on: it ends ABORTED with this error
     * and cause at once, even while it waits. Stopping an ended execution changes nothing.
     *
     * @return the stop date
     */
    public Instant stop(String executionArn, String error, String cause) {
        requireArn(executionArn, "execution");
        ExecutionDescription stopped = engine.stop(executionArn, error, cause);
        wakeDriver();
        return stopped.stopDate();
    }

    /** Stops every running execution, then the driver. */
    @Override
    public void close() {
        for (ExecutionDescription execution : engine.executions()) {
            if (execution.status() == ExecutionStatus.RUNNING) {
                engine.stop(execution.executionArn(), "States.Runtime", "the local Step Functions was shut down");
            }
        }
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            driver.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The driver: runs every step that is due, then sleeps until the next one is (on a paced clock, the
     * wall-clock share of the wait; on a jumping clock it jumps there) or a start or stop wakes it.
     */
    private void drive() {
        while (true) {
            Optional<Instant> next = engine.nextWakeUp();
            boolean due = next.isPresent() && (!clock.isPaced() || !next.get().isAfter(clock.instant()));
            if (due) {
                engine.runUntil(clock.isPaced() ? clock.instant() : next.get());
                continue;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (!woken) {
                    try {
                        wait(next.map(at -> Math.max(1, clock.wallTimeUntil(at).toMillis())).orElse(0L));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    private synchronized void wakeDriver() {
        woken = true;
        notifyAll();
    }

    /** Hands every ended execution to the end listeners, on the thread that ended it and inside the engine's step. */
    private final class EndWatcher implements io.flinkupgrade.engine.ExecutionListener {
        @Override
        public void onEvent(HistoryEvent event) {
            // Only the form with the execution's ARN is called.
        }

        @Override
        public void onEvent(String executionArn, HistoryEvent event) {
            if (ENDS.contains(event.type())) {
                ExecutionDescription ended = engine.execution(executionArn).orElseThrow();
                endListeners.forEach(listener -> listener.accept(ended));
            }
        }
    }

    private static List<ExecutionDescription> newestFirst(List<ExecutionDescription> inStartOrder) {
        // The engine keeps them in start order, and the clock never runs backwards.
        List<ExecutionDescription> reversed = new ArrayList<>(inStartOrder);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static JsonNode parseInput(String input) {
        if (input == null) {
            return JSON.createObjectNode();
        }
        if (input.length() > MAX_INPUT_BYTES) {
            throw new StepFunctionsException("InvalidExecutionInput",
                    "Invalid Execution Input: the input is larger than " + MAX_INPUT_BYTES + " bytes");
        }
        try {
            JsonNode parsed = JSON.readTree(input);
            if (parsed == null || parsed.isMissingNode()) {
                throw new StepFunctionsException("InvalidExecutionInput", "Invalid Execution Input: the input is empty");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new StepFunctionsException("InvalidExecutionInput", "Invalid Execution Input: " + e.getOriginalMessage());
        }
    }

    /** An ARN of Step Functions naming a resource of the given kind, or InvalidArn. */
    private static void requireArn(String arn, String kind) {
        if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(":" + kind + ":")) {
            throw new StepFunctionsException("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
    }
}
