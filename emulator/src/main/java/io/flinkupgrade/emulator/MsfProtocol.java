package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The kinesisanalyticsv2 operations over AWS JSON 1.1: decodes each request into a call on the
 * {@link ApplicationModel} and encodes its answer (PascalCase members, timestamps as epoch seconds,
 * JSON numbers with millisecond fractions); the server encodes errors as {@code __type} + {@code message}.
 */
final class MsfProtocol {
    static final String TARGET_PREFIX = "KinesisAnalytics_20180523.";
    static final Set<String> MUTATING = Set.of("CreateApplication", "UpdateApplication", "RollbackApplication",
            "StartApplication", "StopApplication", "CreateApplicationSnapshot", "DeleteApplicationSnapshot",
            "DeleteApplication", "TagResource", "UntagResource");

    private final ApplicationModel model;
    private final ObjectMapper json;

    MsfProtocol(ApplicationModel model, ObjectMapper json) {
        this.model = model;
        this.json = json;
    }

    /**
     * Runs one operation; throws {@link EmulatorException} for an API error. Each error code is one
     * the operation declares in the model (botocore {@code kinesisanalyticsv2/2018-05-23/service-2.json}),
     * except where a comment says why not; an operation the emulator does not implement answers
     * UnknownOperationException, the AWS JSON protocols' code for an unknown X-Amz-Target.
     */
    JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "DescribeApplication" -> describeApplication(request);
            case "UpdateApplication" -> updateApplication(request);
            case "RollbackApplication" -> rollbackApplication(request);
            case "CreateApplicationSnapshot" -> createSnapshot(request);
            case "DescribeApplicationSnapshot" -> describeSnapshot(request);
            case "ListApplicationSnapshots" -> listSnapshots(request);
            case "DeleteApplicationSnapshot" -> deleteSnapshot(request);
            case "ListApplicationVersions" -> listVersions(request);
            case "DescribeApplicationVersion" -> describeVersion(request);
            case "ListApplicationOperations" -> listOperations(request);
            case "DescribeApplicationOperation" -> describeOperation(request);
            case "StartApplication" -> startApplication(request);
            case "StopApplication" -> stopApplication(request);
            case "CreateApplication" -> createApplication(request);
            case "ListApplications" -> listApplications(request);
            case "DeleteApplication" -> deleteApplication(request);
            case "TagResource" -> tagResource(request);
            case "UntagResource" -> untagResource(request);
            case "ListTagsForResource" -> listTags(request);
            default -> throw EmulatorException.client("UnknownOperationException",
                    "The emulator does not implement " + operation);
        };
    }

    // ---- operations ----------------------------------------------------------------------

    private JsonNode describeApplication(JsonNode request) {
        EmulatedApplication app = app(request);
        return object().set("ApplicationDetail", detail(app, app.current(), app.status()));
    }

    private JsonNode updateApplication(JsonNode request) {
        EmulatedApplication app = app(request);
        JsonNode config = request.path("ApplicationConfigurationUpdate");
        JsonNode s3 = config.path("ApplicationCodeConfigurationUpdate").path("CodeContentUpdate")
                .path("S3ContentLocationUpdate");
        JsonNode flink = config.path("FlinkApplicationConfigurationUpdate");
        JsonNode run = request.path("RunConfigurationUpdate");
        JsonNode restore = run.path("ApplicationRestoreConfiguration");
        UpdateCommand command = new UpdateCommand(
                longOrNull(request, "CurrentApplicationVersionId"),
                text(request, "ConditionalToken"),
                text(request, "RuntimeEnvironmentUpdate"),
                text(s3, "BucketARNUpdate"),
                text(s3, "FileKeyUpdate"),
                text(s3, "ObjectVersionUpdate"),
                boolOrNull(config.path("ApplicationSnapshotConfigurationUpdate"), "SnapshotsEnabledUpdate"),
                boolOrNull(config.path("ApplicationSystemRollbackConfigurationUpdate"), "RollbackEnabledUpdate"),
                longOrNull(flink.path("CheckpointConfigurationUpdate"), "CheckpointIntervalUpdate"),
                flink.path("ParallelismConfigurationUpdate").has("ParallelismUpdate")
                        ? flink.path("ParallelismConfigurationUpdate").path("ParallelismUpdate").asInt() : null,
                config.has("EnvironmentPropertyUpdates")
                        ? propertyGroups(config.path("EnvironmentPropertyUpdates").path("PropertyGroups")) : null,
                text(request, "ServiceExecutionRoleUpdate"),
                text(restore, "ApplicationRestoreType"),
                text(restore, "SnapshotName"),
                boolOrNull(run.path("FlinkRunConfiguration"), "AllowNonRestoredState"));
        Operation operation = model.update(app.name(), command);
        ObjectNode response = object();
        response.set("ApplicationDetail", detail(app, app.current(), app.status()));
        return response.put("OperationId", operation.id());
    }

    private JsonNode rollbackApplication(JsonNode request) {
        EmulatedApplication app = app(request);
        Operation operation = model.rollback(app.name(), longOrNull(request, "CurrentApplicationVersionId"));
        ObjectNode response = object();
        response.set("ApplicationDetail", detail(app, app.current(), app.status()));
        return response.put("OperationId", operation.id());
    }

    private JsonNode createSnapshot(JsonNode request) {
        EmulatedApplication app = app(request);
        model.createSnapshot(app.name(), required(request, "SnapshotName"));
        return object();
    }

    private JsonNode describeSnapshot(JsonNode request) {
        EmulatedApplication app = app(request);
        return object().set("SnapshotDetails", snapshot(app.snapshot(required(request, "SnapshotName"))));
    }

    private JsonNode listSnapshots(JsonNode request) {
        // The model declares no ResourceNotFoundException here, unlike ListApplicationVersions and
        // ListApplicationOperations; INFERRED: MSF answers an unknown application the same way on all
        // three (the SDK maps the code for every operation, so callers see the same exception).
        EmulatedApplication app = app(request);
        List<Snapshot> all = app.snapshots().stream().sorted(Comparator.comparing(Snapshot::created)).toList();
        return page(request, all, "SnapshotSummaries", this::snapshot, EmulatorException::invalidArgument);
    }

    private JsonNode deleteSnapshot(JsonNode request) {
        EmulatedApplication app = app(request);
        app.deleteSnapshot(required(request, "SnapshotName"), instant(request.get("SnapshotCreationTimestamp")),
                model.now());
        return object();
    }

    private JsonNode listVersions(JsonNode request) {
        EmulatedApplication app = app(request);
        List<AppVersion> newestFirst = new ArrayList<>(app.versions());
        Collections.reverse(newestFirst);
        return page(request, newestFirst, "ApplicationVersionSummaries", v -> object()
                .put("ApplicationVersionId", v.id())
                .put("ApplicationStatus", app.versionStatus(v)), EmulatorException::invalidArgument);
    }

    private JsonNode describeVersion(JsonNode request) {
        EmulatedApplication app = app(request);
        Long id = longOrNull(request, "ApplicationVersionId");
        if (id == null) {
            throw EmulatorException.invalidArgument("ApplicationVersionId is required");
        }
        AppVersion version = app.version(id).orElseThrow(() -> EmulatorException.notFound(
                "Version " + id + " of application " + app.name() + " is not found"));
        return object().set("ApplicationVersionDetail", detail(app, version, app.versionStatus(version)));
    }

    private JsonNode listOperations(JsonNode request) {
        EmulatedApplication app = app(request);
        String name = text(request, "Operation");
        String status = text(request, "OperationStatus");
        List<Operation> newestFirst = new ArrayList<>(app.operations());
        Collections.reverse(newestFirst);
        List<Operation> matching = newestFirst.stream()
                .filter(o -> name == null || o.name().equals(name))
                .filter(o -> status == null || o.status().equals(status))
                .toList();
        return page(request, matching, "ApplicationOperationInfoList", o -> {
            ObjectNode info = object().put("Operation", o.name()).put("OperationId", o.id());
            timestamp(info, "StartTime", o.start());
            timestamp(info, "EndTime", o.end());
            return info.put("OperationStatus", o.status());
        }, EmulatorException::invalidArgument);
    }

    private JsonNode describeOperation(JsonNode request) {
        EmulatedApplication app = app(request);
        Operation o = app.operation(required(request, "OperationId"));
        ObjectNode details = object().put("Operation", o.name());
        timestamp(details, "StartTime", o.start());
        // ApplicationOperationInfoDetails marks EndTime required ("when the operation finished"), so it
        // is there while IN_PROGRESS too. INFERRED: the time of the call, how far the operation has run.
        timestamp(details, "EndTime", o.end() != null ? o.end() : model.now());
        details.put("OperationStatus", o.status());
        details.set("ApplicationVersionChangeDetails", object()
                .put("ApplicationVersionUpdatedFrom", o.versionFrom())
                .put("ApplicationVersionUpdatedTo", o.versionTo()));
        if (o.errorString() != null) {
            ObjectNode failure = object();
            if (o.rollbackOperationId() != null) {
                failure.put("RollbackOperationId", o.rollbackOperationId());
            }
            failure.set("ErrorInfo", object().put("ErrorString", o.errorString()));
            details.set("OperationFailureDetails", failure);
        }
        return object().set("ApplicationOperationInfoDetails", details);
    }

    private JsonNode startApplication(JsonNode request) {
        EmulatedApplication app = app(request);
        JsonNode restore = request.path("RunConfiguration").path("ApplicationRestoreConfiguration");
        Operation operation = app.start(model.now(), text(restore, "ApplicationRestoreType"),
                text(restore, "SnapshotName"));
        return object().put("OperationId", operation.id());
    }

    private JsonNode stopApplication(JsonNode request) {
        EmulatedApplication app = app(request);
        Operation operation = app.stop(model.now(), request.path("Force").asBoolean(false));
        return object().put("OperationId", operation.id());
    }

    /**
     * CreateApplication per the model: ApplicationName, RuntimeEnvironment and ServiceExecutionRole
     * required; the whole ApplicationConfiguration, and the code in it, optional; each Flink
     * configuration's ConfigurationType kept as sent; the description and tags kept. The new
     * application is READY (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_CreateApplication.html).
     */
    private JsonNode createApplication(JsonNode request) {
        String name = required(request, "ApplicationName");
        String runtime = required(request, "RuntimeEnvironment");
        String role = required(request, "ServiceExecutionRole");
        if (!Runtimes.isKnown(runtime)) {
            throw EmulatorException.invalidArgument("Unknown runtime environment " + runtime
                    + "; the emulator knows the Flink runtimes " + Runtimes.KNOWN);
        }
        JsonNode config = request.path("ApplicationConfiguration");
        JsonNode s3 = config.path("ApplicationCodeConfiguration").path("CodeContent").path("S3ContentLocation");
        ScenarioSpec.CodeSpec code = null;
        if (!s3.isMissingNode()) {
            code = new ScenarioSpec.CodeSpec(required(s3, "BucketARN"), required(s3, "FileKey"), text(s3, "ObjectVersion"));
        }
        JsonNode flink = config.path("FlinkApplicationConfiguration");
        JsonNode checkpoint = flink.path("CheckpointConfiguration");
        JsonNode parallelism = flink.path("ParallelismConfiguration");
        ConfigurationTypes types = new ConfigurationTypes(configurationType(checkpoint),
                configurationType(parallelism), configurationType(flink.path("MonitoringConfiguration")));
        // With DEFAULT, MSF uses its own values "even if they are set to other values" (model doc of
        // CheckpointConfiguration: interval 60000); INFERRED for parallelism: 1, as for a scenario.
        boolean customCheckpoint = types.checkpoint() == ConfigurationTypes.Type.CUSTOM;
        boolean customParallelism = types.parallelism() == ConfigurationTypes.Type.CUSTOM;
        Map<String, String> tags = tags(request.path("Tags"));
        if (tags.size() > EmulatedApplication.MAX_TAGS) {
            throw EmulatorException.client("TooManyTagsException", "The maximum number of user-defined application tags is "
                    + EmulatedApplication.MAX_TAGS + "; got " + tags.size());
        }
        // The API default for SnapshotsEnabled is undocumented; absent means false here, as in MiniStack (INFERRED).
        ScenarioSpec.ApplicationSpec spec = new ScenarioSpec.ApplicationSpec(name, "READY", runtime, 1L, 0L,
                config.path("ApplicationSnapshotConfiguration").path("SnapshotsEnabled").asBoolean(false),
                config.path("ApplicationSystemRollbackConfiguration").path("RollbackEnabled").asBoolean(false),
                customCheckpoint ? longOrNull(checkpoint, "CheckpointInterval") : null,
                customParallelism && parallelism.has("Parallelism") ? parallelism.path("Parallelism").asInt() : null,
                code, role,
                propertyGroups(config.path("EnvironmentProperties").path("PropertyGroups")),
                List.of(), text(request, "ApplicationDescription"), Map.of());
        EmulatedApplication app = model.create(spec);
        app.tag(tags);
        app.configurationTypes(types);
        return object().set("ApplicationDetail", detail(app, app.current(), app.status()));
    }

    /** DeleteApplication: the response is empty (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_DeleteApplication.html). */
    private JsonNode deleteApplication(JsonNode request) {
        model.delete(required(request, "ApplicationName"), instant(request.get("CreateTimestamp")));
        return object();
    }

    /** TagResource: the response is empty (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_TagResource.html). */
    private JsonNode tagResource(JsonNode request) {
        EmulatedApplication app = model.applicationByArn(required(request, "ResourceARN"));
        app.tag(tags(request.path("Tags")));
        return object();
    }

    /** UntagResource: the response is empty (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_UntagResource.html). */
    private JsonNode untagResource(JsonNode request) {
        EmulatedApplication app = model.applicationByArn(required(request, "ResourceARN"));
        List<String> keys = new ArrayList<>();
        request.path("TagKeys").forEach(key -> keys.add(key.asText()));
        app.untag(keys);
        return object();
    }

    /** ListTagsForResource: {@code Tags} as a list of Key/Value (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_ListTagsForResource.html). */
    private JsonNode listTags(JsonNode request) {
        EmulatedApplication app = model.applicationByArn(required(request, "ResourceARN"));
        ArrayNode tags = json.createArrayNode();
        app.tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return object().set("Tags", tags);
    }

    private JsonNode listApplications(JsonNode request) {
        // ListApplications declares InvalidRequestException only, so a bad Limit or NextToken is that.
        return page(request, List.copyOf(model.applications()), "ApplicationSummaries", app -> object()
                .put("ApplicationName", app.name())
                .put("ApplicationARN", model.arn(app))
                .put("ApplicationStatus", app.status())
                .put("ApplicationVersionId", app.current().id())
                .put("RuntimeEnvironment", app.current().config().runtime())
                .put("ApplicationMode", "STREAMING"), EmulatorException::invalidRequest);
    }

    // ---- shapes --------------------------------------------------------------------------

    private ObjectNode detail(EmulatedApplication app, AppVersion version, String status) {
        AppConfig c = version.config();
        ObjectNode detail = object()
                .put("ApplicationARN", model.arn(app));
        if (app.description() != null) {
            detail.put("ApplicationDescription", app.description());
        }
        detail.put("ApplicationName", app.name())
                .put("RuntimeEnvironment", c.runtime())
                .put("ServiceExecutionRole", c.serviceExecutionRole())
                .put("ApplicationStatus", status)
                .put("ApplicationVersionId", version.id());
        timestamp(detail, "CreateTimestamp", app.created());
        timestamp(detail, "LastUpdateTimestamp", app.lastUpdated());

        ObjectNode configuration = object();
        if (c.bucketArn() != null) {
            ObjectNode location = object().put("BucketARN", c.bucketArn()).put("FileKey", c.fileKey());
            if (c.objectVersion() != null) {
                location.put("ObjectVersion", c.objectVersion());
            }
            configuration.set("ApplicationCodeConfigurationDescription", object()
                    .put("CodeContentType", "ZIPFILE")
                    .set("CodeContentDescription", object().set("S3ApplicationCodeLocationDescription", location)));
        }
        ObjectNode restore = object().put("ApplicationRestoreType", c.restoreType());
        if (c.restoreSnapshotName() != null) {
            restore.put("SnapshotName", c.restoreSnapshotName());
        }
        ObjectNode run = object();
        run.set("ApplicationRestoreConfigurationDescription", restore);
        run.set("FlinkRunConfigurationDescription", object().put("AllowNonRestoredState", c.allowNonRestoredState()));
        configuration.set("RunConfigurationDescription", run);
        ConfigurationTypes types = app.configurationTypes();
        ObjectNode flink = object();
        flink.set("CheckpointConfigurationDescription", object()
                .put("ConfigurationType", types.checkpoint().name())
                .put("CheckpointingEnabled", true)
                .put("CheckpointInterval", c.checkpointIntervalMillis())
                .put("MinPauseBetweenCheckpoints", 5000));
        flink.set("MonitoringConfigurationDescription", object()
                .put("ConfigurationType", types.monitoring().name()).put("MetricsLevel", "APPLICATION").put("LogLevel", "INFO"));
        flink.set("ParallelismConfigurationDescription", object()
                .put("ConfigurationType", types.parallelism().name())
                .put("Parallelism", c.parallelism())
                .put("ParallelismPerKPU", 1)
                .put("CurrentParallelism", c.parallelism())
                .put("AutoScalingEnabled", false));
        configuration.set("FlinkApplicationConfigurationDescription", flink);
        ArrayNode groups = json.createArrayNode();
        c.propertyGroups().forEach((id, map) -> {
            ObjectNode properties = object();
            map.forEach(properties::put);
            ObjectNode group = object().put("PropertyGroupId", id);
            group.set("PropertyMap", properties);
            groups.add(group);
        });
        configuration.set("EnvironmentPropertyDescriptions", object().set("PropertyGroupDescriptions", groups));
        configuration.set("ApplicationSnapshotConfigurationDescription",
                object().put("SnapshotsEnabled", c.snapshotsEnabled()));
        configuration.set("ApplicationSystemRollbackConfigurationDescription",
                object().put("RollbackEnabled", c.systemRollbackEnabled()));
        detail.set("ApplicationConfigurationDescription", configuration);

        if (version.updatedFrom() != null) {
            detail.put("ApplicationVersionUpdatedFrom", version.updatedFrom());
        }
        if (version.rolledBackFrom() != null) {
            detail.put("ApplicationVersionRolledBackFrom", version.rolledBackFrom());
            detail.put("ApplicationVersionRolledBackTo", version.rolledBackTo());
        }
        timestamp(detail, "ApplicationVersionCreateTimestamp", version.created());
        return detail.put("ConditionalToken", version.conditionalToken()).put("ApplicationMode", "STREAMING");
    }

    private ObjectNode snapshot(Snapshot s) {
        ObjectNode node = object()
                .put("SnapshotName", s.name())
                .put("SnapshotStatus", s.status(model.now()))
                .put("ApplicationVersionId", s.versionId());
        timestamp(node, "SnapshotCreationTimestamp", s.created());
        return node.put("RuntimeEnvironment", s.runtime());
    }

    /**
     * One page of {@code items} by the request's Limit (default 50) and an index NextToken; a bad
     * Limit or NextToken is {@code invalid}, the code the operation declares for a bad parameter.
     */
    private <T> JsonNode page(JsonNode request, List<T> items, String member, Function<T, JsonNode> render,
            Function<String, EmulatorException> invalid) {
        int limit = request.path("Limit").asInt(50);
        if (limit < 1 || limit > 50) {
            throw invalid.apply("Limit must be between 1 and 50");
        }
        int offset;
        try {
            offset = request.has("NextToken") ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        } catch (NumberFormatException e) {
            throw invalid.apply("Invalid NextToken");
        }
        if (offset < 0 || offset > items.size()) {
            throw invalid.apply("Invalid NextToken");
        }
        ArrayNode array = json.createArrayNode();
        int end = Math.min(items.size(), offset + limit);
        items.subList(offset, end).forEach(item -> array.add(render.apply(item)));
        ObjectNode response = object();
        response.set(member, array);
        if (end < items.size()) {
            response.put("NextToken", Integer.toString(end));
        }
        return response;
    }

    // ---- request helpers -----------------------------------------------------------------

    private EmulatedApplication app(JsonNode request) {
        return model.application(required(request, "ApplicationName"));
    }

    private static String required(JsonNode request, String member) {
        String value = text(request, member);
        if (value == null || value.isEmpty()) {
            throw EmulatorException.invalidArgument(member + " is required");
        }
        return value;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long longOrNull(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static Boolean boolOrNull(JsonNode node, String member) {
        JsonNode value = node.get(member);
        // AWS's system-rollback example sends "true" as a string; accept both.
        return value == null || value.isNull() ? null : value.isBoolean() ? value.booleanValue()
                : Boolean.parseBoolean(value.asText());
    }

    /** A ConfigurationType member; the model requires it, so absent is InvalidArgumentException. */
    private static ConfigurationTypes.Type configurationType(JsonNode configuration) {
        if (configuration.isMissingNode()) {
            // INFERRED: a configuration not sent at all is MSF's default.
            return ConfigurationTypes.Type.DEFAULT;
        }
        String type = required(configuration, "ConfigurationType");
        try {
            return ConfigurationTypes.Type.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw EmulatorException.invalidArgument("ConfigurationType must be DEFAULT or CUSTOM, not " + type);
        }
    }

    /** Tags as the model sends them: a list of {Key, Value}, the value optional. */
    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            result.put(required(tag, "Key"), tag.path("Value").asText(""));
        }
        return result;
    }

    private static Map<String, Map<String, String>> propertyGroups(JsonNode groups) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            Map<String, String> properties = new LinkedHashMap<>();
            group.path("PropertyMap").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
            result.put(group.path("PropertyGroupId").asText(), properties);
        }
        return result;
    }

    /** Epoch seconds as a JSON number or numeric string, to the millisecond. */
    static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            BigDecimal seconds = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            throw EmulatorException.invalidArgument("Timestamps are epoch seconds: " + value.asText());
        }
    }

    private static void timestamp(ObjectNode node, String member, Instant at) {
        if (at != null) {
            node.put(member, BigDecimal.valueOf(at.toEpochMilli(), 3));
        }
    }

    private ObjectNode object() {
        return json.createObjectNode();
    }
}
