package io.flinkupgrade.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.fleet.FleetPlan.Advisory;
import io.flinkupgrade.fleet.FleetPlan.Item;
import io.flinkupgrade.fleet.FleetPlan.Rejection;
import io.flinkupgrade.fleet.FleetPlan.Skip;
import io.flinkupgrade.health.HealthOptionsCheck;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.preflight.InFlightUpgrade;
import io.flinkupgrade.preflight.InFlightUpgrades;
import io.flinkupgrade.preflight.InputProblem;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.preflight.PreflightRules;
import io.flinkupgrade.preflight.SchemaFile;
import io.flinkupgrade.wiring.TaskJson;
import io.flinkupgrade.fleet.FleetPlan.Wave;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fleet's plan, which touches no application: validates the fleet request, resolves its
 * applications (the list, the list in S3, or the selector), builds each application's upgrade request
 * (defaults, then its own fields), validates it and applies the single-application Preflight rules to
 * what DescribeApplication says, skips applications already on the target (unless an upgrade of theirs
 * is in flight, which the child resumes), orders the rest into the canary and the waves, and writes
 * each wave's child inputs to its wave file in the fleet bucket ({@link WaveFiles}).
 * What needs the application's metrics (baseline, alarms) is left to each child's own Preflight.
 */
public final class FleetPlanService {
    static final String SCHEMA_RESOURCE = "/statemachine/fleet-request.schema.json";
    /** Request sections merged field by field (an application's health.bakeSeconds keeps the defaults' other health fields). */
    private static final Set<String> SECTIONS = Set.of("snapshot", "health", "timeouts", "rollback");

    private final SchemaFile schema = new SchemaFile(SCHEMA_RESOURCE, "fleet upgrade request");
    private final InputValidator childValidator;
    private final ApplicationReader applications;
    private final ApplicationSelection selection;
    private final InFlightUpgrades inFlight;
    private final ApplicationListReader lists;
    private final WaveFiles waveFiles;

    public FleetPlanService(InputValidator childValidator, ApplicationReader applications, KinesisAnalyticsV2Client msf, S3Client s3) {
        this.childValidator = childValidator;
        this.applications = applications;
        this.selection = new ApplicationSelection(msf);
        this.inFlight = new InFlightUpgrades(msf);
        this.lists = new ApplicationListReader(s3);
        this.waveFiles = new WaveFiles(s3);
    }

    /** One application to plan: where it came from in the request (the field prefix of its entry), and its own fields. */
    private record Candidate(String applicationName, String prefix, ObjectNode fields) {}

    public FleetPlan plan(FleetPlanRequest input) {
        FleetRequest request = parse(input.request());
        List<Item> planned = new ArrayList<>();
        Map<String, ObjectNode> childInputs = new HashMap<>();
        List<Skip> skipped = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, List<String>> advisories = new LinkedHashMap<>();
        for (Candidate candidate : candidates(request)) {
            String name = candidate.applicationName();
            ObjectNode childInput = childInput(request, candidate.fields());
            UpgradeRequest child;
            try {
                child = childValidator.parse(childInput);
            } catch (UpgradeRejectedException e) {
                rejected.add(rejection(request, candidate, e));
                continue;
            }
            MsfApplication app;
            try {
                app = applications.describe(name);
            } catch (UpgradeRejectedException e) {
                rejected.add(new Rejection(name, candidate.prefix() + "applicationName", message(e)));
                continue;
            }
            Optional<InFlightUpgrade> resumed = inFlight.find(child, app, input.enteredAt());
            if (request.targetRuntime().equals(app.runtime()) && resumed.isEmpty()) {
                skipped.add(new Skip(name, app.runtime(), "already on " + app.runtime()));
                continue;
            }
            try {
                // An upgrade in flight (its execution was stopped after its update landed) is planned: its child resumes it.
                PreflightRules.Assessment assessment = PreflightRules.assess(child, resumed.map(InFlightUpgrade::before).orElse(app));
                HealthOptionsCheck.bakeCanCollectEvidence(child.health(), app.checkpointIntervalMillis());
                assessment.advisories().forEach(a -> advisories.computeIfAbsent(a, k -> new ArrayList<>()).add(name));
            } catch (UpgradeRejectedException e) {
                rejected.add(rejection(request, candidate, e));
                continue;
            }
            planned.add(new Item(name, resumed.map(r -> r.before().runtime()).orElse(app.runtime())));
            childInputs.put(name, childInput);
        }
        String fleet = input.execution().name();
        List<Wave> waves = WavePlanner.waves(planned, request.rollout(), number -> WaveFiles.key(fleet, number));
        // A dry run writes them too: the exact inputs each upgrade would be started with, for review.
        for (Wave wave : waves) {
            waveFiles.write(input.fleetBucket(), wave.itemsKey(), wave.applications().stream()
                    .map(item -> new ChildStart(item.applicationName(), ChildStart.executionName(fleet, item.applicationName()),
                            request.rollout().pollSeconds(), childInputs.get(item.applicationName())))
                    .toList());
        }
        return new FleetPlan(request.targetRuntime(), request.dryRun(), waves, request.rollout().pauseSeconds(),
                request.rollout().pollSeconds(), skipped, rejected,
                advisories.entrySet().stream().map(e -> new Advisory(e.getKey(), e.getValue())).toList(), input.enteredAt());
    }

