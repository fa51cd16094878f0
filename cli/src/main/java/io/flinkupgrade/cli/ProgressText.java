package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** How the commands show an upgrade: lines for people, one JSON document for scripts. */
final class ProgressText {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The step RecordBakeProgress writes with the upgrade bake's progress (upgrade-application.asl.json). */
    static final String BAKE_STEP = "BAKE";

    private ProgressText() {}

    /** Where it is: the state, and during a bake the checks so far, the latest verdict and the time left. */
    static void print(PrintWriter out, UpgradeProgress progress) {
        print(out, progress, Optional.empty());
    }

    /**
     * The same, with the progress the workflow recorded on the application's lease when there is some: its step
     * and, during the upgrade's bake, its own count of checks and time left (the execution's history gives the
     * state, and the rollback's bake, which the lease does not record).
     */
    static void print(PrintWriter out, UpgradeProgress progress, Optional<UpgradeRecord> recorded) {
        out.printf("%s  %s  %s -> %s%n", progress.executionName(), progress.status(), progress.applicationName(),
                progress.targetRuntime());
        if (progress.running()) {
            if (recorded.isPresent()) {
                out.printf("  step    %s (since %s), state %s%n", recorded.get().step(), recorded.get().stepStartedAt(),
                        progress.currentState());
            } else {
                out.printf("  step    %s (since %s)%n", progress.currentState(), progress.currentSince());
            }
            Optional<UpgradeRecord.Bake> recordedBake = recorded.filter(lease -> BAKE_STEP.equals(lease.step()))
                    .flatMap(UpgradeRecord::bake);
            if (recordedBake.isPresent()) {
                UpgradeRecord.Bake bake = recordedBake.get();
                out.printf("  bake    upgrade: %d check(s), latest %s at %s, about %s left%n", bake.checks(), bake.verdict(),
                        bake.checkedAt(), duration(Duration.ofSeconds(bake.secondsLeft())));
                bake.reasons().forEach(reason -> out.printf("          - %s%n", reason));
            } else {
                progress.bake().ifPresent(bake -> {
                    out.printf("  bake    %s: %d check(s), latest %s, about %s left%n", bakeName(bake), bake.checks(), bake.verdict(),
                            duration(bake.left()));
                    bake.reasons().stream().limit(6).forEach(reason -> out.printf("          - %s%n", reason));
                });
            }
        } else {
            printOutcome(out, progress);
        }
        out.flush();
    }

    /** The outcome document's headline, reasons and manual step. */
    static void printOutcome(PrintWriter out, UpgradeProgress progress) {
        JsonNode outcome = progress.outcome().orElseGet(JSON::createObjectNode);
        out.printf("==== %s ====%n", progress.outcomeName());
        if (outcome.hasNonNull("fromRuntime") || outcome.hasNonNull("toRuntime")) {
            out.printf("  runtime        %s -> %s%n", outcome.path("fromRuntime").asText("?"), outcome.path("toRuntime").asText("?"));
        }
        if (outcome.hasNonNull("snapshotName")) {
            out.printf("  snapshot       %s%n", outcome.get("snapshotName").asText());
        }
        if (outcome.path("reasons").size() > 0) {
            out.println("  reasons:");
            outcome.path("reasons").forEach(reason -> out.printf("    - %s%n", reason.asText()));
        }
        if (outcome.hasNonNull("manualStep")) {
            out.printf("  manual step    %s%n", outcome.get("manualStep").asText());
        }
    }

    /** The same facts as one JSON document. */
    static ObjectNode json(UpgradeProgress progress) {
        ObjectNode json = JSON.createObjectNode()
                .put("executionArn", progress.executionArn())
                .put("executionName", progress.executionName())
                .put("status", progress.status())
                .put("applicationName", progress.applicationName())
                .put("targetRuntime", progress.targetRuntime())
                .put("currentState", progress.currentState());
        progress.bake().ifPresent(bake -> {
            ObjectNode node = json.putObject("bake")
                    .put("of", bakeName(bake))
                    .put("checks", bake.checks())
                    .put("verdict", bake.verdict())
                    .put("startedAt", bake.startedAt().toString())
                    .put("secondsLeft", bake.left().toSeconds());
            bake.reasons().forEach(node.putArray("reasons")::add);
        });
        progress.outcome().ifPresent(outcome -> json.set("outcome", outcome));
        return json;
    }

    /** An upgrade as the lease table keeps it (history, and status's recorded progress). */
    static ObjectNode json(UpgradeRecord upgrade) {
        ObjectNode node = JSON.createObjectNode()
                .put("executionArn", upgrade.executionArn())
                .put("executionName", upgrade.executionName())
                .put("applicationName", upgrade.applicationName())
                .put("status", upgrade.status())
                .put("fromRuntime", upgrade.fromRuntime())
                .put("toRuntime", upgrade.toRuntime())
                .put("startedAt", upgrade.startedAt())
                .put("finishedAt", upgrade.finishedAt())
                .put("snapshotName", upgrade.snapshotName());
        upgrade.reasons().forEach(node.putArray("reasons")::add);
        if (upgrade.running()) {
            node.put("step", upgrade.step()).put("stepStartedAt", upgrade.stepStartedAt());
            upgrade.bake().ifPresent(bake -> {
                ObjectNode b = node.putObject("bake").put("checks", bake.checks()).put("verdict", bake.verdict())
                        .put("checkedAt", bake.checkedAt()).put("secondsLeft", bake.secondsLeft());
                bake.reasons().forEach(b.putArray("reasons")::add);
            });
        }
        return node;
    }

    static String bakeName(UpgradeProgress.Bake bake) {
        return bake.of().equals("VerifyRollbackHealth") ? "rollback" : "upgrade";
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s") : seconds + "s";
    }
}
