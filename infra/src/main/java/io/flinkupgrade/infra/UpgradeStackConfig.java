package io.flinkupgrade.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final String CONFIG = "config";

    /** The message for a deploy without applications: what is required, what is optional, how to pass it. */
    static final String WHAT_IS_REQUIRED = """
            no application ARNs: the stack needs the MSF applications the workflow may upgrade.
              required  applicationArns    MSF application ARNs in the stack's region ('*' allowed in the name)
              optional  notificationEmail  an address (or a list) subscribed to the outcome topic
              optional  schedules          EventBridge Scheduler schedules that start upgrades
              optional  apiEnabled         true creates the IAM-authorised REST API
            Pass them in a context file, e.g. a copy of infra/examples/orders-enricher.json:
              npx aws-cdk@2 deploy -c config=examples/orders-enricher.json
            or one by one:
              npx aws-cdk@2 deploy -c applicationArns='["arn:aws:kinesisanalytics:<region>:<account>:application/<name>"]'
            See infra/DEPLOY.md.""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern APPLICATION_ARN =
            Pattern.compile("^arn:aws[a-z-]*:kinesisanalytics:[a-z0-9-]+:[0-9]{12}:application/[A-Za-z0-9_.*-]{1,128}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    UpgradeStackConfig {
        if (applicationArns.isEmpty()) {
            throw new ConfigurationException(WHAT_IS_REQUIRED);
        }
        for (int i = 0; i < applicationArns.size(); i++) {
            String arn = applicationArns.get(i);
            if (!APPLICATION_ARN.matcher(arn).matches()) {
                throw new ConfigurationException(APPLICATION_ARNS + "[" + i + "]: '" + arn + "' is not an MSF application ARN"
                        + " (arn:aws:kinesisanalytics:<region>:<account>:application/<name>, '*' allowed in the name only)");
            }
        }
        for (int i = 0; i < notificationEmails.size(); i++) {
            if (!EMAIL.matcher(notificationEmails.get(i)).matches()) {
                throw new ConfigurationException(NOTIFICATION_EMAIL + "[" + i + "]: '" + notificationEmails.get(i) + "' is not an e-mail address");
            }
        }
        Set<String> names = new HashSet<>();
        for (ScheduleConfig schedule : schedules) {
            if (!names.add(schedule.name())) {
                throw new ConfigurationException(SCHEDULES + ": the name '" + schedule.name() + "' is used twice");
            }
        }
        applicationArns = List.copyOf(applicationArns);
        notificationEmails = List.copyOf(notificationEmails);
        schedules = List.copyOf(schedules);
    }

    /** Reads the context, with a {@code config} file resolved against the working directory (where the CDK CLI runs the app). */
    static UpgradeStackConfig fromContext(Function<String, Object> context) {
        return fromContext(context, Path.of(""));
    }

    /**
     * Reads the context; values may be JSON (a context file) or strings holding JSON ({@code -c schedules='[...]'}).
     * The context key {@code config} names a JSON file holding the other keys; a key given with {@code -c} as well wins.
     * The CDK CLI has no option to pass a context file, hence this key.
     */
    static UpgradeStackConfig fromContext(Function<String, Object> commandLine, Path workingDirectory) {
        JsonNode file = configFile(commandLine, workingDirectory);
        Function<String, Object> context = key -> {
            Object given = commandLine.apply(key);
            return given != null || !file.has(key) ? given : file.get(key);
        };
        List<String> arns = strings(value(context, APPLICATION_ARNS), APPLICATION_ARNS);
        List<String> emails = strings(value(context, NOTIFICATION_EMAIL), NOTIFICATION_EMAIL);
        JsonNode scheduleNodes = value(context, SCHEDULES);
        List<ScheduleConfig> schedules = new ArrayList<>();
        if (!scheduleNodes.isMissingNode()) {
            if (!scheduleNodes.isArray()) {
                throw new ConfigurationException(SCHEDULES + ": expected a list of schedules");
            }
            for (int i = 0; i < scheduleNodes.size(); i++) {
                schedules.add(ScheduleConfig.parse(scheduleNodes.get(i), SCHEDULES + "[" + i + "]"));
            }
        }
        JsonNode api = value(context, API_ENABLED);
        if (!api.isMissingNode() && !api.isBoolean()) {
            throw new ConfigurationException(API_ENABLED + ": expected true or false, got " + api);
        }
        return new UpgradeStackConfig(arns, emails, schedules, api.asBoolean(false));
    }

    private static JsonNode configFile(Function<String, Object> context, Path workingDirectory) {
        Object name = context.apply(CONFIG);
        if (name == null) {
            return JSON.createObjectNode();
        }
        if (!(name instanceof String text) || text.isBlank()) {
            throw new ConfigurationException(CONFIG + ": expected the path of a JSON context file, got " + name);
        }
        Path file = workingDirectory.toAbsolutePath().resolve(text).normalize();
        JsonNode content;
        try {
            content = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(CONFIG + ": no file " + file + " (a relative path is resolved against "
                    + workingDirectory.toAbsolutePath().normalize() + ", where the app runs)", e);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(CONFIG + ": " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException(CONFIG + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        if (content == null || !content.isObject()) {
            throw new ConfigurationException(CONFIG + ": " + file + " must hold a JSON object of context keys");
        }
        List<String> unknown = new ArrayList<>();
        content.fieldNames().forEachRemaining(key -> {
            if (!List.of(APPLICATION_ARNS, NOTIFICATION_EMAIL, SCHEDULES, API_ENABLED).contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(CONFIG + ": " + file + " has unknown keys " + unknown + "; known: "
                    + List.of(APPLICATION_ARNS, NOTIFICATION_EMAIL, SCHEDULES, API_ENABLED));
        }
        return content;
    }

    /** The regions the application ARNs name, each with its ARNs, in the order given. */
    Map<String, List<String>> applicationArnsByRegion() {
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        for (String arn : applicationArns) {
            byRegion.computeIfAbsent(arn.split(":")[3], region -> new ArrayList<>()).add(arn);
        }
        return byRegion;
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
                    throw new ConfigurationException(key + ": not valid JSON: " + e.getOriginalMessage(), e);
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
            throw new ConfigurationException(key + ": expected a string or a list of strings, got " + node);
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new ConfigurationException(key + "[" + i + "]: expected a string, got " + node.get(i));
            }
            values.add(node.get(i).asText());
        }
        return values;
    }
}
