package io.flinkupgrade.cli;

/**
 * The execution name the API gives an upgrade (infra's ApiTemplates.START_REQUEST): application and
 * target runtime, then {@code -<attempt>} for a retry, within Step Functions' 80 characters. One name
 * per application and runtime makes a second start of the same upgrade ExecutionAlreadyExists.
 */
final class ExecutionNames {
    private static final int MAX_LENGTH = 80;
    private static final int MAX_SUFFIX = 40;

    private ExecutionNames() {}

    static String of(String applicationName, String targetRuntime, String attempt) {
        String suffix = attempt == null || attempt.isEmpty() ? "" : "-" + attempt;
        suffix = suffix.length() > MAX_SUFFIX ? suffix.substring(0, MAX_SUFFIX) : suffix;
        String base = applicationName + "-" + targetRuntime;
        int room = MAX_LENGTH - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    /**
     * A fleet's: {@code fleet-<targetRuntime>}, as the local {@code fleet} command names it, and {@code -<attempt>} for
     * another run, as the API names it from X-Upgrade-Attempt (infra's ApiTemplates.FLEET_START_REQUEST).
     */
    static String fleet(String targetRuntime, String attempt) {
        return of("fleet", targetRuntime, attempt);
    }

    /** An execution's ARN from its state machine's ARN and its name, as Step Functions forms it. */
    static String arn(String stateMachineArn, String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
