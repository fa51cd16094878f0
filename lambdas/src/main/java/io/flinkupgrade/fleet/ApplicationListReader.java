package io.flinkupgrade.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads a fleet request's {@code applicationList}: a JSON array in S3 of the same entries as
 * {@code applications}, for a list too large for the 256 KiB execution input. An object that is
 * missing, unreadable, not JSON or not an array rejects the request naming {@code applicationList};
 * a transient S3 failure is retried by the workflow.
 */
final class ApplicationListReader {
    static final String FIELD = "applicationList";

    private final S3Client s3;

    ApplicationListReader(S3Client s3) {
        this.s3 = s3;
    }

    ArrayNode read(FleetRequest.ApplicationList list) {
        String location = "s3://" + list.bucket() + "/" + list.key();
        byte[] content;
        try {
            content = s3.getObjectAsBytes(b -> b.bucket(list.bucket()).key(list.key())).asByteArray();
        } catch (SdkException e) {
            UpgradeException common = ServiceErrors.translateCommon(e, "GetObject " + location);
            if (common != null) {
                throw common;
            }
            throw new UpgradeRejectedException(FIELD, location + " cannot be read (" + ServiceErrors.code(e)
                    + "); the fleet may read lists under " + FleetRequest.ApplicationList.PREFIX + " in its fleet bucket", e);
        }
        JsonNode entries;
        try {
            entries = TaskJson.mapper().readTree(content);
        } catch (JsonProcessingException e) {
            throw new UpgradeRejectedException(FIELD, location + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UpgradeRejectedException(FIELD, location + " cannot be parsed: " + e.getMessage(), e);
        }
        if (!(entries instanceof ArrayNode array)) {
            throw new UpgradeRejectedException(FIELD, location + " holds no JSON array of applications");
        }
        return array;
    }
}
