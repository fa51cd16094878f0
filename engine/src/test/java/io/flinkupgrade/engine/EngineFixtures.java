package io.flinkupgrade.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.engine.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Fixture files, a scripted task invoker and fixed randomness for the engine tests. */
final class EngineFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private EngineFixtures() {}

    static String text(String name) {
        try (InputStream in = EngineFixtures.class.getResourceAsStream("/engine/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StateMachineDefinition definition(String name) {
        return StateMachineDefinition.parse(text(name), Map.of());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A generator whose doubles come from a fixed list, so jitter and $random are predictable. */
    static RandomGenerator fixedDoubles(double... values) {
        return new RandomGenerator() {
            private int next;

            @Override
            public double nextDouble() {
                return values[next++ % values.length];
            }

            @Override
            public long nextLong() {
                return 0x0123456789ABCDEFL * (++next);
            }
        };
    }

    /** One call the engine made to the invoker. */
    record Call(String resource, JsonNode arguments, TaskContext context, Instant at) {}

    /** Answers each resource from a queue of scripted behaviours; the last one repeats. */
    static final class ScriptedInvoker implements TaskInvoker {
        private final VirtualClock clock;
        private final Map<String, Deque<Function<JsonNode, JsonNode>>> scripts = new HashMap<>();
        final List<Call> calls = new ArrayList<>();

        ScriptedInvoker(VirtualClock clock) {
            this.clock = clock;
        }

        ScriptedInvoker on(String resource, Function<JsonNode, JsonNode> behaviour) {
            scripts.computeIfAbsent(resource, r -> new ArrayDeque<>()).add(behaviour);
            return this;
        }

        ScriptedInvoker failing(String resource, String error, String cause) {
            return on(resource, args -> {
                throw new TaskFailedException(error, cause);
            });
        }

        ScriptedInvoker taking(String resource, Duration duration, JsonNode result) {
            return on(resource, args -> {
                clock.advance(duration);
                return result;
            });
        }

        @Override
        public JsonNode invoke(String resource, JsonNode arguments, TaskContext context) {
            calls.add(new Call(resource, arguments, context, clock.instant()));
            Deque<Function<JsonNode, JsonNode>> script = scripts.get(resource);
            if (script == null) {
                throw new IllegalStateException("no script for " + resource);
            }
            Function<JsonNode, JsonNode> behaviour = script.size() > 1 ? script.poll() : script.peek();
            return behaviour.apply(arguments);
        }
    }
}
