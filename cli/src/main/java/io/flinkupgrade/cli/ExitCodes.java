package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.outcome.OutcomeExitCodes;

/** The exit codes, the same as the local CLI's: one per outcome, 2 for anything the operator must fix first. */
final class ExitCodes {
    static final int UPGRADED = OutcomeExitCodes.UPGRADED;
    /** Also a run that is still going, for status. */
    static final int OK = 0;
    /** Usage, an unreachable endpoint, missing credentials, an execution or stack that does not exist. */
    static final int USAGE = 2;
    static final int ROLLED_BACK = OutcomeExitCodes.ROLLED_BACK;
    static final int REJECTED = OutcomeExitCodes.REJECTED;
    static final int FAILED = OutcomeExitCodes.FAILED;

    private ExitCodes() {}

    /** The code of an outcome name (UPGRADED, ROLLED_BACK, REJECTED, FAILED, DRY_RUN; anything else is FAILED). */
    static int of(String outcome) {
        return OutcomeExitCodes.ofUpgrade(outcome);
    }

    /** The code of a fleet outcome document: 0 every application UPGRADED or SKIPPED, 3 halted or rolled back, 4, 5. */
    static int ofFleet(JsonNode outcome) {
        return OutcomeExitCodes.ofFleet(outcome);
    }
}
