package io.flinkupgrade.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskInvoker;
import io.flinkupgrade.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A local Step Functions: registered state machines and their executions, each run by the engine on a
 * thread of its own against the one clock (paced against the wall clock for a server people watch).
 * The API's rules live here (names, idempotent starts, stopping); {@link StepFunctionsProtocol} only
 * decodes and encodes.
 */
public final class LocalStepFunctions implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/LocalStateMachineRole";
    private static final String ARN_PREFIX = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":";
    /**
     * "A name must not contain: white space, brackets &lt; &gt; { } [ ], wildcard characters ? *, special
     * characters " # % \ ^ | ~ ` $ &amp; , ; : /, control characters (U+0000-001F, U+007F-009F)", 1 to 80
     * characters (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
     */
    private static final Pattern INVALID_NAME_CHARACTER =
            Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]");
    private static final int MAX_NAME_LENGTH = 80;
    /** The maximum input size, 256 KiB (same page, StartExecution's input). */
    private static final int MAX_INPUT_BYTES = 262_144;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualClock clock;
    private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
    private final Map<String, LocalExecution> executions = new LinkedHashMap<>();
    private final List<Consumer<LocalExecution>> endListeners = new CopyOnWriteArrayList<>();

    public LocalStepFunctions(VirtualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The ARN a state machine of this name has here. */
    public static String stateMachineArn(String name) {
        return ARN_PREFIX + "stateMachine:" + name;
    }

    /** The ARN an execution of this name of this state machine has here. */
    public static String executionArn(String stateMachineName, String executionName) {
        return ARN_PREFIX + "execution:" + stateMachineName + ":" + executionName;
    }

    /** Serves a state machine whose tasks {@code invoker} runs. */
    public synchronized StateMachine register(String name, StateMachineDefinition definition, TaskInvoker invoker) {
        StateMachine machine = new StateMachine(name, stateMachineArn(name), definition, invoker, clock.instant());
        stateMachines.put(machine.arn(), machine);
        return machine;
    }

    /**
     * Called on the execution's thread once it has ended, as EventBridge delivers AWS's "Execution
     * Status Change" events: the place for work AWS does after an execution, such as a cleanup rule.
     */
    public void onExecutionEnd(Consumer<LocalExecution> listener) {
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
     * Starts an execution. Its name is unique per state machine: the same name and input while it runs
     * returns the running execution (AWS calls this idempotent); a different input, or a name whose
     * execution has ended, is ExecutionAlreadyExists
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
     *
     * @param name null for a generated one (a UUID, as AWS does)
     * @param input null for {@code {}}
     */
    public synchronized LocalExecution start(String stateMachineArn, String name, String input) {
        StateMachine machine = stateMachine(stateMachineArn);
        String executionName = name == null ? UUID.randomUUID().toString() : validName(name);
        JsonNode parsedInput = parseInput(input);
        String arn = executionArn(machine.name(), executionName);
        LocalExecution existing = executions.get(arn);
        if (existing != null) {
            if (existing.isRunning() && existing.input().equals(parsedInput)) {
                return existing;
            }
            throw new StepFunctionsException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        LocalExecution execution = new LocalExecution(machine, executionName, arn, parsedInput, clock.instant());
        executions.put(arn, execution);
        Thread runner = new Thread(() -> run(execution), "execution-" + executionName);
        runner.setDaemon(true);
        execution.runOn(runner);
        runner.start();
        return execution;
    }

    public synchronized LocalExecution execution(String arn) {
        requireArn(arn, "execution");
        LocalExecution execution = executions.get(arn);
        if (execution == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return execution;
    }

    /** A state machine's executions, the most recent first, as ListExecutions orders them. */
    public synchronized List<LocalExecution> executions(String stateMachineArn) {
        StateMachine machine = stateMachine(stateMachineArn);
        // Kept in start order, and the clock never runs backwards: newest first is that order reversed.
        List<LocalExecution> ofMachine = new ArrayList<>();
        for (LocalExecution execution : executions.values()) {
            if (execution.stateMachine() == machine) {
                ofMachine.add(0, execution);
            }
        }
        return ofMachine;
    }

    /**
     * Stops a running execution: it ends ABORTED with this error and cause, at once even while it waits.
     * INFERRED: AWS documents no error for stopping an execution that has already ended; this answers
     * with the date it ended and changes nothing.
     *
     * @return the stop date
     */
    public Instant stop(String executionArn, String error, String cause) throws InterruptedException {
        LocalExecution execution = execution(executionArn);
        if (execution.requestStop(new LocalExecution.Stop(error, cause))) {
            execution.awaitEnd(Duration.ofSeconds(30));
        }
        return execution.result().map(ExecutionResult::stopTime).orElseGet(clock::instant);
    }

    /** Stops every running execution and waits for them to end. */
    @Override
    public void close() {
        List<LocalExecution> all;
        synchronized (this) {
            all = List.copyOf(executions.values());
        }
        for (LocalExecution execution : all) {
            try {
                stop(execution.arn(), "States.Runtime", "the local Step Functions was shut down");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(LocalExecution execution) {
        StateMachine machine = execution.stateMachine();
        LocalEngine engine = new LocalEngine(machine.invoker(), clock, new Random(execution.arn().hashCode()), execution::record);
        ExecutionResult result = engine.execute(machine.definition(), execution.name(), execution.input(),
                event -> execution.stopping());
        // A stop interrupts the thread; what runs after the execution must not inherit that.
        Thread.interrupted();
        execution.end(result);
        for (Consumer<LocalExecution> listener : endListeners) {
            listener.accept(execution);
        }
    }

    private static String validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || INVALID_NAME_CHARACTER.matcher(name).find()) {
            throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "'");
        }
        return name;
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

    /** An ARN of this region and account naming a resource of the given kind, or InvalidArn. */
    private static void requireArn(String arn, String kind) {
        if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(":" + kind + ":")) {
            throw new StepFunctionsException("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
    }
}
