package io.flinkupgrade.application;

import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationConfigurationDescription;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.S3ApplicationCodeLocationDescription;

/** Reads an application with DescribeApplication and maps it to {@link MsfApplication}. */
public final class ApplicationReader {
    private final KinesisAnalyticsV2Client msf;

    public ApplicationReader(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
    }

    /**
     * The application as MSF describes it now.
     *
     * @throws UpgradeRejectedException when it does not exist (field {@code applicationName})
     */
    public MsfApplication describe(String applicationName) {
        try {
            return toApplication(msf.describeApplication(r -> r.applicationName(applicationName)).applicationDetail());
        } catch (ResourceNotFoundException e) {
            throw new UpgradeRejectedException("applicationName",
                    "no Managed Service for Apache Flink application named '" + applicationName + "' in this account and Region", e);
        } catch (SdkException e) {
            throw translate(e, "DescribeApplication");
        }
    }

    /**
     * The application as it was at {@code versionId} (DescribeApplicationVersion): that version's
     * runtime, code and configuration, with the status MSF lists it under.
     */
    public MsfApplication describeVersion(String applicationName, long versionId) {
        try {
            return toApplication(msf.describeApplicationVersion(r -> r.applicationName(applicationName)
                    .applicationVersionId(versionId)).applicationVersionDetail());
        } catch (SdkException e) {
            throw translate(e, "DescribeApplicationVersion " + versionId);
        }
    }

    /** Maps the SDK's shape; absent configuration sections read as MSF's own defaults. */
    public static MsfApplication toApplication(ApplicationDetail detail) {
        ApplicationConfigurationDescription config = detail.applicationConfigurationDescription();
        CodeLocation code = Optional.ofNullable(config)
                .map(c -> c.applicationCodeConfigurationDescription())
                .map(c -> c.codeContentDescription())
                .map(c -> c.s3ApplicationCodeLocationDescription())
                .map(ApplicationReader::toCode)
                .orElse(null);
        boolean snapshotsEnabled = Optional.ofNullable(config)
                .map(c -> c.applicationSnapshotConfigurationDescription())
                .map(s -> Boolean.TRUE.equals(s.snapshotsEnabled()))
                .orElse(false);
        Optional<ApplicationRestoreConfiguration> restore = Optional.ofNullable(config)
                .map(c -> c.runConfigurationDescription())
                .map(r -> r.applicationRestoreConfigurationDescription());
        long checkpointInterval = Optional.ofNullable(config)
                .map(c -> c.flinkApplicationConfigurationDescription())
                .map(f -> f.checkpointConfigurationDescription())
                .map(c -> c.checkpointInterval())
                .orElse(60_000L);
        return new MsfApplication(
                detail.applicationName(),
                detail.applicationARN(),
                detail.applicationStatusAsString(),
                detail.runtimeEnvironmentAsString(),
                detail.applicationVersionId() == null ? 0 : detail.applicationVersionId(),
                detail.conditionalToken(),
                code,
                snapshotsEnabled,
                checkpointInterval,
                detail.applicationVersionUpdatedFrom(),
                detail.lastUpdateTimestamp(),
                Optional.ofNullable(config)
                        .map(c -> c.environmentPropertyDescriptions())
                        .map(e -> e.propertyGroupDescriptions().stream()
                                .map(g -> new PropertyGroup(g.propertyGroupId(), g.propertyMap()))
                                .toList())
                        .orElse(List.of()),
                restore.map(r -> r.applicationRestoreTypeAsString()).orElse(null),
                restore.map(r -> r.snapshotName()).orElse(null));
    }

    private static CodeLocation toCode(S3ApplicationCodeLocationDescription s3) {
        return new CodeLocation(s3.bucketARN(), s3.fileKey(), s3.objectVersion());
    }

    /** SDK failure of a read: transient ones are retried by the ASL, anything else is a rejection. */
    public static UpgradeException translate(SdkException e, String action) {
        UpgradeException common = ServiceErrors.translateCommon(e, action);
        return common != null ? common
                : new UpgradeRejectedException("applicationName", action + " refused (" + ServiceErrors.code(e) + "): " + e.getMessage(), e);
    }
}
