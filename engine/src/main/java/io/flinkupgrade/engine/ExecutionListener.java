package io.flinkupgrade.engine;

/** Receives history events as they happen, e.g. to print live progress. */
public interface ExecutionListener {
    void onEvent(HistoryEvent event);
}
