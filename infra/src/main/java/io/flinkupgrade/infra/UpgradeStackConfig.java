package io.flinkupgrade.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a deployer configures through CDK context: the applications the workflow may upgrade, who is
 * told about outcomes, the schedules that start upgrades, and whether the API exists.
 *
 * @param applicationArns MSF application ARNs; a {@code *} is allowed in the application name only
 * @param notificationEmails addresses subscribed to the outcome topic (context key {@code notificationEmail}: one address or a list)
 */
record UpgradeStackConfig(List<String> applicationArns, List<String> notificationEmails,
                          List<ScheduleConfig> schedules, boolean apiEnabled) {
    static final String APPLICATION_ARNS = "applicationArns";
    static final String NOTIFICATION_EMAIL = "notificationEmail";
    static final String SCHEDULES = "schedules";
    static final String API_ENABLED = "apiEnabled";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern APPLICATION_ARN =
            Pattern.compile("^arn:aws[a-z-]*:kinesisanalytics:[a-z0-9-]+:[0-9]{12}:application/[A-Za-z0-9_.*-]{1,128}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    UpgradeStackConfig {
        if (applicationArns.isEmpty()) {
            throw new IllegalArgumentException(APPLICATION_ARNS + ": name at least one MSF application ARN the workflow may upgrade");
        }
        for (int i = 0; i < applicationArns.size(); i++) {
            String arn = applicationArns.get(i);
            if (!APPLICATION_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException(APPLICATION_ARNS + "[" + i + "]: '" + arn + "' is not an MSF application ARN"
                        + " (arn:aws:kinesisanalytics:<region>:<account>:application/<name>, '*' allowed in the name only)");
            }
        }
        for (int i = 0; i < notificationEmails.size(); i++) {
            if (!EMAIL.matcher(notificationEmails.get(i)).matches()) {
                throw new IllegalArgumentException(NOTIFICATION_EMAIL + "[" + i + "]: '" + notificationEmails.get(i) + "' is not an e-mail address");
            }
        }
        Set<String> names = new HashSet<>();
        for (ScheduleConfig schedule : schedules) {
            if (!names.add(schedule.name())) {
                throw new IllegalArgumentException(SCHEDULES + ": the name '" + schedule.name() + "' is used twice");
            }
        }
        applicationArns = List.copyOf(applicationArns);
        notificationEmails = List.copyOf(notificationEmails);
        schedules = List.copyOf(schedules);
    }

    /** Reads the context; values may be JSON (cdk.json) or strings holding JSON ({@code -c schedules='[...]'}). */
    static UpgradeStackConfig fromContext(Function<String, Object> context) {
        List<String> arns = strings(value(context, APPLICATION_ARNS), APPLICATION_ARNS);
        List<String> emails = strings(value(context, NOTIFICATION_EMAIL), NOTIFICATION_EMAIL);
        JsonNode scheduleNodes = value(context, SCHEDULES);
        List<ScheduleConfig> schedules = new ArrayList<>();
        if (!scheduleNodes.isMissingNode()) {
            if (!scheduleNodes.isArray()) {
                throw new IllegalArgumentException(SCHEDULES + ": expected a list of schedules");
            }
            for (int i = 0; i < scheduleNodes.size(); i++) {
                schedules.add(ScheduleConfig.parse(scheduleNodes.get(i), SCHEDULES + "[" + i + "]"));
            }
        }
        JsonNode api = value(context, API_ENABLED);
        if (!api.isMissingNode() && !api.isBoolean()) {
            throw new IllegalArgumentException(API_ENABLED + ": expected true or false, got " + api);
        }
        return new UpgradeStackConfig(arns, emails, schedules, api.asBoolean(false));
    }

    private static JsonNode value(Function<String, Object> context, String key) {
        Object raw = context.apply(key);
        if (raw == null) {
            return MissingNode.getInstance();
        }
        if (raw instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("[") || trimmed.startsWith("{") || trimmed.equals("true") || trimmed.equals("false")) {
                try {
                    return JSON.readTree(trimmed);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(key + ": not valid JSON: " + e.getOriginalMessage(), e);
                }
            }
        }
        return JSON.valueToTree(raw);
    }

    /** A list of strings; a single string (also comma-separated, as {@code -c key=a,b} gives) counts as a list. */
    private static List<String> strings(JsonNode node, String key) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + ": expected a string or a list of strings, got " + node);
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new IllegalArgumentException(key + "[" + i + "]: expected a string, got " + node.get(i));
            }
            values.add(node.get(i).asText());
        }
        return values;
    }
}
