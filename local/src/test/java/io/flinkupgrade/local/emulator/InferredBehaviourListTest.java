package io.flinkupgrade.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Keeps the package docs' list of INFERRED behaviour honest: every item names at least one test,
 * and every test it names exists, so renaming or deleting a test that depends on a guess about AWS
 * means revisiting the list.
 */
class InferredBehaviourListTest {
    private static final Path PACKAGE_INFO = Path.of("src/main/java/io/flinkupgrade/local/emulator/package-info.java");
    /** Where the tests the list names live. */
    private static final List<String> TEST_PACKAGES = List.of(
            "io.flinkupgrade.local.emulator", "io.flinkupgrade.local.faults", "io.flinkupgrade.local");
    private static final Pattern TEST_REFERENCE = Pattern.compile("\\{@code (\\w+Test)#(\\w+)}");

    /** The list's items, the text of each {@code <li>} of the INFERRED list. */
    private static List<String> items() throws IOException {
        String docs = Files.readString(PACKAGE_INFO).replaceAll("\\n\\s*\\*", " ");
        int start = docs.indexOf("<h2>INFERRED behaviour and the tests that depend on it</h2>");
        assertThat(start).as("the INFERRED list in %s", PACKAGE_INFO).isNotNegative();
        String list = docs.substring(start, docs.indexOf("</ol>", start));
        List<String> items = new ArrayList<>();
        Matcher item = Pattern.compile("<li>(.*?)</li>").matcher(list);
        while (item.find()) {
            items.add(item.group(1));
        }
        return items;
    }

    @Test
    void everyItemNamesATest_andEveryNamedTestExists() throws IOException {
        List<String> items = items();
        assertThat(items).hasSizeGreaterThan(10);
        for (String item : items) {
            Matcher reference = TEST_REFERENCE.matcher(item);
            int references = 0;
            while (reference.find()) {
                references++;
                assertThat(testMethod(reference.group(1), reference.group(2)))
                        .as("%s#%s, named in the INFERRED list", reference.group(1), reference.group(2)).isPresent();
            }
            assertThat(references).as("tests named by: %s", item).isPositive();
        }
    }

    private static Optional<Method> testMethod(String className, String methodName) {
        for (String pkg : TEST_PACKAGES) {
            try {
                Class<?> type = Class.forName(pkg + "." + className);
                return Stream.of(type.getDeclaredMethods())
                        .filter(m -> m.getName().equals(methodName))
                        .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class))
                        .findFirst();
            } catch (ClassNotFoundException e) {
                // Not in this package; try the next.
            }
        }
        return Optional.empty();
    }
}
