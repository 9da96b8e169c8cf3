package io.github.adfkit.examples.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java blocks of {@code docs/getting-started.md} are the compiled ones of {@link GettingStartedSnippets}. */
class DocSnippetsTest {
    private static final Path PAGE = MarkdownBlocks.DOCS.resolve("getting-started.md");
    private static final Path SOURCE =
        Path.of("src/test/java/io/github/adfkit/examples/docs/GettingStartedSnippets.java");

    @Test
    void everyJavaBlockOfGettingStartedIsACompiledSnippet() {
        List<String> compiled = snippets(MarkdownBlocks.read(SOURCE));
        List<String> shown = MarkdownBlocks.blocks(PAGE).stream().filter(block -> block.language().equals("java"))
            .map(block -> normalize(block.text().lines().toList())).toList();

        assertThat(shown).as("Java blocks of docs/getting-started.md, compared with %s", SOURCE)
            .containsExactlyElementsOf(compiled);
    }

    private static List<String> snippets(List<String> lines) {
        List<String> snippets = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.strip().equals("// snippet")) {
                current = new ArrayList<>();
            } else if (line.strip().equals("// end") && current != null) {
                snippets.add(normalize(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return snippets;
    }

    /** Indentation differs between a method body and a page; compare line by line without it. */
    private static String normalize(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
