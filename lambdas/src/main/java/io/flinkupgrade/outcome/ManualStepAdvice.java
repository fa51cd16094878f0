package io.flinkupgrade.outcome;

/**
 * AdviseManualStep's output: the manual step for the outcome and the facts it is based on, which
 * the outcome carries as {@code applicationNow} so a person can see what the advice was read from.
 */
public record ManualStepAdvice(String manualStep, ApplicationNow applicationNow) {}
