package io.flinkupgrade.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.preflight.InputProblem;
import io.flinkupgrade.preflight.InputValidator;
import io.flinkupgrade.preflight.SchemaFile;
import io.flinkupgrade.wiring.Workflow;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One EventBridge Scheduler schedule that starts an upgrade, or a fleet upgrade: a maintenance window.
 *
 * @param workflow which state machine it starts: {@code "upgrade"} (default) or {@code "fleet"}
 * @param expression {@code cron(...)}, {@code rate(...)} or {@code at(...)}, as EventBridge Scheduler writes them
 * @param timezone an IANA zone id the expression is evaluated in
 * @param flexibleWindowMinutes 0 for an exact start, else the window (1-1440) Scheduler may start within
 * @param input the upgrade request, validated against {@code upgrade-request.schema.json}, or the fleet
 *              request, validated against {@code fleet-request.schema.json} (its applications are planned when it runs)
 */
record ScheduleConfig(String name, Workflow workflow, String expression, String timezone, int flexibleWindowMinutes, JsonNode input) {
    // Schedules are named flink-upgrade-<name>; Scheduler allows 64 characters of [0-9a-zA-Z-_.].
    private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_.-]{1,50}$");
    private static final Pattern EXPRESSION = Pattern.compile("^(cron|rate|at)\\(.+\\)$");

    ScheduleConfig {
        String where = "schedule '" + name + "'";
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException(where + ": name must be 1-50 characters of letters, digits, '-', '_' or '.'");
        }
        if (expression == null || !EXPRESSION.matcher(expression).matches()) {
            throw new ConfigurationException(where + ": expression '" + expression + "' is not cron(...), rate(...) or at(...)");
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException | NullPointerException e) {
            throw new ConfigurationException(where + ": timezone '" + timezone + "' is not an IANA time zone id", e);
        }
        if (flexibleWindowMinutes < 0 || flexibleWindowMinutes > 1440) {
            throw new ConfigurationException(where + ": flexibleWindowMinutes must be 0 (off) to 1440, got " + flexibleWindowMinutes);
        }
        if (workflow == null) {
            throw new ConfigurationException(where + ": workflow must be \"upgrade\" or \"fleet\"");
        }
        try {
            if (workflow == Workflow.FLEET) {
                List<InputProblem> problems = new SchemaFile(FLEET_SCHEMA, "fleet upgrade request").problems(input);
                if (!problems.isEmpty()) {
                    throw SchemaFile.rejection(problems);
                }
            } else {
                new InputValidator().parse(input);
            }
        } catch (UpgradeRejectedException e) {
            String field = e.field().equals("(input)") ? "input" : "input." + e.field();
            throw new ConfigurationException(where + ": " + field + " " + e.getMessage().substring(e.field().length() + 2), e);
        }
        input = input.deepCopy();
    }

    private static final String FLEET_SCHEMA = "/statemachine/fleet-request.schema.json";

    static ScheduleConfig parse(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigurationException(path + ": expected an object with name, expression, timezone, flexibleWindowMinutes and input");
        }
        JsonNode window = node.path("flexibleWindowMinutes");
        if (!window.isMissingNode() && !window.canConvertToExactIntegral()) {
            throw new ConfigurationException(path + ".flexibleWindowMinutes: expected a whole number of minutes, got " + window);
        }
        String workflow = node.path("workflow").asText("upgrade");
        return new ScheduleConfig(
                text(node, "name", path),
                switch (workflow) {
                    case "upgrade" -> Workflow.UPGRADE;
                    case "fleet" -> Workflow.FLEET;
                    default -> null;
                },
                text(node, "expression", path),
                node.path("timezone").asText("UTC"),
                window.asInt(0),
                node.path("input"));
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new ConfigurationException(path + "." + field + ": required, a string");
        }
        return value.asText();
    }
}
