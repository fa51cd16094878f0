package io.flinkupgrade.engine.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.engine.ExecutionListener;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskContext;
import io.flinkupgrade.engine.TaskFailedException;
import io.flinkupgrade.engine.TaskInvoker;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs one example from the AWS Step Functions developer guide on the local engine, as an AWS user
 * would: the example's definition and input, with each Task's Resource answered by a scripted result.
 */
final class AwsExample implements TaskInvoker {
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final VirtualClock clock = new VirtualClock(START);
    final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Function<JsonNode, JsonNode>>> scripts = new HashMap<>();

    /** One Task invocation the engine made. */
    record Call(String resource, JsonNode arguments, TaskContext context) {}

    /** Queues a behaviour for a Resource; the last one queued answers every further call. */
    AwsExample task(String resource, Function<JsonNode, JsonNode> behaviour) {
        scripts.computeIfAbsent(resource, r -> new ArrayDeque<>()).add(behaviour);
        return this;
    }

    AwsExample failing(String resource, String error, String cause) {
        return task(resource, arguments -> {
            throw new TaskFailedException(error, cause);
        });
    }

    final List<HistoryEvent> heard = new ArrayList<>();
    /** Every event of every execution, with its execution's ARN, in the order the engine emitted them. */
    final List<String> heardWithArn = new ArrayList<>();
    final LocalEngine engine = new LocalEngine(this, clock, new SplittableRandom(11), new ExecutionListener() {
        @Override
        public void onEvent(HistoryEvent event) {
            heard.add(event);
        }

        @Override
        public void onEvent(String executionArn, HistoryEvent event) {
            heardWithArn.add(executionArn + " " + event.type());
            onEvent(event);
        }
    });

    ExecutionResult run(String definition, String input) {
        return engine.execute(StateMachineDefinition.parse(definition, Map.of()), "exec-1", json(input));
    }

    /** Registers a state machine in the example's engine, as a parent's startExecution task would find it. */
    String register(String name, String definition) {
        return engine.register(name, StateMachineDefinition.parse(definition, Map.of()));
    }

    @Override
    public JsonNode invoke(String resource, JsonNode arguments, TaskContext context) {
        calls.add(new Call(resource, arguments, context));
        Deque<Function<JsonNode, JsonNode>> script = scripts.get(resource);
        if (script == null) {
            throw new IllegalStateException("the example scripts no Resource " + resource);
        }
        return (script.size() > 1 ? script.poll() : script.peek()).apply(arguments);
    }

    /** A JSONata state machine around the given States, starting at the first one named. */
    static String machine(String startAt, String states) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"" + startAt + "\", \"States\": {" + states + "}}";
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The details of the history events of one type, in order. */
    static List<String> details(ExecutionResult result, HistoryEventType type) {
        return result.history().stream().filter(e -> e.type() == type).map(HistoryEvent::detail).toList();
    }
}
