package io.flinkupgrade.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code GET /upgrades?status=} filters on: RUNNING for an upgrade that holds its application's
 * lease, else the outcome its history record keeps (REJECTED only for an upgrade rejected after it took
 * the lease; one rejected for the lease itself left no record).
 */
public enum UpgradeStatus {
    RUNNING, UPGRADED, ROLLED_BACK, FAILED, REJECTED;

    /** The status named by {@code text} (any case); an unknown name is the caller's mistake. */
    static UpgradeStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status: " + text + " is none of " + Arrays.toString(values()));
        }
    }
}
