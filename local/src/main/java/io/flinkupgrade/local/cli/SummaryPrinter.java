package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** The final summary of a local run: outcome, versions, snapshot, reasons, the manual step, what changed. */
final class SummaryPrinter {
    private final PrintWriter out;

    SummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    /** The executions the scenario started during the run first, then the run's own outcome, which sets the exit code. */
    void print(LocalUpgrade.Result result) {
        for (LocalUpgrade.Result other : result.startedDuring()) {
            Duration after = Duration.between(result.execution().startTime(), other.execution().startTime());
            print(other, " (" + other.executionName() + ", started by the scenario "
                    + after.toString().substring(2).toLowerCase() + " into " + result.executionName() + ")");
        }
        print(result, result.startedDuring().isEmpty() ? "" : " (" + result.executionName() + ")");
    }

    private void print(LocalUpgrade.Result result, String which) {
        JsonNode outcome = result.outcome();
        out.println();
        out.println("==== " + result.outcomeName() + which + " ====");
        field("application", outcome.path("applicationName"));
        if (outcome.has("fromRuntime") || outcome.has("toRuntime")) {
            out.printf("  %-14s %s -> %s%n", "runtime", outcome.path("fromRuntime").asText("?"), outcome.path("toRuntime").asText("?"));
        }
        field("runs now", outcome.path("runtimeAfter"));
        if (outcome.has("versionBefore")) {
            out.printf("  %-14s %s -> %s%n", "version", outcome.path("versionBefore").asText(), outcome.path("versionAfter").asText("unchanged"));
        }
        field("snapshot", outcome.path("snapshotName"));
        field("rollback", outcome.path("rollbackMethod"));
        list("reasons", outcome.path("reasons"));
        field("manual step", outcome.path("manualStep"));
        list("advisories", outcome.path("advisories"));
        plan(outcome.path("plan"));
        list("warnings", outcome.path("warnings"));
        result.application().ifPresent(this::application);
        out.printf("  %-14s %d mutating call(s) reached MSF, %d notification(s) published%n", "changes",
                result.mutatingCalls().size(), result.notifications().size());
        Duration elapsed = Duration.between(result.execution().startTime(), result.execution().stopTime());
        out.printf("  %-14s %s of virtual time%n", "took", elapsed.toString().substring(2).toLowerCase());
    }

    /**
     * A dry run's plan as Preflight made it: the health settings in effect (defaults applied), the
     * snapshot, rollback and polling settings, and the baseline read before anything would change.
     */
    private void plan(JsonNode plan) {
        if (!plan.isObject()) {
            return;
        }
        JsonNode request = plan.path("request");
        out.println("  plan:");
        out.printf("    %-34s %s%n", "snapshot", request.path("snapshot").path("enabled").asBoolean(true)
                ? plan.path("snapshotName").asText() + " (application snapshots " + (plan.path("snapshotsEnabled").asBoolean() ? "enabled" : "disabled") + ")"
                : "none pinned");
        settings("health.", request.path("health"));
        settings("timeouts.", request.path("timeouts"));
        settings("rollback.", request.path("rollback"));
        out.println("  baseline (read before any change):");
        settings("", plan.path("baseline"));
    }

    /** Each field of {@code node} on a line of its own, its value as JSON when it is a list or an object. */
    private void settings(String prefix, JsonNode node) {
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                out.printf("    %-34s %s%n", prefix + field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        });
    }

    /** A request file that is not strict JSON: rejected before the workflow starts, so nothing reached MSF. */
    void printUnreadable(Path input, UpgradeRejectedException rejection) {
        out.println();
        out.println("==== REJECTED ====");
        out.printf("  %-14s %s%n", "input", input);
        out.printf("  reasons:%n    - %s%n", rejection.getMessage());
        out.printf("  %-14s 0 mutating call(s) reached MSF: the workflow did not start%n", "changes");
    }

    private void application(ApplicationView app) {
        out.printf("  %-14s %s, %s, version %d%n", "emulator says", app.status(), app.runtime(), app.versionId());
    }

    private void field(String label, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            out.printf("  %-14s %s%n", label, value.asText());
        }
    }

    private void list(String label, JsonNode values) {
        if (values.isArray() && !values.isEmpty()) {
            out.printf("  %s:%n", label);
            values.forEach(v -> out.printf("    - %s%n", v.asText()));
        }
    }
}
