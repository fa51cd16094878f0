package io.flinkupgrade.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * The jars Lambda deploys (the shared one, and PlanFleet's with the S3 client; see {@link TaskJar}),
 * as Lambda would load them: each alone in its own class loader. Each must stay within its budget, and what is trimmed from it (async clients, YAML, event streams, the SDK's
 * endpoints.json, the operations no handler calls, Powertools' JSON serialisation, Log4j's file and
 * network appenders...) must not be anything the handlers load: each handler here talks to the
 * emulator and logs from inside the jar, each client resolves its real endpoint in another Region,
 * every class a called operation or the metrics library can reach is in the jar, no class left in
 * it names one left out of a trimmed package, and the SnapStart checkpoint hook loads what it lists.
 */
class ShadedLambdaJarTest {
    /**
     * Measured 10.65 MiB: the AWS SDK 5.45 MiB (MSF's model 1.4 MiB; the Regions' service metadata 0.85 MiB,
     * which GeneratedServiceMetadataProvider builds all at once, so none of it can go), Jackson 2.0 MiB, Log4j
     * with Powertools logging 1.6 MiB, the JSON Schema validator 0.5 MiB, Commons Lang 0.35 MiB. See
     * lambdas/pom.xml for what is left out and why; what is left is what the jar's classes can reach.
     */
    private static final long MAX_BYTES = 43L * 256 * 1024;
    /** PlanFleet's jar: the shared jar's content and the S3 client (4 MiB), measured 14.61 MiB. */
    private static final long FLEET_PLAN_MAX_BYTES = 59L * 256 * 1024;
    private static final Path ROOT = Path.of(System.getProperty("flinkupgrade.root"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fleet bucket PlanFleet's sample event names. */
    private static final String FLEET_BUCKET = "flink-upgrade-fleet-123456789012-us-east-1";
    private static MsfEmulator emulator;
    private static SdkSettings sdk;
    private static URLClassLoader lambda;
    private static URLClassLoader fleetPlan;
    private static ClassLoader tests;
    private static final String LOG4J_CONFIGURATION = "log4j2.configurationFile";
    /** What the jar's Log4j writes: its JSON lines on stdout and its own status messages on stderr. */
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static PrintStream stdout;
    private static PrintStream stderr;
    /** The EMF documents the jar's handlers emit. */
    private static final List<String> METRICS = new CopyOnWriteArrayList<>();

    static Path jar() throws IOException {
        return jar(TaskJar.SHARED);
    }

    static Path jar(TaskJar jar) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("lambdas/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + jar.classifier() + ".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shaded Lambda jar in lambdas/target: run mvn verify from the "
                            + "repository root (the lambdas module packages it before local's tests run)"));
        }
    }

    @BeforeAll
    static void startEmulatorAndLoadTheJar() throws IOException {
        Scenario scenario = Scenario.load("healthy-upgrade");
        emulator = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()));
        emulator.s3().createBucket(FLEET_BUCKET);
        sdk = SdkSettings.pointedAt(emulator.endpoint());
        // Log4j takes the console streams when it configures itself, at the jar's first log line.
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(new TeeOutputStream(stdout, CONSOLE), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeOutputStream(stderr, CONSOLE), true, StandardCharsets.UTF_8));
        lambda = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        fleetPlan = new URLClassLoader(new URL[] {jar(TaskJar.FLEET_PLAN).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        // The jar's Log4j configures itself from its own log4j2.xml, as in Lambda: Log4j prefers a log4j2-test.xml
        // anywhere on the system class path (the local tests' quiet one) unless told the file, and looks it up through
        // the context loader first, which Lambda sets to the function's loader.
        // The tests' own Log4j configures itself first, while the property is not set, so it stays quiet after this class.
        LogManager.getContext(false);
        System.setProperty(LOG4J_CONFIGURATION, "log4j2.xml");
        tests = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(lambda);
        emitMetricsToTheTest(lambda);
        emitMetricsToTheTest(fleetPlan);
    }

    private static URLClassLoader loader(TaskJar jar) {
        return jar == TaskJar.FLEET_PLAN ? fleetPlan : lambda;
    }

    /**
     * Outside Lambda the EMF library would probe EC2 and ECS metadata for its environment; the jar's
     * own EmfLines (what the local runtime uses) gives it a fixed one writing to {@link #METRICS}.
     */
    private static void emitMetricsToTheTest(ClassLoader lambda) {
        try {
            Class<?> providerType = lambda.loadClass("software.amazon.lambda.powertools.metrics.provider.MetricsProvider");
            Method emfLines = lambda.loadClass("io.flinkupgrade.observe.EmfLines").getMethod("metrics", String.class, String.class, Consumer.class);
            Consumer<String> documents = METRICS::add;
            Object provider = Proxy.newProxyInstance(lambda, new Class<?>[] {providerType}, (proxy, method, args) -> switch (method.getName()) {
                case "getMetricsInstance" -> emfLines.invoke(null, "FlinkUpgrade", "flink-upgrade", documents);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "EmfLines";
            });
            lambda.loadClass("software.amazon.lambda.powertools.metrics.MetricsFactory").getMethod("setMetricsProvider", providerType)
                    .invoke(null, provider);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        Thread.currentThread().setContextClassLoader(tests);
        System.clearProperty(LOG4J_CONFIGURATION);
        System.setOut(stdout);
        System.setErr(stderr);
        lambda.close();
        fleetPlan.close();
        emulator.close();
        sdk.close();
    }

    private static String invoke(String handlerClass, String eventFile) throws Exception {
        return invoke(lambda, handlerClass, Files.readString(ROOT.resolve("events/lambda").resolve(eventFile)));
    }

    /**
     * Invokes a handler class from a jar the way the Java runtime does: its serializer in, its
     * serializer out, the jar's loader the context class loader (as Lambda sets the function's).
     */
    private static String invoke(ClassLoader lambda, String handlerClass, String event) throws Exception {
        Thread.currentThread().setContextClassLoader(lambda);
        Class<?> serializerClass = lambda.loadClass("io.flinkupgrade.wiring.TaskSerializer");
        Object serializer = serializerClass.getConstructor().newInstance();
        Class<?> handlerType = lambda.loadClass(handlerClass);
        Object handler = handlerType.getConstructor().newInstance();
        Type inputType = Stream.of(handlerType.getGenericInterfaces())
                .map(t -> ((ParameterizedType) t).getActualTypeArguments()[0]).findFirst().orElseThrow();
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
        } finally {
            Thread.currentThread().setContextClassLoader(ShadedLambdaJarTest.lambda);
        }
    }

    @Test
    void jar_staysWithinItsBudget() throws IOException {
        long size = Files.size(jar());
        System.out.printf("shaded Lambda jar %s: %.2f MiB (budget %.2f MiB)%n", jar().getFileName(), size / 1048576.0,
                MAX_BYTES / 1048576.0);

        assertThat(size).isLessThan(MAX_BYTES);
    }

    @Test
    void fleetPlanJar_staysWithinItsBudget() throws IOException {
        Path jar = jar(TaskJar.FLEET_PLAN);
        long size = Files.size(jar);
        System.out.printf("shaded PlanFleet jar %s: %.2f MiB (budget %.2f MiB)%n", jar.getFileName(), size / 1048576.0,
                FLEET_PLAN_MAX_BYTES / 1048576.0);

        assertThat(size).isLessThan(FLEET_PLAN_MAX_BYTES);
    }

    /** The S3 client and what only it brings are PlanFleet's jar's alone. */
    @Test
    void sharedJar_leavesOutTheS3Client() throws IOException {
        JarClasses jar = new JarClasses(jar());

        assertThat(jar.names()).noneMatch(name -> name.startsWith("software/amazon/awssdk/services/s3/")
                || name.startsWith("software/amazon/awssdk/protocols/xml/") || name.startsWith("software/amazon/awssdk/arns/")
                || name.startsWith("software/amazon/awssdk/crtcore/"));
        assertThat(new JarClasses(jar(TaskJar.FLEET_PLAN)).names()).contains("software/amazon/awssdk/services/s3/DefaultS3Client");
    }

    /**
     * Without an endpoint override each client resolves its endpoint from the Region with the SDK's
     * rules and region metadata, inside the jar (which leaves out endpoints.json and the rules
     * interpreter). The closed network then fails the call, naming the host it resolved.
     */
    @ParameterizedTest
    @CsvSource({"SHARED, msf, DescribeApplication, kinesisanalytics.ap-southeast-2.amazonaws.com",
            "SHARED, cloudWatch, DescribeAlarms, monitoring.ap-southeast-2.amazonaws.com",
            "FLEET_PLAN, msf, DescribeApplication, kinesisanalytics.ap-southeast-2.amazonaws.com",
            "FLEET_PLAN, s3, HeadObject, fleet-bucket.s3.ap-southeast-2.amazonaws.com"})
    void clients_fromTheJar_resolveTheirEndpointInAnotherRegion(TaskJar taskJar, String client, String operation, String host) throws Exception {
        String endpoint = System.clearProperty("aws.endpointUrl");
        String region = System.setProperty("aws.region", "ap-southeast-2");
        ClassLoader lambda = loader(taskJar);
        try {
            Class<?> clients = lambda.loadClass("io.flinkupgrade.wiring.AwsClients");
            Object environment = clients.getMethod("fromEnvironment").invoke(null);
            // S3's client is built apart (S3Clients), so that AwsClients resolves in the shared jar.
            Method build = "s3".equals(client) ? lambda.loadClass("io.flinkupgrade.wiring.S3Clients").getMethod("of", clients)
                    : clients.getMethod(client);
            Object sdkClient = "s3".equals(client) ? build.invoke(null, environment) : build.invoke(environment);
            String model = sdkClient.getClass().getPackageName() + ".model." + operation;
            Class<?> requestType = lambda.loadClass(model + "Request");
            Object builder = requestType.getMethod("builder").invoke(null);
            if ("msf".equals(client)) {
                lambda.loadClass(model + "Request$Builder").getMethod("applicationName", String.class).invoke(builder, "orders-enricher");
            }
            if ("s3".equals(client)) {
                lambda.loadClass(model + "Request$Builder").getMethod("bucket", String.class).invoke(builder, "fleet-bucket");
                lambda.loadClass(model + "Request$Builder").getMethod("key", String.class).invoke(builder, "fleet-runs/f/wave-1.json");
            }
            Object request = lambda.loadClass("software.amazon.awssdk.utils.builder.SdkBuilder").getMethod("build").invoke(builder);
            // One method handle, not Class.getMethod, which would load every method's types (waiters are left out).
            MethodHandle call = MethodHandles.publicLookup().findVirtual(build.getReturnType(),
                    Character.toLowerCase(operation.charAt(0)) + operation.substring(1),
                    MethodType.methodType(lambda.loadClass(model + "Response"), requestType));

            // SdkClientException: the HTTP call could not connect; its causes name the endpoint the SDK resolved.
            assertThatThrownBy(() -> call.invoke(sdkClient, request))
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("software.amazon.awssdk.core.exception.SdkClientException"))
                    .satisfies(e -> assertThat(Stream.iterate(e, c -> c != null, Throwable::getCause).map(String::valueOf)
                            .collect(Collectors.joining(" / "))).contains(host));
        } finally {
            System.setProperty("aws.endpointUrl", endpoint);
            System.setProperty("aws.region", region);
        }
    }

    /**
     * Initialising a client class verifies it, which loads the request class of every operation it
     * has: the jar keeps those and leaves out only the builders, responses and marshallers of the
     * operations no handler calls.
     */
    @ParameterizedTest
    @CsvSource({"SHARED, software.amazon.awssdk.services.kinesisanalyticsv2.DefaultKinesisAnalyticsV2Client",
            "SHARED, software.amazon.awssdk.services.cloudwatch.DefaultCloudWatchClient",
            "FLEET_PLAN, software.amazon.awssdk.services.kinesisanalyticsv2.DefaultKinesisAnalyticsV2Client",
            "FLEET_PLAN, software.amazon.awssdk.services.s3.DefaultS3Client"})
    void clientClasses_fromTheJar_initialise(TaskJar jar, String clientClass) {
        assertThatCode(() -> Class.forName(clientClass, true, loader(jar))).doesNotThrowAnyException();
    }

    /**
     * Every operation a handler calls (TaskCatalog's IAM actions name them): its request, response,
     * marshaller and paginator, and every class of the service those reach (shapes, enums, copiers),
     * are in the jar, whatever fields a real response carries. So are the endpoint provider and the
     * modeled exceptions with what they reach. Each jar is checked for the services its tasks call.
     */
    @ParameterizedTest
    @EnumSource(TaskJar.class)
    void everyClassACalledOperationReaches_isInTheJar(TaskJar taskJar) throws IOException {
        JarClasses jar = new JarClasses(jar(taskJar));
        List<TaskCatalog> tasks = Stream.of(TaskCatalog.values()).filter(task -> task.jar() == taskJar).toList();
        Map<String, String> services = Map.of("kinesisanalytics", "kinesisanalyticsv2/KinesisAnalyticsV2", "cloudwatch", "cloudwatch/CloudWatch",
                "s3", "s3/S3");
        for (Map.Entry<String, String> service : services.entrySet()) {
            if (tasks.stream().flatMap(task -> task.iamActions().stream()).noneMatch(action -> action.startsWith(service.getKey() + ":"))) {
                continue;
            }
            String[] names = service.getValue().split("/");
            String base = "software/amazon/awssdk/services/" + names[0] + "/";
            Set<String> roots = new TreeSet<>(Set.of(base + "endpoints/internal/Default" + names[1] + "EndpointProvider",
                    base + "endpoints/internal/" + names[1] + "ResolveEndpointInterceptor",
                    base + "endpoints/internal/" + names[1] + "RequestSetEndpointInterceptor"));
            tasks.stream().flatMap(task -> task.iamActions().stream())
                    .filter(action -> action.startsWith(service.getKey() + ":"))
                    .map(action -> action.substring(action.indexOf(':') + 1))
                    .forEach(operation -> {
                        roots.addAll(List.of(base + "model/" + operation + "Request", base + "model/" + operation + "Response",
                                base + "transform/" + operation + "RequestMarshaller"));
                        // A List operation's paginator, when the SDK has one (ListTagsForResource is not paginated).
                        String paginator = base + "paginators/" + operation + "Iterable";
                        if (operation.startsWith("List") && ShadedLambdaJarTest.class.getClassLoader().getResource(paginator + ".class") != null) {
                            roots.add(paginator);
                        }
                    });
            jar.names().stream().filter(name -> name.startsWith(base + "model/") && name.endsWith("Exception")).forEach(roots::add);

            // The client classes name every operation; initialising them (clientClasses_fromTheJar_initialise) proves what they need.
            // So does the async client interface, which PlanFleet's jar keeps because S3's S3 Express identity cache names it.
            Set<String> clients = Set.of(base + names[1] + "Client", base + "Default" + names[1] + "Client", base + names[1] + "AsyncClient");
            assertThat(jar.reachable(roots, base, clients)).as("classes of %s reachable from the operations the handlers call", names[0])
                    .allSatisfy(name -> assertThat(jar.contains(name)).as(name).isTrue());
        }
    }

    /**
     * The packages lambdas/pom.xml trims class by class. (Log4j's JMX, script and Jackson support, left out
     * whole, are still named by LoggerContext and AbstractConfiguration: off by default and not configured.)
     */
    private static final List<String> TRIMMED_LIBRARIES = List.of("software/amazon/awssdk/core/", "software/amazon/awssdk/awscore/",
            "software/amazon/awssdk/auth/", "software/amazon/awssdk/thirdparty/", "software/amazon/lambda/powertools/metrics/",
            "software/amazon/lambda/powertools/logging/", "org/apache/commons/lang3/", "org/apache/logging/log4j/core/appender/",
            "org/apache/logging/log4j/core/async/", "org/apache/logging/log4j/core/config/", "org/apache/logging/log4j/core/filter/",
            "org/apache/logging/log4j/core/layout/", "org/apache/logging/log4j/core/net/");

    /**
     * What lambdas/pom.xml leaves out of these packages (the SDK's waiters, async and presigning
     * machinery, bearer tokens, Powertools' aspects, Log4j's other appenders, filters and layouts, the
     * parts of Commons Lang no one calls...) no class left in the jar names, not even as a string for
     * {@code Class.forName}: no code path, a rare error path included, can load it.
     */
    @ParameterizedTest
    @EnumSource(TaskJar.class)
    void whatTheJarLeavesOutOfTheTrimmedLibraries_noClassInItNames(TaskJar taskJar) throws IOException {
        assertThat(new JarClasses(jar(taskJar)).namedButMissing(TRIMMED_LIBRARIES)).as("left-out class -> a class of the jar naming it").isEmpty();
    }

    /**
     * Before Lambda snapshots a SnapStart function it runs the CRaC hooks registered: Powertools
     * metrics' loads and initialises every class its classesloaded.txt lists, skipping those the jar
     * leaves out. A class that is in the jar but cannot load ends the hook with an error (INFERRED:
     * failing the snapshot, and so the function's published version; AWS does not say).
     */
    @ParameterizedTest
    @EnumSource(TaskJar.class)
    void powertoolsSnapStartHook_fromTheJar_loadsTheClassesItListsWithoutError(TaskJar taskJar) throws Exception {
        ClassLoader jar = loader(taskJar);
        Class<?> metricsFactory = jar.loadClass("software.amazon.lambda.powertools.metrics.MetricsFactory");
        Method beforeCheckpoint = metricsFactory.getMethod("beforeCheckpoint", jar.loadClass("org.crac.Context"));
        Object hook = metricsFactory.getConstructor().newInstance();

        assertThatCode(() -> beforeCheckpoint.invoke(hook, (Object) null)).doesNotThrowAnyException();
    }

    /** Commons Lang is trimmed to what Powertools metrics and the EMF library can reach. */
    @Test
    void everyCommonsLangClassTheMetricsLibrariesReach_isInTheJar() throws IOException {
        JarClasses jar = new JarClasses(jar());
        Set<String> roots = jar.names().stream()
                .filter(name -> name.startsWith("software/amazon/lambda/powertools/metrics/") || name.startsWith("software/amazon/cloudwatchlogs/emf/"))
                .collect(Collectors.toSet());

        assertThat(jar.reachable(roots, "org/apache/commons/lang3/", Set.of())).isNotEmpty()
                .allSatisfy(name -> assertThat(jar.contains(name)).as(name).isTrue());
    }

    /** Log4j from the jar configures itself from log4j2.xml (no plugin it needs left out) and writes JSON lines. */
    @Test
    void logging_fromTheJar_writesJsonLinesWithoutConfigurationErrors() throws Exception {
        invoke("io.flinkupgrade.preflight.PreflightHandler", "preflight.json");

        String console = CONSOLE.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("{\"level\":\"INFO\"").doesNotContain(" ERROR ");
    }

    /**
     * Every function of the catalogue runs from its jar on its sample event against the emulator: it
     * answers, or ends with one of the named errors the ASL branches on, never a missing class.
     */
    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void everyHandler_fromItsJar_answersOrEndsWithANamedError(TaskCatalog task) throws IOException {
        String event = task.functionName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".json";
        try {
            assertThat(invoke(loader(task.jar()), task.handler(), Files.readString(ROOT.resolve("events/lambda").resolve(event)))).startsWith("{");
        } catch (Exception e) {
            assertThat(e.getClass().getName()).as("what %s ended with", task).startsWith("io.flinkupgrade.errors.");
        }
    }

    /** Powertools metrics and the EMF library from the jar (with Commons Lang trimmed) serialise the documents. */
    @Test
    void recordOutcome_fromTheJar_emitsItsMetricsInEmf() throws Exception {
        assertThat(invoke("io.flinkupgrade.observe.RecordOutcomeHandler", "record-outcome.json")).contains("\"durationSeconds\":1300");

        assertThat(METRICS).anySatisfy(document -> assertThat(document)
                .contains("\"CloudWatchMetrics\"", "\"Namespace\":\"FlinkUpgrade\"", "\"Upgrades\":1.0", "\"Outcome\":\"ROLLED_BACK\""));
        assertThat(METRICS).anySatisfy(document -> assertThat(document).contains("\"TimeToDetect\":150.0"));
    }

    @Test
    void preflight_fromTheJar_validatesTheSchemaAndReadsMsfAndCloudWatch() throws Exception {
        String plan = invoke("io.flinkupgrade.preflight.PreflightHandler", "preflight.json");

        assertThat(plan).contains("\"currentRuntime\":\"FLINK-1_15\"", "\"conditionalToken\"", "\"baseline\"");
    }

    /** PlanFleet from its jar reads an application list from the fleet bucket and writes the wave file there. */
    @Test
    void planFleet_fromItsJar_readsTheApplicationListAndWritesTheWaveFile() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(ROOT.resolve("events/lambda/plan-fleet.json").toFile());
        ObjectNode request = (ObjectNode) event.get("request");
        emulator.s3().put(FLEET_BUCKET, "fleet-requests/from-the-jar.json", JSON.writeValueAsBytes(request.remove("applications")),
                "application/json");
        request.putObject("applicationList").put("bucket", FLEET_BUCKET).put("key", "fleet-requests/from-the-jar.json");
        ((ObjectNode) event.get("execution")).put("name", "fleet-from-the-jar");

        String plan = invoke(fleetPlan, TaskCatalog.PLAN_FLEET.handler(), JSON.writeValueAsString(event));

        assertThat(plan).contains("\"fleet-runs/fleet-from-the-jar/wave-1.json\"");
        assertThat(emulator.s3().get(FLEET_BUCKET, "fleet-runs/fleet-from-the-jar/wave-1.json")).get()
                .satisfies(wave -> assertThat(new String(wave.bytes(), StandardCharsets.UTF_8)).contains("\"applicationName\":\"orders-enricher\""));
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

    /** Writes to both streams: the console keeps its output, the test reads it. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
