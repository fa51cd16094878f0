package io.flinkupgrade.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one timeline of a local run: the engine advances it for Wait states and retry delays, the
 * emulator reads it to move applications through their statuses and to date metrics.
 *
 * <p>Two kinds: a jumping clock ({@link #VirtualClock(Instant)}), where advancing moves time at once,
 * for tests and {@code run}; and a paced clock ({@link #paced(Instant, double)}), where time flows with
 * the wall clock at a given speed and advancing sleeps until time has moved that far, for a local Step
 * Functions endpoint that people and tools watch while it runs.
 */
public final class VirtualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final Pace pace;

    /** Time flowing at {@code speed} times the wall clock from {@code start}, measured from {@code startNanos}. */
    private record Pace(Instant start, long startNanos, double speed) {
        Instant now() {
            return start.plusNanos((long) ((System.nanoTime() - startNanos) * speed));
        }
    }

    /** A jumping clock at {@code start}: nothing moves it but {@link #advance(Duration)}. */
    public VirtualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
        this.pace = null;
    }

    private VirtualClock(Pace pace) {
        this.now = null;
        this.pace = pace;
    }

    /**
     * A clock that starts at {@code start} and runs {@code speed} times as fast as the wall clock
     * (1: real time); {@link #advance(Duration)} sleeps the wall-clock share of the duration.
     */
    public static VirtualClock paced(Instant start, double speed) {
        Objects.requireNonNull(start, "start");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number: " + speed);
        }
        return new VirtualClock(new Pace(start, System.nanoTime(), speed));
    }

    /** Whether time flows with the wall clock (a paced clock) rather than jumping. */
    public boolean isPaced() {
        return pace != null;
    }

    @Override
    public Instant instant() {
        return pace == null ? now.get() : pace.now();
    }

    /**
     * Moves time forward; time never runs backwards. On a paced clock this waits until time has moved
     * that far; an interrupt ends the wait early (the thread stays interrupted): how an execution that
     * is stopped while it waits stops at once.
     */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("virtual time cannot move backwards: " + by);
        }
        if (pace == null) {
            return now.updateAndGet(t -> t.plus(by));
        }
        Instant until = pace.now().plus(by);
        try {
            for (Instant at = pace.now(); at.isBefore(until); at = pace.now()) {
                long wallNanos = (long) Math.ceil(Duration.between(at, until).toNanos() / pace.speed());
                Thread.sleep(wallNanos / 1_000_000, (int) (wallNanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pace.now();
    }

    /**
     * How long the wall clock takes until this paced clock reads {@code at} (zero once it has passed):
     * how long to sleep until a step is due.
     */
    public Duration wallTimeUntil(Instant at) {
        if (pace == null) {
            throw new IllegalStateException("a jumping clock reaches an instant only when advanced");
        }
        Duration ahead = Duration.between(pace.now(), at);
        return ahead.isNegative() ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(ahead.toNanos() / pace.speed()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the virtual clock is always UTC");
    }
}
