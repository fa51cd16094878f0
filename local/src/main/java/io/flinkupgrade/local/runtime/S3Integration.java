package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.TaskFailedException;
import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.S3Clients;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 calls Step Functions makes for a Distributed Map: ItemReader's {@code arn:aws:states:::s3:getObject}
 * (Bucket, Key; the engine reads the object's content as text in "Body") and ResultWriter's
 * {@code arn:aws:states:::s3:putObject} (Bucket, Key, Body), through the real SDK client to the local
 * S3. A failure is {@code S3.} + the service's error code, as AWS SDK integrations name errors
 * (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html); the engine
 * reports it as States.ItemReaderFailed or States.ResultWriterFailed.
 */
final class S3Integration {
    static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
    static final String PUT_OBJECT = "arn:aws:states:::s3:putObject";

    private final S3Client client;

    S3Integration(AwsClients clients) {
        this.client = S3Clients.of(clients);
    }

    static boolean serves(String resource) {
        return GET_OBJECT.equals(resource) || PUT_OBJECT.equals(resource);
    }

    JsonNode invoke(String resource, JsonNode arguments) {
        String bucket = arguments.path("Bucket").asText();
        String key = arguments.path("Key").asText();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        try {
            if (GET_OBJECT.equals(resource)) {
                answer.put("Body", client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8));
            } else {
                answer.put("ETag", client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(arguments.path("Body").asText())).eTag());
            }
            return answer;
        } catch (SdkException e) {
            throw new TaskFailedException("S3." + ServiceErrors.code(e), e.getMessage());
        }
    }
}
