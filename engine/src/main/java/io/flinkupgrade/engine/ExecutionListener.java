package io.flinkupgrade.engine;

/** Receives history events as they happen, e.g. to print live progress. */
public interface ExecutionListener {
    void onEvent(HistoryEvent event);

    /**
     * The event with the ARN of the execution whose history it joins: the engine calls this one, for
     * every execution it runs (child executions too). A listener that tells executions apart overrides it.
     */
    default void onEvent(String executionArn, HistoryEvent event) {
        onEvent(event);
    }
}
