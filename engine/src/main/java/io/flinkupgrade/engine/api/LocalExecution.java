package io.flinkupgrade.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One execution of a {@link StateMachine}, running on a thread of its own or ended. Its history grows
 * while it runs; readers get copies, so the API can answer from any thread at any time.
 */
public final class LocalExecution {
    /** The error and cause a StopExecution call gave; both may be null, as AWS allows. */
    public record Stop(String error, String cause) {}

    private final StateMachine stateMachine;
    private final String name;
    private final String arn;
    private final JsonNode input;
    private final Instant startDate;
    private final List<HistoryEvent> history = new ArrayList<>();
    private ExecutionResult result;
    private Stop stop;
    private boolean stopping;
    private Thread thread;

    LocalExecution(StateMachine stateMachine, String name, String arn, JsonNode input, Instant startDate) {
        this.stateMachine = stateMachine;
        this.name = name;
        this.arn = arn;
        this.input = input;
        this.startDate = startDate;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public JsonNode input() {
        return input.deepCopy();
    }

    public Instant startDate() {
        return startDate;
    }

    /** RUNNING while it runs, then how it ended (SUCCEEDED, FAILED, TIMED_OUT, ABORTED), as the API names it. */
    public synchronized String status() {
        return result == null ? "RUNNING" : result.status().name();
    }

    public synchronized boolean isRunning() {
        return result == null;
    }

    /** How it ended, once it has. */
    public synchronized Optional<ExecutionResult> result() {
        return Optional.ofNullable(result);
    }

    /** The history events so far. */
    public synchronized List<HistoryEvent> history() {
        return List.copyOf(history);
    }

    /** The error an ended execution reports: for one stopped by StopExecution, the error that call gave. */
    public synchronized Optional<String> error() {
        if (result == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(stoppedByCall() ? stop.error() : result.error());
    }

    /** The cause an ended execution reports, like {@link #error()}. */
    public synchronized Optional<String> cause() {
        if (result == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(stoppedByCall() ? stop.cause() : result.cause());
    }

    /** The StopExecution call that stopped it, if one did. */
    public synchronized Optional<Stop> stop() {
        return Optional.ofNullable(stop);
    }

    private boolean stoppedByCall() {
        return stop != null && result.status() == ExecutionStatus.ABORTED;
    }

    /**
     * Keeps an event, unless a stop was asked for and the event belongs to a state: the engine stops
     * right after such an event, so for AWS's history the state never got that far (a Wait stopped
     * while it waits is aborted, not exited).
     */
    synchronized void record(HistoryEvent event) {
        if (stop != null && event.stateName() != null) {
            stopping = true;
            return;
        }
        history.add(event);
    }

    /** Whether the engine must stop after the event just recorded (or left out). */
    synchronized boolean stopping() {
        return stopping;
    }

    synchronized void runOn(Thread runner) {
        this.thread = runner;
    }

    /** Asks a running execution to stop; false when it has already ended. */
    synchronized boolean requestStop(Stop request) {
        if (result != null) {
            return false;
        }
        if (stop == null) {
            stop = request;
            // Ends a paced wait at once; the engine then stops at its next history event.
            thread.interrupt();
        }
        return true;
    }

    synchronized void end(ExecutionResult ended) {
        this.result = ended;
        notifyAll();
    }

    /** Waits for it to end; true if it has. */
    public synchronized boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (result == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
