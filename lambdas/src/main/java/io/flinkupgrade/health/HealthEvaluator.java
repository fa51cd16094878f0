package io.flinkupgrade.health;

import io.flinkupgrade.health.Finding.Status;
import io.flinkupgrade.health.HealthProgress.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one check's observation into a verdict, pure: no I/O, no clock, the request's
 * {@code enteredAt} is "now" and {@code previous} is the only memory. See package-info for the
 * rules and the Argo Rollouts-style accounting, and why the bake always ends.
 */
final class HealthEvaluator {
    private HealthEvaluator() {}

    static HealthVerdict evaluate(HealthCheckRequest request, HealthObservation observation) {
        HealthOptions options = request.options();
        HealthProgress before = request.previous() == null ? HealthProgress.NONE : request.previous();
        Instant bakeEnd = request.bakeEnd();
        boolean bakeOver = !request.enteredAt().isBefore(bakeEnd);
        Instant delayEnd = request.bakeStartedAt().plusSeconds(options.initialDelaySeconds());
        // The delay never outlasts the bake: with bakeSeconds 0 the first check decides.
        boolean delayed = !bakeOver && request.enteredAt().isBefore(delayEnd);
        String delayHeadline = "initial delay until " + delayEnd + ": measuring starts then";

        if (observation.readError() != null) {
            if (delayed) {
                return HealthVerdict.pending(List.of(delayHeadline, "metrics could not be read, not counted: "
                        + observation.readError()), before.delayed(), request.enteredAt(), Map.of());
            }
            boolean retry = "RETRY".equals(options.readErrorPolicy());
            Finding error = Finding.of("read", retry ? Status.NO_DATA : Status.FAIL,
                    "metrics could not be read (readErrorPolicy " + options.readErrorPolicy() + "): "
                            + observation.readError());
            return judge(request, before, retry ? Outcome.ERROR : Outcome.FAILED, true, false, List.of(error), bakeOver);
        }

        List<Finding> findings = new HealthRules(request, observation.excluding(request.excused()), bakeOver).all();
        if (delayed) {
            // Argo's initialDelay postpones measurement; only a hard failure (a new alarm,
            // excessive downtime) is too clear to wait for, and it counts as a failed check.
            List<Finding> hard = findings.stream()
                    .filter(f -> (f.hard() && f.status() == Status.FAIL) || f.status() == Status.WARN)
                    .toList();
            if (hard.stream().noneMatch(f -> f.status() == Status.FAIL)) {
                List<String> reasons = new ArrayList<>(List.of(delayHeadline));
                hard.forEach(f -> reasons.add(f.message()));
                return HealthVerdict.pending(reasons, before.delayed(), request.enteredAt(), numbers(hard));
            }
            return judge(request, before, Outcome.FAILED, false, false, hard, bakeOver);
        }
        boolean withData = findings.stream().noneMatch(f -> f.status() == Status.NO_DATA);
        return judge(request, before, outcome(options, findings), false, withData, findings, bakeOver);
    }

