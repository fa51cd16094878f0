package io.flinkupgrade.emulator;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.sun.net.httpserver.HttpHandler;
import io.flinkupgrade.emulator.dynamodb.DynamoDbTables;
import io.flinkupgrade.emulator.s3.ObjectStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An emulator of the Amazon Managed Service for Apache Flink (kinesisanalyticsv2) and CloudWatch
 * APIs on loopback, for the real AWS SDK and the AWS CLI: one endpoint serves both, so
 * {@code AWS_ENDPOINT_URL} covers both clients. Everything time-dependent is computed from the
 * given clock when a call arrives; there are no background threads.
 */
public final class MsfEmulator implements AutoCloseable {
    /**
     * The recorded operation name of an MSF autoscaling event (actor {@code msf-autoscaling}): no API
     * operation, but a change of the application made by someone other than the client.
     */
    public static final String AUTOSCALE_OPERATION = "Autoscale";

    private final ApplicationModel model;
    private final DynamoDbTables tables;
    private final ObjectStore objects;
    private final EmulatorServer server;
    private final UpgradeStarts upgradeStarts;

    private MsfEmulator(ApplicationModel model, DynamoDbTables tables, ObjectStore objects, EmulatorServer server, UpgradeStarts upgradeStarts) {
        this.model = model;
        this.tables = tables;
        this.objects = objects;
        this.server = server;
        this.upgradeStarts = upgradeStarts;
    }

    /** Starts on 127.0.0.1 on an ephemeral port; injected latency does not move the clock. */
    public static MsfEmulator start(Scenario scenario, Clock clock) {
        return start(scenario, clock, 0, latency -> { });
    }

    /**
     * Starts on 127.0.0.1:{@code port} (0 for an ephemeral port). {@code spendLatency} is how an
     * injected latency passes: on a virtual clock it advances the clock (the caller waited that long);
     * on the system clock nothing, as the emulator never sleeps.
     */
    public static MsfEmulator start(Scenario scenario, Clock clock, int port, Consumer<Duration> spendLatency) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(clock, "clock");
        // Timestamps go out as plain epoch seconds with milliseconds (1748854800.000), never 1.7488548E+9.
        ObjectMapper json = JsonMapper.builder()
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        ApplicationModel model = new ApplicationModel(scenario, clock, spendLatency);
        DynamoDbTables tables = new DynamoDbTables(model.faults()::refuseDynamoDb);
        ObjectStore objects = new ObjectStore(clock);
        return new MsfEmulator(model, tables, objects, new EmulatorServer(model, tables, objects, json, port),
                new UpgradeStarts(scenario.spec().actions()));
    }

    /** The endpoint for both kinesisanalyticsv2 and CloudWatch clients, e.g. {@code http://127.0.0.1:43817}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Serves another AWS service on this endpoint: requests whose {@code X-Amz-Target} starts with
     * {@code targetPrefix} (e.g. {@code AWSStepFunctions.}) go to {@code handler}, so one
     * {@code --endpoint-url} reaches every local service. The emulator neither records nor faults them.
     */
    public void serve(String targetPrefix, HttpHandler handler) {
        server.serve(targetPrefix, handler);
    }

    /** The embedded DynamoDB's tables, served on the same endpoint (the local runtime's lease table lives here). */
    /** The S3 buckets and objects on this endpoint (PutObject, GetObject and HeadObject, path-style). */
    public ObjectStore s3() {
        return objects;
    }

    public DynamoDbTables dynamoDb() {
        return tables;
    }

    /** The scenario's {@code startUpgrade} actions due by now on the emulator's clock, each returned once. */
    public List<UpgradeStart> takeDueUpgradeStarts() {
        synchronized (model) {
            return upgradeStarts.takeDue(model, model.now());
        }
    }

    /** Every call received, in order, including failed ones and injected changes by someone else. */
    public List<RecordedCall> calls() {
        return callsSince(0);
    }

    /** How many calls {@link #calls()} would return now: where a caller's window of calls starts. */
    public int callCount() {
        synchronized (model) {
            return model.callCount();
        }
    }

    /** The calls from the {@code from}-th on, as {@link #calls()} orders them: one task's, without copying every call so far. */
    public List<RecordedCall> callsSince(int from) {
        synchronized (model) {
            return model.calls(from);
        }
    }

    /** The calls that change (or tried to change) an application, failed ones included. */
    public List<RecordedCall> mutatingCalls() {
        return calls().stream().filter(MsfEmulator::isMutating).toList();
    }

    /** Whether the call changes (or tried to change) an application. */
    public static boolean isMutating(RecordedCall call) {
        return call.service().equals(Service.KINESIS_ANALYTICS_V2.wireName())
                && (MsfProtocol.MUTATING.contains(call.operation()) || call.operation().equals(AUTOSCALE_OPERATION));
    }

    /** The application as it is now on the emulator's clock, or empty if it does not exist. */
    public Optional<ApplicationView> application(String name) {
        synchronized (model) {
            return model.find(name).map(this::view);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private ApplicationView view(EmulatedApplication app) {
        AppVersion current = app.current();
        AppConfig config = current.config();
        List<SnapshotView> snapshots = app.snapshots().stream()
                .sorted(Comparator.comparing(Snapshot::created))
                .map(s -> new SnapshotView(s.name(), s.status(model.now()), s.versionId(), s.runtime(), s.created()))
                .toList();
        List<VersionView> versions = app.versions().stream()
                .map(v -> new VersionView(v.id(), app.versionStatus(v), v.config().runtime(), v.config().fileKey(),
                        v.created(), v.updatedFrom(), v.rolledBackFrom(), v.rolledBackTo()))
                .toList();
        return new ApplicationView(app.name(), model.arn(app), app.status(), current.id(), current.conditionalToken(),
                config.runtime(), config.bucketArn(), config.fileKey(), config.snapshotsEnabled(), snapshots, versions,
                app.tags());
    }
}
