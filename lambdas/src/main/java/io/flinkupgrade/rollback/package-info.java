/**
 * Rollback: return the application to its pre-upgrade runtime and code with RollbackApplication,
 * or, when MSF refuses that, with UpdateApplication back to the original configuration restoring
 * the pinned pre-upgrade snapshot (docs/architecture.md, "Rollback"). VerifyRollback then
 * polls and health-checks the result like an upgrade.
 */
package io.flinkupgrade.rollback;
