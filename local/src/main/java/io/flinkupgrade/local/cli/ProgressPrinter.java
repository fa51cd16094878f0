package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.engine.ExecutionListener;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.local.runtime.NotificationSink;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** Live progress: one line per interesting history event, stamped with virtual time since the start. */
final class ProgressPrinter implements ExecutionListener {
    private static final int MAX_DETAIL = 180;
    private static final List<String> SUMMARY_FIELDS = List.of("verdict", "done", "phase", "method", "status", "currentRuntime",
            "runtime", "currentVersionId", "versionId", "fromVersionId", "toVersionId", "snapshotName", "reused", "alreadyApplied",
            "waitedSeconds", "FailedEntryCount", "MessageId");
    private static final Set<String> QUIET = Set.of("STATE_EXITED", "TASK_SCHEDULED", "CHOICE_MADE", "EXECUTION_STARTED",
            "PARALLEL_STATE_STARTED", "PARALLEL_BRANCH_STARTED", "PARALLEL_BRANCH_SUCCEEDED", "MAP_STATE_STARTED", "MAP_ITERATION_STARTED",
            "MAP_ITERATION_SUCCEEDED");

    /** Entering these says nothing the next line does not: the wait, or the state a Choice picked. */
    private static final Set<String> SILENT_STATE_TYPES = Set.of("Choice", "Wait");

    private final PrintWriter out;
    private final Instant start;
    private final boolean verbose;
    private final JsonNode states;

    ProgressPrinter(PrintWriter out, Instant start, boolean verbose, JsonNode states) {
        this.out = out;
        this.start = start;
        this.verbose = verbose;
        this.states = states;
    }

    @Override
    public void onEvent(HistoryEvent event) {
        String type = event.type().name();
        if (!verbose && (QUIET.contains(type) || "STATE_ENTERED".equals(type)
                && SILENT_STATE_TYPES.contains(states.path(event.stateName()).path("Type").asText()))) {
            return;
        }
        String line = switch (type) {
            case "STATE_ENTERED" -> "> " + event.stateName();
            case "TASK_SUCCEEDED" -> "  ok " + event.stateName() + ": " + (verbose ? shorten(event.detail()) : summary(event.detail()));
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

    /** A task result as its deciding fields (verdict, phase, status, versions...) and its first reason. */
    private String summary(String resultJson) {
        JsonNode result;
        try {
            result = TaskJson.mapper().readTree(resultJson);
        } catch (IOException e) {
            return shorten(resultJson);
        }
        if (!result.isObject()) {
            return shorten(resultJson);
        }
        StringJoiner fields = new StringJoiner(" ");
        for (String name : SUMMARY_FIELDS) {
            JsonNode value = result.path(name);
            if (!value.isMissingNode() && !value.isNull() && !value.isContainerNode()) {
                fields.add(name + "=" + value.asText());
            }
        }
        JsonNode reasons = result.path("reasons");
        if (reasons.isArray() && !reasons.isEmpty()) {
            fields.add("- " + reasons.get(0).asText());
        }
        JsonNode warning = result.path("warning");
        if (warning.isTextual()) {
            fields.add("- " + warning.asText());
        }
        return fields.length() == 0 ? shorten(resultJson) : shorten(fields.toString());
    }

    private String stamp(Instant at) {
        Duration d = Duration.between(start, at);
        return String.format("[+%02d:%02d:%02d]", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** One line; cut to {@value #MAX_DETAIL} characters unless verbose, which never cuts. */
    private String shorten(String detail) {
        if (detail == null) {
            return "";
        }
        String flat = detail.replaceAll("\\s+", " ");
        return verbose || flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL - 3) + "...";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
