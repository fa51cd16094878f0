package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs the work behind a Task state's Resource; the engine knows nothing about Lambda handlers. */
public interface TaskInvoker {
    /**
     * Runs one attempt of a Task state.
     *
     * @param resource the Task's Resource string after substitution
     * @param arguments the evaluated Arguments, or the state input when the Task has none
     * @return the task result
     * @throws TaskFailedException to fail the attempt with a named error that Retry and Catch match;
     *     any other RuntimeException fails it with the exception's fully-qualified class name as the
     *     error and its message as the cause, as the Java Lambda runtime reports it
     */
    JsonNode invoke(String resource, JsonNode arguments, TaskContext context);
}
