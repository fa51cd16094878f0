package io.flinkupgrade.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskFailedException;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The lease's DynamoDB requests exactly as the workflow files make them (each lease state is taken
 * from the ASL file and run on the local engine, through the real SDK client), against the
 * emulator's embedded DynamoDB and against dynalite, an independent DynamoDB implementation: the
 * condition expressions mean the same on both. dynalite runs when {@code FLINK_UPGRADE_DYNALITE}
 * names its executable ({@code .ci/run} installs it); with {@code FLINK_UPGRADE_REQUIRE_DYNALITE=1},
 * as in CI, its absence fails the test instead of skipping it.
 */
class LeaseRequestsContractTest {
    private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
    private static final String APPLICATION = "orders-enricher";
    private static final JsonNode INPUT = TaskJson.mapper().createObjectNode()
            .put("applicationName", APPLICATION).put("targetRuntime", "FLINK-1_20");

    /** A DynamoDB endpoint to run the requests against. */
    private interface Target extends AutoCloseable {
        URI endpoint();

        @Override
        void close();
    }

    static Stream<Named<String>> targets() {
        return Stream.of(Named.of("embedded DynamoDB", "embedded"), Named.of("dynalite", "dynalite"));
    }

    private static Target start(String kind) {
        return kind.equals("embedded") ? embedded() : dynalite();
    }

    private static Target embedded() {
        MsfEmulator emulator = MsfEmulator.start(Scenario.load("healthy-upgrade"), new VirtualClock(T0));
        return new Target() {
            @Override
            public URI endpoint() {
                return emulator.endpoint();
            }

            @Override
            public void close() {
                emulator.close();
            }
        };
    }

