package io.flinkupgrade.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.outcome.OutcomeExitCodes;

/** One exit code per outcome, so scripts and CI can branch on how an upgrade ended. */
final class ExitCodes {
    static final int UPGRADED = OutcomeExitCodes.UPGRADED;
    static final int INTERNAL_ERROR = 1;
    static final int USAGE = 2;
    static final int ROLLED_BACK = OutcomeExitCodes.ROLLED_BACK;
    static final int REJECTED = OutcomeExitCodes.REJECTED;
    static final int FAILED = OutcomeExitCodes.FAILED;

    private ExitCodes() {}

    /** A fleet: the rule both command lines share ({@link OutcomeExitCodes#ofFleet}). */
    static int forFleet(JsonNode outcome) {
        return OutcomeExitCodes.ofFleet(outcome);
    }

    static int forOutcome(String outcome) {
        return OutcomeExitCodes.ofUpgrade(outcome);
    }
}
