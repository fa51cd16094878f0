/**
 * What a task knows about an MSF application: {@link io.flinkupgrade.application.MsfApplication},
 * read through {@link io.flinkupgrade.application.ApplicationReader}, so every task sees the same
 * facts mapped the same way from the SDK's {@code ApplicationDetail}; and whether it is still the
 * application our change made ({@link io.flinkupgrade.application.ApplicationWatch} against
 * {@link io.flinkupgrade.application.OurChange}); the manual step when another party stopped or
 * changed it is the outcome's ({@link io.flinkupgrade.outcome.ManualStepAdvisor}).
 */
package io.flinkupgrade.application;
