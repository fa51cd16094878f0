package io.flinkupgrade.preflight;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The schema's {@code pattern}s with the meaning JSON Schema gives them (ECMA-262), run on the JDK's
 * regex engine, which networknt uses by default. The one difference our patterns meet: outside a
 * character class, ECMA-262's {@code $} (no multiline flag) matches only at the end of the input,
 * while Java's also matches before a final line terminator, so {@code "orders\n"} would pass
 * {@code ^[a-z]+$}. Each such {@code $} becomes Java's {@code \z}; API Gateway, which validates
 * the same patterns in the deployed API, reads them as ECMA-262 already.
 */
final class EcmaRegex implements RegularExpressionFactory {

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(toJava(regex));
        // Unanchored, as JSON Schema's pattern is: the pattern's own ^ and $ anchor it.
        return value -> pattern.matcher(value).find();
    }

    /** Every {@code $} that is neither escaped nor inside a character class becomes {@code \z}. */
    static String toJava(String ecma) {
        StringBuilder java = new StringBuilder(ecma.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < ecma.length(); i++) {
            char c = ecma.charAt(i);
            if (c == '\\' && i + 1 < ecma.length()) {
                java.append(c).append(ecma.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                java.append(c);
            } else if (c == ']') {
                inClass = false;
                java.append(c);
            } else if (c == '$' && !inClass) {
                java.append("\\z");
            } else {
                java.append(c);
            }
        }
        return java.toString();
    }
}