    private static Target dynalite() {
        String executable = System.getenv("FLINK_UPGRADE_DYNALITE");
        if (executable == null || !Files.isExecutable(Path.of(executable))) {
            String missing = "dynalite not found: set FLINK_UPGRADE_DYNALITE to its executable "
                    + "(npm install --no-save --prefix <dir> dynalite@4.0.0, then <dir>/node_modules/.bin/dynalite), as .ci/run does";
            if ("1".equals(System.getenv("FLINK_UPGRADE_REQUIRE_DYNALITE"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        int port = freePort();
        try {
            Process process = new ProcessBuilder(executable, "--host", "127.0.0.1", "--port", Integer.toString(port), "--createTableMs", "0")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            awaitListening(port, process);
            return new Target() {
                @Override
                public URI endpoint() {
                    return URI.create("http://127.0.0.1:" + port);
                }

                @Override
                public void close() {
                    process.destroy();
                    try {
                        if (!process.waitFor(10, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        process.destroyForcibly();
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListening(int port, Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("dynalite exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        process.destroyForcibly();
        throw new AssertionError("dynalite did not listen on port " + port + " within 20 s");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The table as the stack defines it, created through the SDK on either target. */
    private static void createLeaseTable(URI endpoint) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.createTable(b -> b.tableName(LocalUpgrade.LEASE_TABLE)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("applicationName").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("record").attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName("applicationName").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("record").keyType(KeyType.RANGE).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            for (int i = 0; i < 100; i++) {
                if (client.describeTable(b -> b.tableName(LocalUpgrade.LEASE_TABLE)).table().tableStatus() == TableStatus.ACTIVE) {
                    return;
                }
                pause();
            }
            throw new AssertionError("the lease table did not become ACTIVE");
        }
    }

    /** Runs lease states taken from the workflow files on the engine, against one target. */
    private static final class Lease implements AutoCloseable {
        private final JsonNode upgrade = read("statemachine/upgrade-application.asl.json");
        private final StateMachineDefinition cleanup = StateMachineDefinition.parse(
                readText("statemachine/release-lease.asl.json"), LocalUpgrade.substitutions());
        private final VirtualClock clock = new VirtualClock(T0);
        private final SessionClients clients;
        private final LocalEngine engine;

        Lease(URI endpoint) {
            clients = SessionClients.at(endpoint);
            engine = new LocalEngine(new LocalLambdaRuntime(new NotificationSink(n -> { }), clients.dynamoDb(), clients.handlers()), clock,
                    new Random(1), e -> { });
        }

        /**
         * The upgrade's {@code state}, run alone as execution {@code executionName}: first the
         * NeedsLease rule's Assign (the lease's expiry), then the state without Retry, Catch or Next.
         */
        ExecutionResult upgradeState(String state, String executionName) {
            ObjectNode machine = TaskJson.mapper().createObjectNode().put("QueryLanguage", "JSONata").put("StartAt", "Setup");
            ObjectNode states = machine.putObject("States");
            states.putObject("Setup").put("Type", "Pass").put("Next", state)
                    .set("Assign", upgrade.get("States").get("NeedsLease").get("Choices").get(0).get("Assign"));
            ObjectNode copy = upgrade.get("States").get(state).deepCopy();
            copy.remove("Retry");
            copy.remove("Catch");
            copy.remove("Next");
            copy.put("End", true);
            states.set(state, copy);
            return engine.execute(StateMachineDefinition.parse(machine.toString(), LocalUpgrade.substitutions()), executionName, INPUT);
        }

        /** The whole cleanup state machine, for the end of {@code executionName}. */
        JsonNode cleanupAfter(String executionName) {
            ExecutionResult ended = new ExecutionResult(ExecutionStatus.ABORTED, null, null, null, List.of(), T0, clock.instant());
            ExecutionResult cleaned = engine.execute(cleanup, "cleanup-" + executionName,
                    ExecutionStatusChange.of(LocalEngine.executionArn(executionName), executionName, INPUT, ended));
            assertThat(cleaned.status()).as(String.valueOf(cleaned.cause())).isEqualTo(ExecutionStatus.SUCCEEDED);
            return cleaned.output();
        }

        /** The lease item's holder, read with the workflow's own ReadLeaseHolder. */
        String holder() {
            ExecutionResult read = upgradeState("ReadLeaseHolder", "reader");
            assertThat(read.status()).as(String.valueOf(read.cause())).isEqualTo(ExecutionStatus.SUCCEEDED);
            return read.output().path("Item").path("holder").path("S").asText("(none)");
        }

        void advance(Duration by) {
            clock.advance(by);
        }

        @Override
        public void close() {
            clients.close();
        }

        private static JsonNode read(String file) {
            try {
                return TaskJson.mapper().readTree(readText(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String readText(String file) {
            try {
                return Files.readString(Path.of(System.getProperty("flinkupgrade.root")).resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void assertConditionFailed(ExecutionResult result) {
        assertThat(result.status()).as(String.valueOf(result.cause())).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void acquire_onAFreeItem_thenAgainByTheSameHolder_butNotByAnother(String kind) {
        try (Target target = start(kind); Lease lease = new Lease(target.endpoint())) {
            createLeaseTable(target.endpoint());

            assertThat(lease.upgradeState("AcquireLease", "upgrade-a").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(lease.holder()).isEqualTo(LocalEngine.executionArn("upgrade-a"));
            assertThat(lease.upgradeState("AcquireLease", "upgrade-a").status()).as("re-acquired by its holder")
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertConditionFailed(lease.upgradeState("AcquireLease", "upgrade-b"));
            assertThat(lease.holder()).isEqualTo(LocalEngine.executionArn("upgrade-a"));
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anExpiredLease_isTakenOver_onlyOnceItsHolderCannotBeRunning(String kind) {
        try (Target target = start(kind); Lease lease = new Lease(target.endpoint())) {
            createLeaseTable(target.endpoint());
            lease.upgradeState("AcquireLease", "upgrade-a");

            lease.advance(Duration.ofSeconds(259_200));
            assertConditionFailed(lease.upgradeState("AcquireLease", "upgrade-b"));
            lease.advance(Duration.ofSeconds(3_601));
            assertThat(lease.upgradeState("AcquireLease", "upgrade-b").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(lease.holder()).isEqualTo(LocalEngine.executionArn("upgrade-b"));
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void release_isOnlyByTheHolder_inTheWorkflowAndInTheCleanup(String kind) {
        try (Target target = start(kind); Lease lease = new Lease(target.endpoint())) {
            createLeaseTable(target.endpoint());
            lease.upgradeState("AcquireLease", "upgrade-a");

            assertConditionFailed(lease.upgradeState("ReleaseLease", "upgrade-b"));
            assertThat(lease.cleanupAfter("upgrade-b")).isEqualTo(TaskJson.mapper().createObjectNode().put("released", false));
            assertThat(lease.holder()).isEqualTo(LocalEngine.executionArn("upgrade-a"));

            assertThat(lease.upgradeState("ReleaseLease", "upgrade-a").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(lease.holder()).isEqualTo("(none)");
            assertConditionFailed(lease.upgradeState("ReleaseLease", "upgrade-a"));

            lease.upgradeState("AcquireLease", "upgrade-c");
            assertThat(lease.cleanupAfter("upgrade-c").path("released").asBoolean()).isTrue();
            assertThat(lease.holder()).isEqualTo("(none)");
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anUnusedExpressionValue_isRefused_asDynamoDbRefusesIt(String kind) {
        try (Target target = start(kind); SessionClients clients = SessionClients.at(target.endpoint())) {
            createLeaseTable(target.endpoint());
            JsonNode request = TaskJson.mapper().valueToTree(Map.of(
                    "TableName", LocalUpgrade.LEASE_TABLE,
                    "Key", Map.of("applicationName", Map.of("S", APPLICATION), "record", Map.of("S", "LEASE")),
                    "ConditionExpression", "attribute_not_exists(#holder)",
                    "ExpressionAttributeNames", Map.of("#holder", "holder"),
                    "ExpressionAttributeValues", Map.of(":unused", Map.of("S", "x"))));

            Throwable refused = catchThrowable(() -> clients.dynamoDb().invoke(DynamoDbIntegration.DELETE_ITEM, request));

            assertThat(refused).isInstanceOf(TaskFailedException.class);
            assertThat(((TaskFailedException) refused).error()).isEqualTo("DynamoDB.ValidationException");
            assertThat(refused).hasMessageContaining("unused");
        }
    }
}
