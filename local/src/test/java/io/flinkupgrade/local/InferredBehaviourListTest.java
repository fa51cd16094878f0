package io.flinkupgrade.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package docs' list of INFERRED behaviour honest: every item names at least one test,
 * and every test it names exists, so renaming or deleting a test that depends on a guess about AWS
 * means revisiting the list.
 */
class InferredBehaviourListTest {
    private static final Path ROOT = Path.of(System.getProperty("flinkupgrade.root", ".."));
    private static final Path PACKAGE_INFO = ROOT.resolve("emulator/src/main/java/io/flinkupgrade/emulator/package-info.java");
    /** The modules whose tests the list names: the emulator's wire tests and the workflow tests here. */
    private static final List<String> TEST_MODULES = List.of("emulator", "local");
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

    /**
     * The named test method, found in the modules' test sources (the emulator's tests are not on this
     * module's class path): a method of that name annotated as a JUnit test or parameterized test.
     */
    private static Optional<String> testMethod(String className, String methodName) throws IOException {
        Pattern method = Pattern.compile("@(?:Test|ParameterizedTest)\\b(?:(?!\\bvoid\\b).){0,400}?\\bvoid\\s+"
                + Pattern.quote(methodName) + "\\s*\\(", Pattern.DOTALL);
        for (String module : TEST_MODULES) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/test/java"))) {
                List<Path> matches = sources.filter(p -> p.getFileName().toString().equals(className + ".java")).toList();
                for (Path source : matches) {
                    if (method.matcher(Files.readString(source)).find()) {
                        return Optional.of(source + "#" + methodName);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
