package io.flinkupgrade.health;

/**
 * The bake's running tally, returned by each CheckHealth and passed back into the next one (the
 * evaluator keeps no state of its own). Counts follow Argo Rollouts' measurement outcomes.
 *
 * @param checks                 every check, including those during the initial delay
 * @param successes              checks whose rules all passed
 * @param consecutiveSuccesses   successful checks in a row up to this one
 * @param failures               failed checks (a rule failed, or no data / a read error counted as failure by policy)
 * @param inconclusive           checks without the data they needed, under noDataPolicy WAIT
 * @param consecutiveReadErrors  checks in a row whose metrics could not be read
 * @param checksAfterBake        extra checks made after the bake ended (bounded: maxInconclusive + consecutiveSuccesses)
 * @param inconclusiveAfterBake  of those, the inconclusive ones and read errors (bounded: maxInconclusive)
 * @param checksWithData         measured checks whose metrics were read and had every datapoint the rules needed:
 *                               the evidence HEALTHY needs (each stands for the period before it)
 * @param lastOutcome            DELAYED, SUCCESSFUL, FAILED, INCONCLUSIVE or ERROR
 */
public record HealthProgress(
        int checks,
        int successes,
        int consecutiveSuccesses,
        int failures,
        int inconclusive,
        int consecutiveReadErrors,
        int checksAfterBake,
        int inconclusiveAfterBake,
        int checksWithData,
        String lastOutcome) {

    static final HealthProgress NONE = new HealthProgress(0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    /** The outcome of one measured check, in Argo Rollouts' terms. */
    enum Outcome { SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR }

    /** A check during the initial delay: counted, nothing else changes. */
    HealthProgress delayed() {
        return new HealthProgress(checks + 1, successes, consecutiveSuccesses, failures, inconclusive,
                consecutiveReadErrors, checksAfterBake, inconclusiveAfterBake, checksWithData, "DELAYED");
    }

    /**
     * A measured check; {@code readError} is set for a read error even when policy counts it as a
     * failure, {@code withData} when every rule had its datapoints (even if one failed).
     */
    HealthProgress after(Outcome outcome, boolean readError, boolean withData) {
        boolean success = outcome == Outcome.SUCCESSFUL;
        return new HealthProgress(
                checks + 1,
                successes + (success ? 1 : 0),
                success ? consecutiveSuccesses + 1 : 0,
                failures + (outcome == Outcome.FAILED ? 1 : 0),
                inconclusive + (outcome == Outcome.INCONCLUSIVE ? 1 : 0),
                readError ? consecutiveReadErrors + 1 : 0,
                checksAfterBake,
                inconclusiveAfterBake,
                checksWithData + (withData ? 1 : 0),
                outcome.name());
    }

    /** This check ended the bake's overtime with PENDING. */
    HealthProgress overtime(boolean inconclusiveCheck) {
        return new HealthProgress(checks, successes, consecutiveSuccesses, failures, inconclusive,
                consecutiveReadErrors, checksAfterBake + 1, inconclusiveAfterBake + (inconclusiveCheck ? 1 : 0),
                checksWithData, lastOutcome);
    }
}
