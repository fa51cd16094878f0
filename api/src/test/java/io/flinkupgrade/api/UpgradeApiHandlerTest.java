package io.flinkupgrade.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The proxy event's route and the answer's status: client errors name the parameter, an unreachable service is a 502. */
class UpgradeApiHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nothing listens on port 1: every call fails to connect. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

    private final UpgradeApiHandler handler = new UpgradeApiHandler(new UpgradeQueries(
            DynamoDbClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .httpClient(UrlConnectionHttpClient.create()).build(),
            SfnClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .httpClient(UrlConnectionHttpClient.create()).build(),
            Clock.systemUTC(), "leases", "arn:aws:states:us-east-1:123456789012:stateMachine:flink-upgrade"));

    private JsonNode respond(String event) throws Exception {
        return handler.respond(JSON.readTree(event));
    }

    @Test
    void aBadParameter_is400NamingIt_beforeAnyCall() throws Exception {
        JsonNode response = respond("""
                {"httpMethod": "GET", "resource": "/upgrades", "queryStringParameters": {"status": "DONE"}}""");

        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(response.get("body").asText()).get("message").asText()).startsWith("status: DONE");
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
    }

    @Test
    void anIdThatCannotBeAnExecutionName_is404() throws Exception {
        JsonNode response = respond("""
                {"httpMethod": "GET", "resource": "/upgrades/{id}", "pathParameters": {"id": "a:b"}}""");

        assertThat(response.get("statusCode").asInt()).isEqualTo(404);
        assertThat(JSON.readTree(response.get("body").asText()).get("error").asText()).isEqualTo("NotFound");
    }

    @Test
    void dynamoDbUnreachable_is502WithoutDetail() throws Exception {
        JsonNode response = respond("""
                {"httpMethod": "GET", "resource": "/upgrades", "queryStringParameters": null}""");

        assertThat(response.get("statusCode").asInt()).isEqualTo(502);
        assertThat(JSON.readTree(response.get("body").asText()).get("error").asText()).isEqualTo("UpstreamError");
    }
}
