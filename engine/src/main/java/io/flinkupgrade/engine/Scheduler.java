package io.flinkupgrade.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The discrete-event scheduler behind concurrency in virtual time: a queue of steps, each due at a
 * virtual instant, run one at a time in the order of their instants and, at the same instant, in the
 * order they were scheduled. Running a step first moves the clock to its instant, so the clock
 * advances to the earliest wake-up of everything running (Wait states, retry back-offs, task
 * timeouts, child executions) and the same input always gives the same order. No threads: a step
 * runs until its strand waits, and schedules the step that goes on from there.
 */
final class Scheduler {
    /** Who a step belongs to: a step of a stopped owner is dropped, and the owner runs its own steps. */
    interface Owner {
        boolean stopped();

        void run(Runnable step);
    }

    private record Entry(Instant at, long sequence, Owner owner, Runnable step) {}

    private final VirtualClock clock;
    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::sequence));
    private long sequence;

    Scheduler(VirtualClock clock) {
        this.clock = clock;
    }

    /** Runs {@code step} at {@code at}, or at once (after what is already due) if that has passed. */
    void at(Instant at, Owner owner, Runnable step) {
        queue.add(new Entry(at, sequence++, owner, step));
    }

    void now(Owner owner, Runnable step) {
        at(clock.instant(), owner, step);
    }

    /** Runs the next step, moving the clock to its instant first; false when nothing is scheduled. */
    boolean runNext() {
        Entry entry = queue.poll();
        if (entry == null) {
            return false;
        }
        if (entry.owner().stopped()) {
            return true;
        }
        if (entry.at().isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), entry.at()));
        }
        entry.owner().run(entry.step());
        return true;
    }

    /** When the next step is due; steps of stopped owners are dropped on the way. */
    Optional<Instant> nextWakeUp() {
        while (!queue.isEmpty() && queue.peek().owner().stopped()) {
            queue.poll();
        }
        return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().at());
    }
}
