package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** One exit code per outcome, so scripts and CI can branch on how an upgrade ended. */
final class ExitCodes {
    static final int UPGRADED = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USAGE = 2;
    static final int ROLLED_BACK = 3;
    static final int REJECTED = 4;
    static final int FAILED = 5;

    private ExitCodes() {}

    /**
     * A fleet: 5 when an application FAILED, 4 when the request or an application was REJECTED, 3 when
     * the rollout halted or an application rolled back, 0 when every application is UPGRADED or
     * SKIPPED (or a dry run passed); the most serious wins.
     */
    static int forFleet(JsonNode outcome) {
        String fleet = outcome.path("outcome").asText();
        Set<String> applications = new HashSet<>();
        outcome.path("applications").forEach(a -> applications.add(a.asText()));
        if ("FAILED".equals(fleet) || applications.contains("FAILED")) {
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

    static int forOutcome(String outcome) {
        return switch (outcome) {
            case "UPGRADED", "DRY_RUN" -> UPGRADED;
            case "ROLLED_BACK" -> ROLLED_BACK;
            case "REJECTED" -> REJECTED;
            default -> FAILED;
        };
    }
}
