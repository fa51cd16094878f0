package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** One Retrier of a Retry field, and how error names match ErrorEquals. */
record RetryPolicy(
        List<String> errorEquals,
        long intervalSeconds,
        int maxAttempts,
        double backoffRate,
        long maxDelaySeconds,
        boolean fullJitter) {
    static final long NO_MAX_DELAY = Long.MAX_VALUE;

    RetryPolicy {
        errorEquals = List.copyOf(errorEquals);
    }

    /** Reads a validated Retry array, applying the spec's defaults (1 second, 3 attempts, rate 2.0). */
    static List<RetryPolicy> parse(JsonNode retry) {
        List<RetryPolicy> policies = new ArrayList<>();
        if (retry == null) {
            return policies;
        }
        for (JsonNode retrier : retry) {
            policies.add(new RetryPolicy(
                    errorNames(retrier.get("ErrorEquals")),
                    retrier.path("IntervalSeconds").asLong(1),
                    retrier.path("MaxAttempts").asInt(3),
                    retrier.path("BackoffRate").asDouble(2.0),
                    retrier.path("MaxDelaySeconds").asLong(NO_MAX_DELAY),
                    "FULL".equals(retrier.path("JitterStrategy").asText("NONE"))));
        }
        return policies;
    }

    static List<String> errorNames(JsonNode errorEquals) {
        List<String> names = new ArrayList<>();
        errorEquals.forEach(name -> names.add(name.textValue()));
        return names;
    }

    boolean matches(String error) {
        return matches(errorEquals, error);
    }

    /**
     * States.ALL matches every error but States.Runtime; States.TaskFailed every error but States.Timeout
     * (and States.Runtime). Other names match exactly, so Java errors match by fully-qualified class name.
     */
    static boolean matches(List<String> errorEquals, String error) {
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            boolean runtime = StatesError.RUNTIME.equals(error);
            if (name.equals(StatesError.ALL) && !runtime) {
                return true;
            }
            if (name.equals(StatesError.TASK_FAILED) && !runtime && !StatesError.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }

    /** The delay before retry number attempt (1-based): interval * rate^(attempt-1), capped, then jittered. */
    Duration delay(int attempt, RandomGenerator random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, attempt - 1);
        seconds = Math.min(seconds, maxDelaySeconds);
        if (fullJitter) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
