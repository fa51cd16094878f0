package io.flinkupgrade.observe;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The one way a handler logs: {@link #around} wraps a task so every line carries the execution, the
 * state and the application ({@link ExecutionContext}, and Powertools' function, request id and cold
 * start), and logs the task's outcome once, as one JSON line: the decision with its numbers, or the
 * named error the ASL will branch on.
 *
 * <p>Functional Powertools ({@link PowertoolsLogging#withLogging}), no AspectJ. The level comes
 * from {@code POWERTOOLS_LOG_LEVEL}, which the stack sets on every function. Values are strings
 * and numbers only: the jar leaves out Powertools' JSON serialisation of arbitrary objects.
 */
public final class TaskLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.flinkupgrade");

    private TaskLog() {}

    /** The log keys {@link #around} sets from the {@link ExecutionContext}, for the task's duration. */
    static final Map<String, Function<ExecutionContext, String>> KEYS = keys();

    private static Map<String, Function<ExecutionContext, String>> keys() {
        Map<String, Function<ExecutionContext, String>> keys = new LinkedHashMap<>();
        keys.put("execution", ExecutionContext::name);
        keys.put("executionArn", ExecutionContext::id);
        keys.put("state", ExecutionContext::state);
        keys.put("application", ExecutionContext::application);
        return Collections.unmodifiableMap(keys);
    }

    /**
     * Runs one task: logs its decision ({@code outcome} of the result) or the error it ends with,
     * every line keyed by {@code execution} (none when a test calls the handler directly).
     */
    public static <T> T around(Context lambda, ExecutionContext execution, Supplier<T> task, Decision<T> decision) {
        Supplier<T> logged = () -> {
            if (execution != null) {
                KEYS.forEach((key, value) -> {
                    if (value.apply(execution) != null) {
                        MDC.put(key, value.apply(execution));
                    }
                });
            }
            try {
                T result = task.get();
                decision.log(result);
                return result;
            } catch (RuntimeException e) {
                // The ASL's Catch names the class; an operator reads the message.
                LOG.warn(e.getMessage(), entry("outcome", e.getClass().getSimpleName()));
                throw e;
            } finally {
                KEYS.keySet().forEach(MDC::remove);
            }
        };
        // Handlers called without a Lambda context (unit tests) still log, without the function's keys.
        return lambda == null ? logged.get() : PowertoolsLogging.withLogging(lambda, logged);
    }

    /** The decision line for one task's result. */
    @FunctionalInterface
    public interface Decision<T> {
        void log(T result);
    }

    /** One INFO line: a decision, {@code message} with {@code outcome} and its numbers (strings or numbers). */
    public static void decision(String outcome, String message, Map<String, ?> fields) {
        LOG.info(message, entries(outcome, fields));
    }

    /** One DEBUG line: a poll that decided nothing yet (still creating, still starting). */
    public static void progress(String outcome, String message, Map<String, ?> fields) {
        LOG.debug(message, entries(outcome, fields));
    }

    private static Object[] entries(String outcome, Map<String, ?> fields) {
        List<Object> entries = new ArrayList<>();
        entries.add(entry("outcome", outcome));
        fields.forEach((key, value) -> entries.add(entry(key, value)));
        return entries.toArray();
    }
}
