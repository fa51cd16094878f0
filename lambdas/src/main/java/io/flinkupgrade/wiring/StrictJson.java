package io.flinkupgrade.wiring;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upgrade request as text: strict JSON (UTF-8 only, one value and nothing after it, no key twice
 * in an object, as {@link TaskJson} reads everything) and, when it is not, a rejection of
 * {@code (input)} that says where and what in plain words instead of the parser's own text. The
 * local CLI reads request files with it, and {@link TaskSerializer} uses the same words for
 * Preflight's input.
 */
public final class StrictJson {
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");
    private static final Pattern UTF8 = Pattern.compile("^Invalid UTF-8 (?:start|middle) byte (0x[0-9a-fA-F]+)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*)'");

    private StrictJson() {}

    /** @throws UpgradeRejectedException of {@code (input)} when the bytes are not one strict JSON value */
    public static JsonNode readRequest(byte[] json) {
        try {
            return TaskJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UpgradeRejectedException("(input)", describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not JSON at all, or not strict JSON (a key twice, content after the value), as opposed to JSON of the wrong shape. */
    public static boolean isMalformed(JsonProcessingException e) {
        return parseError(e) != null || String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
    }

    /** "not valid JSON at line 3, column 5: the key 'targetRuntime' appears twice in the same object". */
    public static String describe(JsonProcessingException e) {
        // Databind wraps the parser's own error when it meets it inside a value; the parser's has the position and the words.
        JsonProcessingException cause = parseError(e) != null ? parseError(e) : e;
        JsonLocation at = cause.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "not valid JSON" + where + ": " + problem(cause.getOriginalMessage());
    }

    private static JsonParseException parseError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    private static String problem(String parserMessage) {
        String message = parserMessage == null ? "" : parserMessage.lines().findFirst().orElse("");
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "the key '" + duplicate.group(1) + "' appears twice in the same object";
        }
        Matcher utf8 = UTF8.matcher(message);
        if (utf8.find()) {
            return "the text is not UTF-8 (the byte " + utf8.group(1) + " cannot be there); save the file as UTF-8";
        }
        Matcher token = UNRECOGNIZED.matcher(message);
        if (token.find()) {
            return "unexpected text '" + token.group(1) + "' where a JSON value or the end of the input should be";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more after the end of the JSON value; the input must be exactly one JSON object";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "the text ends before the JSON value is complete";
        }
        return message;
    }
}