    private FleetRequest parse(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw new UpgradeRejectedException("(input)", "the execution input is empty; expected a fleet upgrade request object");
        }
        List<InputProblem> problems = schema.problems(input);
        if (!problems.isEmpty()) {
            throw SchemaFile.rejection(problems);
        }
        ObjectNode normalized = ((ObjectNode) input).deepCopy();
        if (normalized.has(ApplicationListReader.FIELD)) {
            // The list's entries are checked as applications[] would be, and named by their place in the list.
            FleetRequest.ApplicationList list = TaskJson.mapper().convertValue(normalized.get(ApplicationListReader.FIELD),
                    FleetRequest.ApplicationList.class);
            ObjectNode listed = normalized.deepCopy();
            listed.remove(ApplicationListReader.FIELD);
            listed.set("applications", lists.read(list));
            List<InputProblem> entryProblems = schema.problems(listed).stream()
                    .map(p -> new InputProblem(p.field().replaceFirst("^applications", ApplicationListReader.FIELD), p.message()))
                    .toList();
            if (!entryProblems.isEmpty()) {
                throw SchemaFile.rejection(entryProblems);
            }
            normalized.set("applications", listed.get("applications"));
        }
        if (!normalized.has("defaults")) {
            normalized.putObject("defaults");
        }
        try {
            return TaskJson.mapper().treeToValue(normalized, FleetRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("input passed the schema but does not map to FleetRequest: " + e.getOriginalMessage(), e);
        }
    }

    private List<Candidate> candidates(FleetRequest request) {
        List<Candidate> candidates = new ArrayList<>();
        if (request.applications() != null) {
            String listField = request.applicationList() != null ? ApplicationListReader.FIELD : "applications";
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < request.applications().size(); i++) {
                ObjectNode fields = request.applications().get(i);
                String name = fields.get("applicationName").asText();
                if (!seen.add(name)) {
                    throw new UpgradeRejectedException(listField + "." + i + ".applicationName",
                            "'" + name + "' is listed twice; one upgrade per application");
                }
                candidates.add(new Candidate(name, listField + "." + i + ".", fields));
            }
            return candidates;
        }
        FleetRequest.CodeTemplate template = request.selector().code();
        for (String name : selection.select(request.selector())) {
            ObjectNode fields = TaskJson.mapper().createObjectNode().put("applicationName", name);
            fields.putObject("code").put("bucketArn", template.bucketArn())
                    .put("fileKey", template.fileKeyFor(name, request.targetRuntime()));
            candidates.add(new Candidate(name, "selector.", fields));
        }
        return candidates;
    }

    /** Defaults, then the application's own fields (sections merged field by field), then its name, the target and its code. */
    static ObjectNode childInput(FleetRequest request, ObjectNode fields) {
        ObjectNode input = request.defaults().deepCopy();
        ObjectNode overrides = overrides(request, fields);
        if (overrides != null) {
            input.setAll(overrides);
        }
        input.put("applicationName", fields.get("applicationName").asText());
        input.put("targetRuntime", request.targetRuntime());
        input.set("code", fields.get("code"));
        return input;
    }

    /** The application's fields beyond name and code, each section already merged with the defaults' section; null when none. */
    static ObjectNode overrides(FleetRequest request, ObjectNode fields) {
        ObjectNode overrides = TaskJson.mapper().createObjectNode();
        fields.fields().forEachRemaining(field -> {
            String key = field.getKey();
            if (key.equals("applicationName") || key.equals("code")) {
                return;
            }
            JsonNode base = request.defaults().get(key);
            if (SECTIONS.contains(key) && base instanceof ObjectNode section && field.getValue() instanceof ObjectNode own) {
                overrides.set(key, section.deepCopy().setAll(own));
            } else {
                overrides.set(key, field.getValue());
            }
        });
        return overrides.isEmpty() ? null : overrides;
    }

    /**
     * One application refused, named by the fleet request's field; a problem in the defaults is the
     * same in every application, so it rejects the whole request instead.
     */
    private static Rejection rejection(FleetRequest request, Candidate candidate, UpgradeRejectedException e) {
        String field = fleetField(request, candidate, e.field());
        if (field.startsWith("defaults.")) {
            throw new UpgradeRejectedException(field, message(e), e);
        }
        return new Rejection(candidate.applicationName(), field, message(e));
    }

    /**
     * Where a problem in an application's request comes from in the fleet request: the application's
     * own fields, the defaults, the selector's code template, or the fleet's target runtime.
     */
    private static String fleetField(FleetRequest request, Candidate candidate, String childField) {
        String top = childField.contains(".") ? childField.substring(0, childField.indexOf('.')) : childField;
        if (top.equals("targetRuntime")) {
            return "targetRuntime";
        }
        if (candidate.fields().has(top)) {
            return candidate.prefix() + childField;
        }
        if (request.defaults().has(top)) {
            return "defaults." + childField;
        }
        return candidate.prefix() + childField;
    }

    /** The rejection's message without its leading "field: ", which the fleet names its own way. */
    private static String message(UpgradeRejectedException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
