package io.flinkupgrade.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.wiring.TaskJson;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes each wave's items to the fleet bucket as one JSON array, {@code fleet-runs/<fleet execution
 * name>/wave-<n>.json}, which the wave's Distributed Map reads with ItemReader: the items never pass
 * through the fleet's state, so a fleet is not bound by Step Functions' 256 KiB payload limit
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html). Writing the
 * same wave again (a retried PlanFleet) replaces the file with the same content.
 */
final class WaveFiles {
    static final String PREFIX = "fleet-runs/";

    private final S3Client s3;

    WaveFiles(S3Client s3) {
        this.s3 = s3;
    }

    /** The wave file of wave {@code number} of the fleet execution {@code fleetExecutionName}. */
    static String key(String fleetExecutionName, int number) {
        return PREFIX + fleetExecutionName + "/wave-" + number + ".json";
    }

    void write(String bucket, String key, List<ChildStart> items) {
        byte[] body;
        try {
            body = TaskJson.mapper().writeValueAsBytes(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the wave's items do not serialise: " + e.getOriginalMessage(), e);
        }
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            UpgradeException common = ServiceErrors.translateCommon(e, "PutObject s3://" + bucket + "/" + key);
            if (common != null) {
                throw common;
            }
            throw e;
        }
    }
}
