package io.flinkupgrade.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.local.runtime.FleetResult;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/** What must hold after every fleet execution, whatever its applications did. */
final class FleetInvariants {
    private static final Set<String> FLEET_OUTCOMES = Set.of("COMPLETED", "HALTED", "REJECTED", "FAILED", "DRY_RUN");
    private static final Set<String> APPLICATION_OUTCOMES = Set.of("UPGRADED", "ROLLED_BACK", "REJECTED", "FAILED", "SKIPPED", "NOT_STARTED");

    private FleetInvariants() {}

    /**
     * <ul>
     *   <li>the fleet outcome is a known one, and so is every application's;</li>
     *   <li>every application ends on the target runtime with the code its upgrade asked for (UPGRADED), or back on its
     *       original runtime and code (ROLLED_BACK), or untouched: no mutating call at all (SKIPPED,
     *       NOT_STARTED, REJECTED by the plan, and every application of a dry run or a rejected fleet);</li>
     *   <li>no application is touched after the rollout halts: the applications of later waves are
     *       NOT_STARTED and no upgrade execution of theirs was started;</li>
     *   <li>each application's outcome is its own upgrade execution's outcome;</li>
     *   <li>an application whose upgrade execution was already started (alreadyStarted: a redrive, a retried start)
     *       is only followed: no upgrade execution of its own in this run, no mutating call, and its outcome is
     *       one an upgrade execution ends with;</li>
     *   <li>no lease is left held;</li>
     *   <li>the counts add up to the applications reported, and every outcome but a dry run is notified.</li>
     * </ul>
     */
    static void check(FleetResult result, JsonNode input) {
        JsonNode outcome = result.outcome();
        assertThat(FLEET_OUTCOMES).as("fleet outcome of %s", outcome).contains(result.outcomeName());
        SoftAssertions soft = new SoftAssertions();
        String target = input.path("targetRuntime").asText();
        outcome.path("applications").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            String applicationOutcome = entry.getValue().asText();
            soft.assertThat(APPLICATION_OUTCOMES).as("outcome of %s", name).contains(applicationOutcome);
            ApplicationView before = result.before().get(name).orElse(null);
            ApplicationView after = result.after().get(name).orElse(null);
            switch (applicationOutcome) {
                case "UPGRADED" -> {
                    soft.assertThat(after.runtime()).as("%s runtime", name).isEqualTo(target);
                    childOf(result, name).forEach(child -> soft.assertThat(after.codeFileKey()).as("%s code", name)
                            .isEqualTo(child.input().path("code").path("fileKey").asText()));
                }
                case "ROLLED_BACK" -> {
                    soft.assertThat(after.runtime()).as("%s runtime after its rollback", name).isEqualTo(before.runtime());
                    soft.assertThat(after.codeFileKey()).as("%s code after its rollback", name).isEqualTo(before.codeFileKey());
                }
                case "SKIPPED", "NOT_STARTED" -> {
                    soft.assertThat(result.mutatingCallsOn(name)).as("mutating calls on %s (%s)", name, applicationOutcome).isEmpty();
                    soft.assertThat(childOf(result, name)).as("an upgrade execution of %s (%s)", name, applicationOutcome).isEmpty();
                }
                default -> { }
            }
            childOf(result, name).forEach(child -> soft.assertThat(child.output() == null ? "FAILED" : child.output().path("outcome").asText())
                    .as("%s: its upgrade execution's outcome", name)
                    .isEqualTo(applicationOutcome));
        });
        outcome.path("alreadyStarted").forEach(followed -> {
            String name = followed.asText();
            soft.assertThat(childOf(result, name)).as("an upgrade execution started for %s, already started", name).isEmpty();
            soft.assertThat(result.mutatingCallsOn(name)).as("mutating calls on %s, already started", name).isEmpty();
            soft.assertThat(outcome.path("applications").path(name).asText()).as("outcome of %s, already started", name)
                    .isIn("UPGRADED", "ROLLED_BACK", "REJECTED", "FAILED");
        });
        if (Set.of("DRY_RUN", "REJECTED").contains(result.outcomeName())) {
            soft.assertThat(result.mutatingCalls()).as("mutating calls of a %s fleet", result.outcomeName()).isEmpty();
            soft.assertThat(result.upgrades()).as("upgrade executions of a %s fleet", result.outcomeName()).isEmpty();
        }
        result.leasesAfter().forEach((name, lease) -> soft.assertThat(lease).as("lease of %s after the fleet", name).isEmpty());
        if (outcome.has("counts")) {
            int counted = 0;
            for (JsonNode count : outcome.path("counts")) {
                counted += count.asInt();
            }
            soft.assertThat(counted).as("counts of %s", outcome.path("counts")).isEqualTo(outcome.path("applications").size());
        }
        if (!"DRY_RUN".equals(result.outcomeName())) {
            soft.assertThat(result.notifications().stream()
                    .filter(n -> n.payload().has("fleet") && n.payload().path("outcome").asText().equals(result.outcomeName())))
                    .as("the fleet outcome published to SNS and EventBridge").hasSize(2);
        }
        soft.assertAll();
    }

    /**
     * What must hold after a fleet execution was stopped (StopExecution), once everything it left running
     * has ended: every upgrade it started ended on its own, never ABORTED (nothing stops an upgrade with
     * its fleet), SUCCEEDED with UPGRADED (on the target runtime with its code) or ROLLED_BACK (back on
     * its original runtime and code); every application it did not start is untouched; no lease is held.
     */
    static void checkStopped(FleetResult result, JsonNode input) {
        SoftAssertions soft = new SoftAssertions();
        String target = input.path("targetRuntime").asText();
        result.before().forEach((name, before) -> {
            List<ExecutionDescription> children = childOf(result, name);
            if (children.isEmpty()) {
                soft.assertThat(result.mutatingCallsOn(name)).as("mutating calls on %s, never started", name).isEmpty();
                return;
            }
            ApplicationView after = result.after().get(name).orElseThrow();
            children.forEach(child -> {
                soft.assertThat(child.status()).as("%s: its upgrade execution, left to finish", name).isEqualTo(ExecutionStatus.SUCCEEDED);
                String outcome = child.output() == null ? "" : child.output().path("outcome").asText();
                soft.assertThat(outcome).as("%s: its upgrade's outcome", name).isIn("UPGRADED", "ROLLED_BACK");
                if (outcome.equals("UPGRADED")) {
                    soft.assertThat(after.runtime()).as("%s runtime", name).isEqualTo(target);
                    soft.assertThat(after.codeFileKey()).as("%s code", name).isEqualTo(child.input().path("code").path("fileKey").asText());
                } else {
                    soft.assertThat(after.runtime()).as("%s runtime after its rollback", name).isEqualTo(before.orElseThrow().runtime());
                    soft.assertThat(after.codeFileKey()).as("%s code after its rollback", name).isEqualTo(before.orElseThrow().codeFileKey());
                }
            });
        });
        result.leasesAfter().forEach((name, lease) -> soft.assertThat(lease).as("lease of %s after the stopped fleet", name).isEmpty());
        soft.assertAll();
    }

    private static List<ExecutionDescription> childOf(FleetResult result, String applicationName) {
        return result.upgrades().stream().filter(e -> e.input().path("applicationName").asText().equals(applicationName)).toList();
    }
}
