/**
 * The pre-upgrade snapshot: TakeSnapshot starts it (or reuses one already taken for this
 * application version, so a re-run never snapshots twice) and CheckSnapshot polls it until READY.
 * A snapshot that fails or times out stops the workflow before the application is touched.
 */
package io.flinkupgrade.snapshot;
