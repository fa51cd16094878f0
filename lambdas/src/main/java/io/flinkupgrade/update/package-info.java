/**
 * UpdateApplication: moves the application to the target runtime and code under the optimistic
 * lock Preflight captured (ConditionalToken), restoring from the pinned snapshot. Idempotent: a
 * retry after an attempt that did land recognises the application in the requested configuration.
 */
package io.flinkupgrade.update;
