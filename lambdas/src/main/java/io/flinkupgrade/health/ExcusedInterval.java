package io.flinkupgrade.health;

import io.flinkupgrade.application.ApplicationWatch.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of the bake in which MSF autoscaled the application: the job restart it causes is not
 * the job's fault, so datapoints from it do not count, an uptime reset or counter change across it
 * is not a restart, and the bake's end moves by its length so the job still gets its full observed
 * time. Passed back through the ASL with the verdict, like {@link HealthProgress}.
 *
 * @param from  the last check before the scaling was seen (one period before the check that saw it)
 * @param until the first check that saw the application RUNNING again; null while it scales
 */
public record ExcusedInterval(Instant from, Instant until) {

    public ExcusedInterval {
        Objects.requireNonNull(from, "from");
    }

    /** Whether a datapoint whose period starts at {@code at} falls in the interval. */
    boolean contains(Instant at) {
        return !at.isBefore(from) && (until == null || !at.isAfter(until));
    }

    /** Whether the interval lies between two datapoints, so a change from {@code earlier} to {@code later} spans it. */
    boolean between(Instant earlier, Instant later) {
        return earlier.isBefore(from) && (until == null || later.isAfter(until));
    }

    /** Seconds excused by {@code now}. */
    long seconds(Instant now) {
        return Duration.between(from, until == null ? now : until).toSeconds();
    }

    /**
     * The intervals after one check that saw {@code kind}: AUTOSCALING opens one (from the previous
     * check, one period ago, or the bake start) unless one is open; any other kind closes an open one
     * at {@code now}; AUTOSCALED with none open (the scaling came and went between two checks) adds
     * one covering the time since the previous check.
     */
    static List<ExcusedInterval> after(List<ExcusedInterval> excused, Kind kind, Instant now, Instant bakeStartedAt,
            int periodSeconds) {
        List<ExcusedInterval> next = new ArrayList<>(excused);
        ExcusedInterval open = next.isEmpty() || next.get(next.size() - 1).until() != null ? null : next.get(next.size() - 1);
        Instant previousCheck = latest(now.minusSeconds(periodSeconds), bakeStartedAt);
        if (kind == Kind.AUTOSCALING) {
            if (open == null) {
                next.add(new ExcusedInterval(previousCheck, null));
            }
        } else if (open != null) {
            next.set(next.size() - 1, new ExcusedInterval(open.from(), now));
        } else if (kind == Kind.AUTOSCALED) {
            next.add(new ExcusedInterval(previousCheck, now));
        }
        return List.copyOf(next);
    }

    /** Seconds all intervals excused by {@code now}. */
    static long total(List<ExcusedInterval> excused, Instant now) {
        return excused.stream().mapToLong(e -> e.seconds(now)).sum();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
