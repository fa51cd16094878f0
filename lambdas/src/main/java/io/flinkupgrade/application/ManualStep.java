package io.flinkupgrade.application;

import io.flinkupgrade.application.ApplicationWatch.Kind;

/**
 * The manual step of an upgrade that another party interrupted, written from the application as
 * it was just read (not as the workflow assumes it to be): what a person should do next.
 */
public final class ManualStep {
    private ManualStep() {}

    /** For STOPPED and FOREIGN: the application was stopped, or changed, by someone else. */
    public static String afterInterruption(Kind kind, MsfApplication app, OurChange ours) {
        String name = app.name();
        String describe = "aws kinesisanalyticsv2 describe-application --application-name " + name;
        String restore = "To go back to the pre-upgrade " + ours.before().runtime() + " with "
                + ours.before().code().fileKey() + ", call UpdateApplication with that runtime and code"
                + (ours.before().snapshotName() == null
                        // MSF snapshots the running job at every update, so the latest snapshot holds the new runtime's state.
                        ? " restoring (RESTORE_FROM_CUSTOM_SNAPSHOT) the newest snapshot taken on " + ours.before().runtime()
                                + ", not the latest"
                        : " restoring snapshot " + ours.before().snapshotName() + " (RESTORE_FROM_CUSTOM_SNAPSHOT)")
                + ".";
        String settle = app.isTransitional()
                ? "'" + name + "' is " + app.status() + " now: wait until it is RUNNING or READY (" + describe + "). "
                : "";
        if (kind == Kind.STOPPED) {
            return settle + "'" + name + "' was stopped by someone else before the bake ended, so version "
                    + app.versionId() + " (" + app.runtime() + ") was never judged healthy. Ask who stopped it and why. "
                    + "To run it again: aws kinesisanalyticsv2 start-application --application-name " + name
                    + ", then watch fullRestarts and downtime for at least the bake time. " + restore;
        }
        return settle + "Someone else changed '" + name + "' to version " + app.versionId() + " (" + app.runtime() + ", "
                + ApplicationWatch.describe(app.code()) + "). This run did not roll back over that change: agree with "
                + "whoever made it which version should run (" + describe + " shows what runs now). " + restore;
    }
}
