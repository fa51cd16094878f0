package io.flinkupgrade.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * How an upgrade or a fleet ended, as a process exit code: one rule for both command lines (the local
 * {@code run}/{@code fleet} and the operator CLI's {@code watch}/{@code status}), so scripts and CI branch on
 * the same numbers whichever they call.
 */
public final class OutcomeExitCodes {
    public static final int UPGRADED = 0;
    public static final int ROLLED_BACK = 3;
    public static final int REJECTED = 4;
    public static final int FAILED = 5;

    private OutcomeExitCodes() {}

    /** An upgrade's outcome name: UPGRADED (or DRY_RUN) 0, ROLLED_BACK 3, REJECTED 4, anything else (FAILED, stopped) 5. */
    public static int ofUpgrade(String outcome) {
        return switch (outcome) {
            case "UPGRADED", "DRY_RUN" -> UPGRADED;
            case "ROLLED_BACK" -> ROLLED_BACK;
            case "REJECTED" -> REJECTED;
            default -> FAILED;
        };
    }

    /**
     * A fleet outcome document (the fleet workflow's Summarize, or FleetFailed's cause): 5 when the fleet or an
     * application FAILED, 4 when the request or an application was REJECTED, 3 when the rollout halted or an
     * application rolled back, 0 when every application is UPGRADED or SKIPPED (or a dry run planned); the most
     * serious wins. A fleet that ended without an outcome document (stopped, timed out) is 5.
     */
    public static int ofFleet(JsonNode outcome) {
        String fleet = outcome.path("outcome").asText("FAILED");
        Set<String> applications = new HashSet<>();
        outcome.path("applications").forEach(a -> applications.add(a.asText()));
        if (!Set.of("COMPLETED", "HALTED", "REJECTED", "DRY_RUN").contains(fleet) || applications.contains("FAILED")) {
            return FAILED;
        }
        if ("REJECTED".equals(fleet) || applications.contains("REJECTED")) {
            return REJECTED;
        }
        if ("HALTED".equals(fleet) || applications.contains("ROLLED_BACK")) {
            return ROLLED_BACK;
        }
        return UPGRADED;
    }
}
