package io.flinkupgrade.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The input rules a JSON Schema cannot say (or cannot say the same way on the JDK and in API
 * Gateway), pure: text that is not text, an empty {@code propertyGroups} nobody asked for, and S3
 * bucket names S3 would never have created. Each finding is an {@link InputProblem} naming the field.
 */
final class InputRules {
    /**
     * General purpose bucket naming rules beyond the schema's character set and length
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). Legacy us-east-1
     * names (upper case, underscores) predate these rules and are already outside the schema's pattern.
     */
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:[a-z-]+:s3:::(.+)");

    private InputRules() {}

    static List<InputProblem> check(JsonNode input) {
        List<InputProblem> problems = new ArrayList<>();
        text(input, "", false, problems);
        propertyGroups(input, problems);
        bucketName(input.path("code").path("bucketArn"), problems);
        return problems;
    }

    /**
     * Every string and every key: no unpaired UTF-16 surrogate (not a character; it cannot be
     * encoded as UTF-8 and reaches MSF mangled), and in names and keys no control character.
     * Runtime property values are the job's own data and may hold tabs or newlines.
     */
    private static void text(JsonNode node, String path, boolean propertyValue, List<InputProblem> problems) {
        if (node.isTextual()) {
            String problem = propertyValue ? surrogate(node.asText()) : notAName(node.asText());
            if (problem != null) {
                problems.add(new InputProblem(field(path), problem));
            }
        } else if (node.isObject()) {
            boolean propertyMap = path.endsWith(".propertyMap");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String keyProblem = notAName(field.getKey());
                if (keyProblem != null) {
                    problems.add(new InputProblem(field(path), "has a key that " + keyProblem));
                    continue;
                }
                text(field.getValue(), path + "." + field.getKey(), propertyMap, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                text(node.get(i), path + "." + i, false, problems);
            }
        }
    }

    private static String notAName(String value) {
        String surrogate = surrogate(value);
        if (surrogate != null) {
            return surrogate;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                return "contains the control character U+" + String.format("%04X", (int) c) + " at position " + (i + 1)
                        + " (a line break or tab pasted by mistake?)";
            }
        }
        return null;
    }

    private static String surrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate U+" + String.format("%04X", (int) c) + " at position " + (i + 1)
                        + ", which is not a character and cannot be written as UTF-8";
            }
        }
        return null;
    }

    /** An empty list replaces every runtime property with none: only when the request says so in as many words. */
    private static void propertyGroups(JsonNode input, List<InputProblem> problems) {
        JsonNode groups = input.path("propertyGroups");
        boolean removeAll = input.path("removeAllPropertyGroups").asBoolean(false);
        boolean empty = groups.isArray() && groups.isEmpty();
        if (empty && !removeAll) {
            problems.add(new InputProblem("propertyGroups", "is an empty list, which would remove every runtime property of the "
                    + "application; if that is what you want, also set removeAllPropertyGroups: true, otherwise leave propertyGroups out "
                    + "to keep the current properties"));
        } else if (removeAll && !empty) {
            problems.add(new InputProblem("removeAllPropertyGroups", "is true, but propertyGroups is not an empty list: set "
                    + "propertyGroups: [] to remove every runtime property, or leave removeAllPropertyGroups out"));
        }
    }

    private static void bucketName(JsonNode bucketArn, List<InputProblem> problems) {
        var arn = BUCKET_ARN.matcher(bucketArn.asText(""));
        if (!bucketArn.isTextual() || !arn.matches()) {
            return;
        }
        String bucket = arn.group(1);
        String problem = null;
        if (bucket.contains("..")) {
            problem = "two adjacent periods";
        } else if (IP_ADDRESS.matcher(bucket).matches()) {
            problem = "the form of an IP address";
        } else {
            for (String prefix : RESERVED_PREFIXES) {
                if (bucket.startsWith(prefix)) {
                    problem = "the reserved prefix " + prefix;
                }
            }
            for (String suffix : RESERVED_SUFFIXES) {
                if (bucket.endsWith(suffix)) {
                    problem = "the reserved suffix " + suffix;
                }
            }
        }
        if (problem != null) {
            problems.add(new InputProblem("code.bucketArn", "names the bucket '" + bucket + "', which has " + problem
                    + "; S3 bucket names cannot (see the S3 bucket naming rules)"));
        }
    }

    private static String field(String path) {
        return path.isEmpty() ? "(input)" : path.substring(1);
    }
}
