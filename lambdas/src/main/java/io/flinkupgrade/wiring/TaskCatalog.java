package io.flinkupgrade.wiring;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flinkupgrade.fleet.PlanFleetHandler;
import io.flinkupgrade.health.CheckHealthHandler;
import io.flinkupgrade.observe.RecordOutcomeHandler;
import io.flinkupgrade.outcome.ManualStepHandler;
import io.flinkupgrade.preflight.PreflightHandler;
import io.flinkupgrade.rollback.RollbackHandler;
import io.flinkupgrade.running.CheckStatusHandler;
import io.flinkupgrade.snapshot.CheckSnapshotHandler;
import io.flinkupgrade.snapshot.TakeSnapshotHandler;
import io.flinkupgrade.update.UpdateApplicationHandler;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Lambda tasks of the workflows, one entry each: the {@link Workflow} whose states call it (the
 * upgrade unless said), the {@link TaskJar} its function runs from (the shared one unless said), the
 * ASL placeholder its states use, the handler class, and exactly the IAM actions its code calls. The
 * ASL substitutions, the CDK functions and their policies, and the local engine's task resolver all
 * read this list; contract tests fail on drift. Adding a task = one
 * constant here + its states in the ASL.
 */
public enum TaskCatalog {
    PREFLIGHT("Preflight", PreflightHandler.class, PreflightHandler::new,
            "kinesisanalytics:DescribeApplication", "kinesisanalytics:DescribeApplicationVersion",
            "kinesisanalytics:ListApplicationSnapshots", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms"),
    TAKE_SNAPSHOT("TakeSnapshot", TakeSnapshotHandler.class, TakeSnapshotHandler::new,
            "kinesisanalytics:ListApplicationSnapshots", "kinesisanalytics:CreateApplicationSnapshot"),
    CHECK_SNAPSHOT("CheckSnapshot", CheckSnapshotHandler.class, CheckSnapshotHandler::new,
            "kinesisanalytics:DescribeApplicationSnapshot"),
    UPDATE_APPLICATION("UpdateApplication", UpdateApplicationHandler.class, UpdateApplicationHandler::new,
            "kinesisanalytics:UpdateApplication", "kinesisanalytics:DescribeApplication",
            "kinesisanalytics:ListApplicationOperations", "kinesisanalytics:DescribeApplicationOperation"),
    CHECK_STATUS("CheckStatus", CheckStatusHandler.class, CheckStatusHandler::new,
            "kinesisanalytics:DescribeApplication", "kinesisanalytics:DescribeApplicationOperation"),
    CHECK_HEALTH("CheckHealth", CheckHealthHandler.class, CheckHealthHandler::new,
            "kinesisanalytics:DescribeApplication", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms"),
    ROLLBACK("Rollback", RollbackHandler.class, RollbackHandler::new,
            "kinesisanalytics:DescribeApplication", "kinesisanalytics:RollbackApplication",
            "kinesisanalytics:UpdateApplication", "kinesisanalytics:StartApplication"),
    MANUAL_STEP("ManualStep", ManualStepHandler.class, ManualStepHandler::new,
            "kinesisanalytics:DescribeApplication", "kinesisanalytics:ListApplicationSnapshots"),
    /** Counts and times the outcome in EMF on its stdout: no AWS API call, so no clients and no IAM action. */
    RECORD_OUTCOME("RecordOutcome", RecordOutcomeHandler.class, clients -> new RecordOutcomeHandler()),
    PLAN_FLEET(Workflow.FLEET, TaskJar.FLEET_PLAN, "PlanFleet", PlanFleetHandler.class, PlanFleetHandler::new,
            "kinesisanalytics:ListApplications", "kinesisanalytics:ListTagsForResource", "kinesisanalytics:DescribeApplication",
            "kinesisanalytics:DescribeApplicationVersion", "kinesisanalytics:ListApplicationSnapshots",
            // The request's applicationList (under fleet-requests/), and the wave files (under fleet-runs/), in the fleet bucket.
            "s3:GetObject", "s3:PutObject");

    /** Placeholders the upgrade ASL uses for Step Functions' direct service integrations, filled by the stack. */
    public static final List<String> INTEGRATION_SUBSTITUTIONS = Workflow.UPGRADE.integrationSubstitutions();

    private final Workflow workflow;
    private final TaskJar jar;
    private final String functionName;
    private final Class<? extends RequestHandler<?, ?>> handlerClass;
    private final Function<AwsClients, RequestHandler<?, ?>> withClients;
    private final List<String> iamActions;

    TaskCatalog(String functionName, Class<? extends RequestHandler<?, ?>> handlerClass,
            Function<AwsClients, RequestHandler<?, ?>> withClients, String... iamActions) {
        this(Workflow.UPGRADE, TaskJar.SHARED, functionName, handlerClass, withClients, iamActions);
    }

    TaskCatalog(Workflow workflow, TaskJar jar, String functionName, Class<? extends RequestHandler<?, ?>> handlerClass,
            Function<AwsClients, RequestHandler<?, ?>> withClients, String... iamActions) {
        this.workflow = workflow;
        this.jar = jar;
        this.functionName = functionName;
        this.handlerClass = handlerClass;
        this.withClients = withClients;
        this.iamActions = List.of(iamActions);
    }

    /** The state machine whose states call this task. */
    public Workflow workflow() {
        return workflow;
    }

    /** The shaded jar the task's function runs from. */
    public TaskJar jar() {
        return jar;
    }

    /** The task's name, e.g. {@code Preflight}: the Lambda function and the state that uses it first. */
    public String functionName() {
        return functionName;
    }

    /** The ASL's substitution key, e.g. {@code PreflightFunctionArn} for {@code ${PreflightFunctionArn}}. */
    public String substitutionKey() {
        return functionName + "FunctionArn";
    }

    /** The CDK construct id, e.g. {@code PreflightFunction}. */
    public String constructId() {
        return functionName + "Function";
    }

    public Class<? extends RequestHandler<?, ?>> handlerClass() {
        return handlerClass;
    }

    /**
     * A new handler (a cold start) whose SDK clients come from {@code clients}: how the local runtime
     * points one session's handlers at its own emulator. Lambda uses the handler's no-argument constructor.
     */
    public RequestHandler<?, ?> newHandler(AwsClients clients) {
        return withClients.apply(clients);
    }

    /** The Lambda handler string: the class, whose {@code handleRequest} the runtime calls. */
    public String handler() {
        return handlerClass.getName();
    }

    /** Exactly the IAM actions the task's code calls, for a least-privilege role. */
    public List<String> iamActions() {
        return iamActions;
    }

    public static Optional<TaskCatalog> byFunctionName(String name) {
        for (TaskCatalog task : values()) {
            if (task.functionName.equals(name)) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }
}