    /** Any failed rule fails the check; otherwise missing data is handled by noDataPolicy. */
    private static Outcome outcome(HealthOptions options, List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.status() == Status.FAIL)) {
            return Outcome.FAILED;
        }
        if (findings.stream().anyMatch(f -> f.status() == Status.NO_DATA)) {
            return switch (options.noDataPolicy()) {
                case "HEALTHY" -> Outcome.SUCCESSFUL;
                case "UNHEALTHY" -> Outcome.FAILED;
                default -> Outcome.INCONCLUSIVE;
            };
        }
        return Outcome.SUCCESSFUL;
    }

    /**
     * Argo Rollouts' accounting over the bake: UNHEALTHY as soon as failures exceed failureLimit;
     * PENDING while the bake runs; once it is over, HEALTHY when the last consecutiveSuccesses
     * checks succeeded and the evidence suffices, otherwise a bounded overtime: at most
     * maxInconclusive inconclusive checks (no data under WAIT, read errors under RETRY, too little
     * evidence) and at most maxInconclusive + consecutiveSuccesses extra checks in all, then
     * UNHEALTHY (data that did not show health) or BLIND (no data to judge).
     *
     * <p>Evidence: HEALTHY needs {@link HealthOptions#checksNeeded} checks with data (each one
     * period of observation), so a bake of one check, or of checks without data, is never HEALTHY.
     * BLIND, "could not observe", is the verdict when the job cannot be seen: more than
     * maxReadErrors read errors in a row, maxInconclusive checks and not one with data (no data at
     * all; decided during the bake, without waiting for its end), or the overtime running out
     * while inconclusive. What BLIND does is the policy {@code health.onBlind}, in the ASL.
     */
    private static HealthVerdict judge(HealthCheckRequest request, HealthProgress before, Outcome outcome,
            boolean readError, boolean withData, List<Finding> findings, boolean bakeOver) {
        HealthOptions options = request.options();
        HealthProgress progress = before.after(outcome, readError, withData);
        Instant now = request.enteredAt();
        Map<String, Double> numbers = numbers(findings);
        String tally = tally(progress);

        if (outcome == Outcome.FAILED && progress.failures() > options.failureLimit()) {
            return HealthVerdict.unhealthy(reasons("unhealthy: " + progress.failures() + " failed checks (failureLimit "
                    + options.failureLimit() + "); " + tally, findings), progress, now, numbers);
        }
        if (outcome == Outcome.ERROR && progress.consecutiveReadErrors() > options.maxReadErrors()) {
            return HealthVerdict.blind(reasons("could not observe: cannot read metrics: "
                    + progress.consecutiveReadErrors() + " read errors in a row (maxReadErrors " + options.maxReadErrors()
                    + "); " + tally, findings), progress, now, numbers);
        }
        if (outcome == Outcome.INCONCLUSIVE && progress.checksWithData() == 0
                && progress.inconclusive() >= options.maxInconclusive()) {
            return HealthVerdict.blind(reasons("could not observe: no check had the data it needed in "
                    + progress.inconclusive() + " inconclusive checks (maxInconclusive " + options.maxInconclusive()
                    + "); " + tally, findings), progress, now, numbers);
        }
        Instant bakeEnd = request.bakeEnd();
        if (!bakeOver) {
            return HealthVerdict.pending(reasons("baking until " + bakeEnd + ": " + outcome.name().toLowerCase()
                    + " check; " + tally, findings), progress, now, numbers);
        }
        int needed = options.checksNeeded(request.checkpointIntervalMillis());
        boolean enoughEvidence = progress.checksWithData() >= needed;
        String evidence = progress.checksWithData() + " checks with data over "
                + (long) progress.checksWithData() * options.periodSeconds() + " s (at least " + needed + " needed, over "
                + (long) needed * options.periodSeconds() + " s)";
        boolean succeeded = outcome == Outcome.SUCCESSFUL
                && progress.consecutiveSuccesses() >= options.consecutiveSuccesses();
        if (succeeded && enoughEvidence) {
            return HealthVerdict.healthy(reasons("healthy on " + evidence + ": the bake ended with "
                    + progress.consecutiveSuccesses() + " successful checks in a row (consecutiveSuccesses "
                    + options.consecutiveSuccesses() + "); " + tally, findings), progress, now, numbers);
        }
        boolean inconclusive = outcome == Outcome.INCONCLUSIVE || outcome == Outcome.ERROR || succeeded;
        String why = outcome == Outcome.ERROR ? "cannot read metrics"
                : outcome == Outcome.INCONCLUSIVE ? "no data" : "too little evidence, " + evidence;
        if (inconclusive && progress.inconclusiveAfterBake() >= options.maxInconclusive()) {
            return HealthVerdict.blind(reasons("could not observe: " + why + ": still inconclusive after "
                    + progress.inconclusiveAfterBake() + " extra checks past the bake (maxInconclusive "
                    + options.maxInconclusive() + "); " + tally, findings), progress, now, numbers);
        }
        int overtimeLimit = options.maxInconclusive() + options.consecutiveSuccesses();
        if (progress.checksAfterBake() >= overtimeLimit) {
            return HealthVerdict.unhealthy(reasons("unhealthy: the bake ended without "
                    + options.consecutiveSuccesses() + " successful checks in a row (got "
                    + progress.consecutiveSuccesses() + " after " + progress.checksAfterBake()
                    + " extra checks, at most " + overtimeLimit + "); " + tally, findings), progress, now, numbers);
        }
        String waitingFor = succeeded
                ? "waiting for evidence: " + evidence
                : inconclusive
                        ? "waiting for data (" + (progress.inconclusiveAfterBake() + 1) + " of " + options.maxInconclusive()
                                + " inconclusive checks allowed)"
                        : "waiting for " + options.consecutiveSuccesses() + " successful checks in a row (have "
                                + progress.consecutiveSuccesses() + ")";
        return HealthVerdict.pending(reasons("bake over at " + bakeEnd + ", " + waitingFor + "; " + tally, findings),
                progress.overtime(inconclusive), now, numbers);
    }

    private static String tally(HealthProgress p) {
        return p.checks() + " checks: " + p.successes() + " successful, " + p.failures() + " failed, "
                + p.inconclusive() + " inconclusive, " + p.consecutiveReadErrors() + " read errors in a row, "
                + p.checksWithData() + " with data";
    }

    /**
     * The headline, then each finding's sentence labelled with its verdict, failures first and
     * skipped rules last: a rollback's reasons must say which numbers failed, not just list them.
     */
    private static List<String> reasons(String headline, List<Finding> findings) {
        List<String> reasons = new ArrayList<>(List.of(headline));
        findings.stream()
                .sorted(Comparator.comparing(Finding::status))
                .forEach(f -> reasons.add(f.status().label() + ": " + f.message()));
        return reasons;
    }

    private static Map<String, Double> numbers(List<Finding> findings) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        findings.forEach(f -> numbers.putAll(f.observed()));
        return numbers;
    }
}
