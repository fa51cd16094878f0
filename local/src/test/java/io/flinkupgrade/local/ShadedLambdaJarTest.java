package io.flinkupgrade.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * The jar Lambda deploys, as Lambda would load it: alone in its own class loader. It must stay
 * within its budget, and what is trimmed from it (async clients, YAML, event streams, the SDK's
 * endpoints.json, Powertools' JSON serialisation, Log4j's file and network appenders...) must not
 * be anything the handlers load: each handler here talks to the emulator and logs from inside the
 * jar, and each client resolves its real endpoint in another Region.
 */
class ShadedLambdaJarTest {
    /** Powertools logging with Log4j is 2.4 MiB of it; see lambdas/pom.xml for what is left out and why. */
    private static final long MAX_BYTES = 13L * 1024 * 1024;
    private static final Path ROOT = Path.of(System.getProperty("flinkupgrade.root"));
    private static MsfEmulator emulator;
    private static SdkSettings sdk;
    private static URLClassLoader lambda;

    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("lambdas/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shaded Lambda jar in lambdas/target: run mvn verify from the "
                            + "repository root (the lambdas module packages it before local's tests run)"));
        }
    }

    @BeforeAll
    static void startEmulatorAndLoadTheJar() throws IOException {
        Scenario scenario = Scenario.load("healthy-upgrade");
        emulator = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()));
        sdk = SdkSettings.pointedAt(emulator.endpoint());
        lambda = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void stop() throws IOException {
        lambda.close();
        emulator.close();
        sdk.close();
    }

    /** Invokes a handler class from the jar the way the Java runtime does: its serializer in, its serializer out. */
    private static String invoke(String handlerClass, String eventFile) throws Exception {
        Class<?> serializerClass = lambda.loadClass("io.flinkupgrade.wiring.TaskSerializer");
        Object serializer = serializerClass.getConstructor().newInstance();
        Class<?> handlerType = lambda.loadClass(handlerClass);
        Object handler = handlerType.getConstructor().newInstance();
        Type inputType = Stream.of(handlerType.getGenericInterfaces())
                .map(t -> ((ParameterizedType) t).getActualTypeArguments()[0]).findFirst().orElseThrow();
        String event = Files.readString(ROOT.resolve("events/lambda").resolve(eventFile));
        Object input = serializerClass.getMethod("fromJson", String.class, Type.class).invoke(serializer, event, inputType);
        Class<?> context = lambda.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Method handle = handlerType.getMethod("handleRequest", (Class<?>) inputType, context);
        try {
            Object output = handle.invoke(handler, input, null);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializerClass.getMethod("toJson", Object.class, OutputStream.class, Type.class).invoke(serializer, output, json, Object.class);
            return json.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void jar_staysWithinItsBudget() throws IOException {
        long size = Files.size(jar());
        System.out.printf("shaded Lambda jar %s: %.2f MiB (budget %d MiB)%n", jar().getFileName(), size / 1048576.0,
                MAX_BYTES / 1048576);

        assertThat(size).isLessThan(MAX_BYTES);
    }

    /**
     * Without an endpoint override each client resolves its endpoint from the Region with the SDK's
     * rules and region metadata, inside the jar (which leaves out endpoints.json). The closed network
     * then fails the call, naming the host it resolved.
     */
    @ParameterizedTest
    @CsvSource({"msf, kinesisanalytics.ap-southeast-2.amazonaws.com", "cloudWatch, monitoring.ap-southeast-2.amazonaws.com"})
    void clients_fromTheJar_resolveTheirEndpointInAnotherRegion(String client, String host) throws Exception {
        String endpoint = System.clearProperty("aws.endpointUrl");
        String region = System.setProperty("aws.region", "ap-southeast-2");
        try {
            Class<?> clients = lambda.loadClass("io.flinkupgrade.wiring.AwsClients");
            Method build = clients.getMethod(client);
            Object sdkClient = build.invoke(clients.getMethod("fromEnvironment").invoke(null));
            // One method handle, not Class.getMethod, which would load every method's types (waiters are left out).
            String operation = "msf".equals(client) ? "ListApplications" : "ListMetrics";
            Class<?> response = lambda.loadClass(sdkClient.getClass().getPackageName() + ".model." + operation + "Response");
            MethodHandle call = MethodHandles.publicLookup().findVirtual(build.getReturnType(),
                    Character.toLowerCase(operation.charAt(0)) + operation.substring(1), MethodType.methodType(response));

            // SdkClientException: the HTTP call could not connect; its causes name the endpoint the SDK resolved.
            assertThatThrownBy(() -> call.invoke(sdkClient))
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("software.amazon.awssdk.core.exception.SdkClientException"))
                    .satisfies(e -> assertThat(Stream.iterate(e, c -> c != null, Throwable::getCause).map(String::valueOf)
                            .collect(Collectors.joining(" / "))).contains(host));
        } finally {
            System.setProperty("aws.endpointUrl", endpoint);
            System.setProperty("aws.region", region);
        }
    }

    @Test
    void preflight_fromTheJar_validatesTheSchemaAndReadsMsfAndCloudWatch() throws Exception {
        String plan = invoke("io.flinkupgrade.preflight.PreflightHandler", "preflight.json");

        assertThat(plan).contains("\"currentRuntime\":\"FLINK-1_15\"", "\"conditionalToken\"", "\"baseline\"");
    }

    @Test
    void takeSnapshot_fromTheJar_createsTheSnapshot() throws Exception {
        assertThat(invoke("io.flinkupgrade.snapshot.TakeSnapshotHandler", "take-snapshot.json")).contains("\"status\":\"CREATING\"");
    }

    /**
     * CheckHealth reads the application first: the sample event watches our upgrade, so an emulator of
     * its own (the other tests need the application as the scenario starts it) gets that upgrade.
     */
    @Test
    void checkHealth_fromTheJar_readsTheApplicationAndMetricsOverTheQueryProtocol() throws Exception {
        Scenario scenario = Scenario.load("healthy-upgrade");
        try (MsfEmulator upgraded = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()));
                SdkSettings pointed = SdkSettings.pointedAt(upgraded.endpoint());
                KinesisAnalyticsV2Client msf = KinesisAnalyticsV2Client.create()) {
            String token = msf.describeApplication(r -> r.applicationName("orders-enricher")).applicationDetail().conditionalToken();
            msf.updateApplication(r -> r.applicationName("orders-enricher").conditionalToken(token)
                    .runtimeEnvironmentUpdate("FLINK-1_20")
                    .applicationConfigurationUpdate(c -> c
                            .applicationCodeConfigurationUpdate(a -> a.codeContentUpdate(d -> d.s3ContentLocationUpdate(l -> l
                                    .fileKeyUpdate("orders-enricher/orders-enricher-1.5.0-flink-1.20.jar"))))
                            .environmentPropertyUpdates(e -> e.propertyGroups(List.of()))));

            String verdict = invoke("io.flinkupgrade.health.CheckHealthHandler", "check-health.json");

            assertThat(verdict).contains("\"verdict\":\"PENDING\"", "\"kind\":\"OURS\"", "\"alarms.newlyInAlarm\"");
        }
    }

    @Test
    void updateApplication_fromTheJar_reportsAStaleTokenAsItsNamedError() {
        assertThatThrownBy(() -> invoke("io.flinkupgrade.update.UpdateApplicationHandler", "update-application.json"))
                .extracting(e -> e.getClass().getName()).isEqualTo("io.flinkupgrade.errors.ConcurrentUpdateException");
    }
}
