package io.flinkupgrade.infra;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * A state machine as this stack deploys each of its ASL files: every {@code ${placeholder}} of the file
 * matched by exactly the substitutions given (so the file and the stack cannot drift apart silently),
 * logs at level ALL with execution data in a KMS-encrypted group kept three months, and X-Ray tracing.
 */
final class LoggedStateMachine {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private LoggedStateMachine() {
    }

    /**
     * The log group is {@code logsId} and the state machine {@code machineId} in {@code scope}: the
     * construct ids the stack has always used, so a redeploy never replaces a named state machine.
     */
    static StateMachine create(Construct scope, String logsId, String machineId, String name, StateMachineType type,
            AslDefinition asl, IKey logsKey) {
        Set<String> placeholders = placeholders(asl.text());
        if (!placeholders.equals(new TreeSet<>(asl.substitutions().keySet()))) {
            throw new IllegalStateException("the placeholders of " + asl.file() + " " + placeholders + " differ from the stack's substitutions "
                    + new TreeSet<>(asl.substitutions().keySet()) + "; the TaskCatalog and " + asl.file() + " have drifted");
        }
        LogGroup logs = LogGroup.Builder.create(scope, logsId)
                // The vendedlogs prefix keeps CloudWatch Logs' resource policy small when many state machines log.
                .logGroupName("/aws/vendedlogs/states/" + name)
                .retention(RetentionDays.THREE_MONTHS)
                .encryptionKey(logsKey)
                .build();
        return StateMachine.Builder.create(scope, machineId)
                .stateMachineName(name)
                .stateMachineType(type)
                .definitionBody(DefinitionBody.fromString(asl.text()))
                .definitionSubstitutions(asl.substitutions())
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .tracingEnabled(true)
                .build();
    }

    /** The {@code ${name}} placeholders of an ASL file's text. */
    static Set<String> placeholders(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** An ASL file by name (for messages), its text, and what the stack substitutes for its placeholders. */
    record AslDefinition(String file, String text, Map<String, String> substitutions) {
    }
}
