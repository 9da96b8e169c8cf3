package io.github.adfkit.examples.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relative links of the README and of every page under {@code docs/} lead to a file that exists and, with a
 * {@code #fragment}, to a heading of that page; every page and every pipeline file is linked from somewhere.
 */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Path README = Path.of("..", "README.md");

    @Test
    void relativeLinksLeadToExistingFilesAndHeadings() {
        List<String> broken = new ArrayList<>();
        for (Path page : pagesWithReadme()) {
            for (String link : links(page)) {
                String problem = problem(page, link);
                if (problem != null) {
                    broken.add(page.normalize() + ": (" + link + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theOverviewLinksEveryPage() {
        Set<String> linked = links(MarkdownBlocks.DOCS.resolve("index.md")).stream()
            .map(link -> link.replaceFirst("#.*", "")).collect(Collectors.toSet());
        assertThat(MarkdownBlocks.pages().stream().map(page -> page.getFileName().toString())
            .filter(name -> !name.equals("index.md"))).allSatisfy(name -> assertThat(linked).contains(name));
    }

    @Test
    void everyPipelineFileIsLinkedFromAGuide() throws IOException {
        Set<String> linked = MarkdownBlocks.pages().stream().flatMap(page -> links(page).stream())
            .map(link -> link.replaceFirst("#.*", "")).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(MarkdownBlocks.DOCS.resolve("pipelines"))) {
            assertThat(files.map(file -> "pipelines/" + file.getFileName()))
                .allSatisfy(file -> assertThat(linked).contains(file));
        }
    }

    @Test
    void headingsBecomeGitHubAnchors() {
        assertThat(anchor("## Errors `WebhookRequest` reports")).isEqualTo("errors-webhookrequest-reports");
        assertThat(anchor("### Before the pause: `LoadAndPause`")).isEqualTo("before-the-pause-loadandpause");
        assertThat(anchor("## 202 + Location, or the loop")).isEqualTo("202--location-or-the-loop");
    }

    private static List<Path> pagesWithReadme() {
        List<Path> pages = new ArrayList<>(MarkdownBlocks.pages());
        pages.add(README);
        return pages;
    }

    private static List<String> links(Path page) {
        String text = withoutCodeBlocks(MarkdownBlocks.read(page));
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            String link = matcher.group(1);
            if (!link.matches("^[a-z]+:.*")) {
                links.add(link);
            }
        }
        return links;
    }

    private static String problem(Path page, String link) {
        String file = link.replaceFirst("#.*", "");
        Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(target)) {
            return "no such file";
        }
        int hash = link.indexOf('#');
        if (hash < 0 || !target.toString().endsWith(".md")) {
            return null;
        }
        String fragment = link.substring(hash + 1);
        boolean found = MarkdownBlocks.read(target).stream().filter(line -> line.startsWith("#"))
            .anyMatch(heading -> anchor(heading).equals(fragment));
        return found ? null : "no heading with anchor #" + fragment;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static String withoutCodeBlocks(List<String> lines) {
        StringBuilder text = new StringBuilder();
        boolean inBlock = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
            } else if (!inBlock) {
                text.append(line.replaceAll("`[^`]*`", "")).append('\n');
            }
        }
        return text.toString();
    }
}
