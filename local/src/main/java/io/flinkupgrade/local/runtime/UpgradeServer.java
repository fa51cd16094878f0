package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskInvoker;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.engine.api.LocalStepFunctions;
import io.flinkupgrade.engine.api.StepFunctionsHttpHandler;
import io.flinkupgrade.engine.api.StepFunctionsProtocol;
import io.flinkupgrade.wiring.TaskJson;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What {@code serve} runs: the emulator and, on the same loopback endpoint, the Step Functions API
 * hosting the project's two state machines with the real handlers, the upgrade and the fleet (whose
 * items start the upgrade's executions on the same engine), on a clock paced against the wall clock.
 * Executions run as in AWS, concurrently and for as long as their waits take (divided by the speed);
 * when an upgrade ends, what AWS's EventBridge rules would start runs here: the lease cleanup, and the
 * report Lambda's handler, which writes the report to the emulator's S3 ({@link LocalReport#BUCKET}).
 */
public final class UpgradeServer implements AutoCloseable {
    /** The upgrade state machine's name, as the stack names it (UpgradeWorkflow.STATE_MACHINE_NAME). */
    public static final String STATE_MACHINE_NAME = LocalUpgrade.UPGRADE_STATE_MACHINE;
    private static final long RANDOM_SEED = 20181123L;

    private final MsfEmulator emulator;
    /** The handlers' and the DynamoDB integration's SDK clients. */
    private final SessionClients clients;
    private final LocalStepFunctions stepFunctions;
    private final LocalReport reports;
    private final String stateMachineArn;
    private final String fleetStateMachineArn;

    private UpgradeServer(Scenario scenario, int port, double speed, Consumer<NotificationSink.Notification> onNotification) {
        VirtualClock clock = VirtualClock.paced(scenario.startTime(), speed);
        this.emulator = MsfEmulator.start(scenario, clock, port, latency -> { });
        emulator.dynamoDb().createTable(LocalUpgrade.LEASE_TABLE, LocalUpgrade.LEASE_KEY, LocalUpgrade.LEASE_INDEXES);
        emulator.s3().createBucket(LocalUpgrade.FLEET_BUCKET);
        this.clients = SessionClients.at(emulator.endpoint());
        TaskInvoker tasks = new LocalLambdaRuntime(new NotificationSink(onNotification), clients.dynamoDb(), clients.handlers());
        this.stepFunctions = new LocalStepFunctions(clock, tasks);
        this.stateMachineArn = stepFunctions.register(STATE_MACHINE_NAME, LocalUpgrade.definition(Optional.empty())).arn();
        // The fleet's items start the upgrade state machine by the ARN the substitutions give, the one registered above.
        this.fleetStateMachineArn = stepFunctions.register(LocalUpgrade.FLEET_STATE_MACHINE, StateMachineDefinition.parse(
                LocalUpgrade.bundled(LocalUpgrade.BUNDLED_FLEET_ASL), LocalUpgrade.substitutions())).arn();
        StateMachineDefinition releaseLease = StateMachineDefinition.parse(
                LocalUpgrade.bundled(LocalUpgrade.RELEASE_LEASE_ASL), LocalUpgrade.substitutions());
        LocalEngine cleanup = new LocalEngine(tasks, clock, new Random(RANDOM_SEED), event -> { });
        AtomicInteger cleanups = new AtomicInteger();
        // The engine's history, not GetExecutionHistory over this endpoint: the listener runs inside the engine's step.
        this.reports = LocalReport.writingTo(emulator, stepFunctions::history);
        // The stack's rules match the upgrade state machine's executions alone (infra Leases, Reports), a fleet's child upgrades included.
        stepFunctions.onExecutionEnd(execution -> {
            if (execution.stateMachineArn().equals(stateMachineArn)) {
                JsonNode ended = ExecutionStatusChange.of(execution);
                cleanup.execute(releaseLease, "release-lease-" + cleanups.incrementAndGet(), ended);
                reports.publish(ended);
            }
        });
        emulator.serve(StepFunctionsProtocol.TARGET_PREFIX, new StepFunctionsHttpHandler(stepFunctions));
    }

    /**
     * Serves {@code scenario} on 127.0.0.1:{@code port} (0: any free port), time running {@code speed}
     * times as fast as the wall clock from the scenario's start time.
     */
    public static UpgradeServer start(Scenario scenario, int port, double speed,
            Consumer<NotificationSink.Notification> onNotification) {
        return new UpgradeServer(scenario, port, speed, onNotification);
    }

    /** The one endpoint for Step Functions, kinesisanalyticsv2, CloudWatch and DynamoDB clients. */
    public URI endpoint() {
        return emulator.endpoint();
    }

    /** The upgrade state machine's ARN. */
    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** The fleet state machine's ARN: its executions' children are the upgrade state machine's. */
    public String fleetStateMachineArn() {
        return fleetStateMachineArn;
    }

    /** The Step Functions registry, where another state machine can be served beside the project's two. */
    public LocalStepFunctions stepFunctions() {
        return stepFunctions;
    }

    public MsfEmulator emulator() {
        return emulator;
    }

    /** The application's lease item in the lease table now, if there is one. */
    public Optional<Map<String, JsonNode>> lease(String applicationName) {
        return emulator.dynamoDb().item(LocalUpgrade.LEASE_TABLE, Map.of(
                "applicationName", TaskJson.mapper().createObjectNode().put("S", applicationName),
                "record", TaskJson.mapper().createObjectNode().put("S", LocalUpgrade.LEASE_RECORD)));
    }

    /** Stops the executions still running (their leases are released), then the endpoint. */
    @Override
    public void close() {
        stepFunctions.close();
        reports.close();
        clients.close();
        emulator.close();
    }
}
