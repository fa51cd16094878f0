package io.flinkupgrade.local.cli;

import io.flinkupgrade.local.engine.ExecutionListener;
import io.flinkupgrade.local.engine.HistoryEvent;
import io.flinkupgrade.local.runtime.NotificationSink;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Live progress: one line per interesting history event, stamped with virtual time since the start. */
final class ProgressPrinter implements ExecutionListener {
    private static final int MAX_DETAIL = 180;
    private static final Set<String> QUIET = Set.of("STATE_EXITED", "TASK_SCHEDULED", "CHOICE_MADE", "EXECUTION_STARTED",
            "PARALLEL_BRANCH_STARTED", "PARALLEL_BRANCH_SUCCEEDED", "MAP_ITERATION_STARTED", "MAP_ITERATION_SUCCEEDED");

    private final PrintWriter out;
    private final Instant start;
    private final boolean verbose;

    ProgressPrinter(PrintWriter out, Instant start, boolean verbose) {
        this.out = out;
        this.start = start;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(HistoryEvent event) {
        String type = event.type().name();
        if (!verbose && QUIET.contains(type)) {
            return;
        }
        String line = switch (type) {
            case "STATE_ENTERED" -> "> " + event.stateName();
            case "TASK_SUCCEEDED" -> "  ok " + event.stateName() + ": " + shorten(event.detail());
            case "TASK_FAILED" -> "  !! " + event.stateName() + " failed: " + shorten(event.detail());
            case "TASK_TIMED_OUT" -> "  !! " + event.stateName() + " timed out: " + shorten(event.detail());
            case "RETRY_SCHEDULED" -> "  .. retry " + event.stateName() + ": " + shorten(event.detail());
            case "WAIT_STARTED" -> "  .. wait " + shorten(event.detail());
            case "ERROR_CAUGHT" -> "  -> caught " + shorten(event.detail());
            default -> "  " + type.toLowerCase().replace('_', ' ') + " " + nullToEmpty(event.stateName()) + " " + shorten(event.detail());
        };
        out.printf("%s %s%n", stamp(event.timestamp()), line.stripTrailing());
        out.flush();
    }

    void notification(NotificationSink.Notification notification) {
        out.printf("%s   >> notified %s: %s%n", stamp(notification.at()), notification.channel(), notification.title());
        out.flush();
    }

    private String stamp(Instant at) {
        Duration d = Duration.between(start, at);
        return String.format("[+%02d:%02d:%02d]", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private static String shorten(String detail) {
        if (detail == null) {
            return "";
        }
        String flat = detail.replaceAll("\\s+", " ");
        return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL - 3) + "...";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
