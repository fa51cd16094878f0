package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.support.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's links resolve, so the docs cannot point at files that are not in the repository again: every
 * relative link in README.md, infra/DEPLOY.md and docs/*.md names an existing file or folder, and an anchor names a
 * heading of the file it points to (GitHub's slugs). Source comments cite the design as
 * {@code docs/architecture.md, "Section"}: every such section exists.
 */
class DocumentationLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");
    private static final Pattern DESIGN_REFERENCE = Pattern.compile("architecture\\.md,\\s*(?:\\*\\s*)?\"([^\"]+)\"");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", "cdk.out");

    @Test
    void everyRelativeLinkInTheDocs_resolvesToAFileAndItsAnchorToAHeading() {
        List<String> broken = new ArrayList<>();
        List<Path> documents = documents();
        assertThat(documents).extracting(p -> RepoFiles.root().relativize(p).toString())
                .contains("README.md", "infra/DEPLOY.md", "docs/architecture.md");
        int links = 0;
        for (Path document : documents) {
            Matcher link = LINK.matcher(withoutCode(read(document)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto: are not files
                }
                links++;
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
                String where = RepoFiles.root().relativize(document) + ": " + target;
                if (!Files.exists(resolved)) {
                    broken.add(where + " (no " + RepoFiles.root().relativize(resolved) + ")");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(where + " (no heading #" + anchor + " in " + RepoFiles.root().relativize(resolved) + ")");
                }
            }
        }
        assertThat(links).as("relative links checked").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyDesignReferenceInTheRepository_namesASectionOfDocsArchitecture() {
        Set<String> headings = new LinkedHashSet<>();
        Matcher heading = HEADING.matcher(withoutFences(read(RepoFiles.root().resolve("docs/architecture.md"))));
        while (heading.find()) {
            headings.add(heading.group(1));
        }
        List<String> problems = new ArrayList<>();
        int references = 0;
        for (Path file : repositoryTextFiles()) {
            String text = read(file);
            String name = RepoFiles.root().relativize(file).toString();
            if (text.contains("DESIGN.md")) {
                problems.add(name + " points to DESIGN.md, which is not in the repository");
            }
            Matcher reference = DESIGN_REFERENCE.matcher(text);
            while (reference.find()) {
                references++;
                if (!headings.contains(reference.group(1))) {
                    problems.add(name + " cites the section \"" + reference.group(1) + "\", which docs/architecture.md does not have");
                }
            }
        }
        assertThat(references).as("design references checked").isGreaterThan(5);
        assertThat(problems).isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, "-1", "-2" for repeats. */
    static Set<String> anchors(Path markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(withoutFences(read(markdown)));
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    @Test
    void anchors_followGitHubSlugs() throws IOException {
        Path file = Files.createTempFile("headings", ".md");
        Files.writeString(file, "# Deploy\n## What happens when things go wrong\n### Errors the `ASL` branches on\n## Deploy\n"
                + "```\n# not a heading\n```\n");
        assertThat(anchors(file)).containsExactly("deploy", "what-happens-when-things-go-wrong", "errors-the-asl-branches-on", "deploy-1");
        Files.delete(file);
    }

    private static List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(RepoFiles.root().resolve("README.md"), RepoFiles.root().resolve("infra/DEPLOY.md")));
        try (Stream<Path> docs = Files.list(RepoFiles.root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static List<Path> repositoryTextFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(RepoFiles.root())) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : RepoFiles.root().relativize(p)) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(p -> p.toString().matches(".*\\.(java|md|json|xml|sh|txt)$") || p.endsWith(".ci/run"))
                    // This test's own documentation shows the citation form and names the file it replaced.
                    .filter(p -> !p.getFileName().toString().equals(DocumentationLinksTest.class.getSimpleName() + ".java"))
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String withoutFences(String markdown) {
        return FENCE.matcher(markdown).replaceAll("");
    }

    /** Links inside code are text, not links. */
    private static String withoutCode(String markdown) {
        return INLINE_CODE.matcher(withoutFences(markdown)).replaceAll("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
