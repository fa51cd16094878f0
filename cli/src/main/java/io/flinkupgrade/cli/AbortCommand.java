package io.flinkupgrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.TransientServiceException;
import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.outcome.ManualStepAdvice;
import io.flinkupgrade.outcome.ManualStepRequest;
import io.flinkupgrade.outcome.ManualStepService;
import io.flinkupgrade.outcome.Problem;
import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abort}: StopExecution, then a fresh read of the application and the manual step that fits
 * where the stop left it, from the same advisor AdviseManualStep uses for a FAILED outcome. The
 * lease is released by the cleanup the execution's end starts (the EventBridge rule in AWS, the
 * runtime locally), not by this command.
 */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Stop an upgrade now, then show the state the application is in and the manual step that fits.")
final class AbortCommand implements Callable<Integer> {
    /** The error StopExecution records: the execution history then says who stopped it. */
    static final String ERROR = "FlinkUpgrade.Aborted";

    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Parameters(paramLabel = "EXECUTION", description = "The execution's name (as start printed it) or ARN.")
    private String execution;

    @Option(names = "--reason", defaultValue = "aborted with the operator CLI", description = "Recorded as the stop's cause."
            + " Default: ${DEFAULT-VALUE}.")
    private String reason;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String arn = aws.executionArn(execution);
        UpgradeProgress before = Executions.progress(aws.sfn(), arn);
        if (!before.running()) {
            out.printf("%s had already ended: nothing was stopped.%n", before.executionName());
            ProgressText.printOutcome(out, before);
            out.flush();
            return ExitCodes.of(before.outcomeName());
        }
        aws.sfn().stopExecution(r -> r.executionArn(arn).error(ERROR).cause(reason));
        out.printf("stopped %s in state %s%n", before.executionName(), before.currentState());
        try {
            ManualStepAdvice advice = new ManualStepService(aws.msf()).advise(request(before));
            out.printf("application    %s%n", advice.applicationNow() == null || advice.applicationNow().status() == null
                    ? before.applicationName() : before.applicationName() + " is " + advice.applicationNow().status() + " on "
                            + advice.applicationNow().runtime() + " (version " + advice.applicationNow().versionId() + ")");
            out.printf("manual step    %s%n", advice.manualStep());
        } catch (TransientServiceException e) {
            out.printf("manual step    reading %s failed (%s): read it with aws kinesisanalyticsv2 describe-application"
                    + " --application-name %s before acting.%n", before.applicationName(), e.getMessage(), before.applicationName());
        }
        out.println("lease          released by the cleanup when the execution ends");
        out.flush();
        return ExitCodes.FAILED;
    }

    /** What the workflow knew when it was stopped: its plan (Preflight's result), if it got that far. */
    private static ManualStepRequest request(UpgradeProgress progress) {
        JsonNode plan = progress.plan().orElse(null);
        ExecutionContext execution = new ExecutionContext(progress.executionArn(), progress.executionName(), "abort",
                progress.applicationName());
        if (plan == null) {
            return new ManualStepRequest(progress.applicationName(), Problem.ABORTED, null, null, null, null, null,
                    progress.targetRuntime(), null, null, Instant.now(), null, execution);
        }
        JsonNode request = plan.path("request");
        return new ManualStepRequest(progress.applicationName(), Problem.ABORTED,
                plan.path("currentRuntime").asText(null), plan.path("currentVersionId").isNumber() ? plan.get("currentVersionId").asLong() : null,
                plan.path("status").asText(null), code(plan.path("currentCode")), replacedPropertyGroups(plan),
                request.path("targetRuntime").asText(null), code(request.path("code")),
                progress.snapshot().orElse(null), Instant.now(), null, execution);
    }

    /** The property groups before the upgrade, when the request replaced them (as AdviseManualStep is given them). */
    private static List<PropertyGroup> replacedPropertyGroups(JsonNode plan) {
        JsonNode request = plan.path("request");
        if (!request.has("propertyGroups") && !request.path("removeAllPropertyGroups").asBoolean(false)) {
            return null;
        }
        List<PropertyGroup> groups = new ArrayList<>();
        plan.path("currentPropertyGroups").forEach(group -> {
            Map<String, String> properties = new LinkedHashMap<>();
            group.path("propertyMap").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
            groups.add(new PropertyGroup(group.path("propertyGroupId").asText(), properties));
        });
        return groups;
    }

    private static CodeLocation code(JsonNode code) {
        return code.isObject()
                ? new CodeLocation(code.path("bucketArn").asText(null), code.path("fileKey").asText(null), code.path("objectVersion").asText(null))
                : null;
    }
}
