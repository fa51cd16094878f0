package io.flinkupgrade.update;

import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.List;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationCodeConfigurationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationConfigurationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.EnvironmentPropertyUpdates;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RunConfigurationUpdate;

/**
 * The UpdateApplication pieces both the upgrade and the fallback rollback send: where the code
 * is, and which state the restarted job restores.
 */
public final class ConfigurationUpdates {
    private ConfigurationUpdates() {}

    public static ApplicationConfigurationUpdate code(CodeLocation code, List<PropertyGroup> propertyGroups) {
        ApplicationConfigurationUpdate.Builder update = ApplicationConfigurationUpdate.builder()
                .applicationCodeConfigurationUpdate(ApplicationCodeConfigurationUpdate.builder()
                        .codeContentTypeUpdate(CodeContentType.ZIPFILE)
                        .codeContentUpdate(c -> c.s3ContentLocationUpdate(s -> s
                                .bucketARNUpdate(code.bucketArn())
                                .fileKeyUpdate(code.fileKey())
                                .objectVersionUpdate(code.objectVersion())))
                        .build());
        if (propertyGroups != null) {
            update.environmentPropertyUpdates(EnvironmentPropertyUpdates.builder()
                    .propertyGroups(propertyGroups.stream()
                            .map(g -> software.amazon.awssdk.services.kinesisanalyticsv2.model.PropertyGroup.builder()
                                    .propertyGroupId(g.propertyGroupId()).propertyMap(g.propertyMap()).build())
                            .toList())
                    .build());
        }
        return update.build();
    }

    /**
     * The pinned snapshot when there is one; MSF's latest otherwise; no state when snapshots are
     * off. AllowNonRestoredState is sent explicitly false: dropping state silently is never safe.
     */
    public static RunConfigurationUpdate restore(String snapshotName, boolean snapshotsEnabled) {
        ApplicationRestoreConfiguration restore = snapshotName != null
                ? ApplicationRestoreConfiguration.builder()
                        .applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT).snapshotName(snapshotName).build()
                : ApplicationRestoreConfiguration.builder().applicationRestoreType(snapshotsEnabled
                        ? ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT
                        : ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT).build();
        return RunConfigurationUpdate.builder()
                .applicationRestoreConfiguration(restore)
                .flinkRunConfiguration(f -> f.allowNonRestoredState(false))
                .build();
    }
}
