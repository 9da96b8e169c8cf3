package io.github.adfkit.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the Markdown pages under {@code docs/}, with the page and line each starts on, so that a
 * failing check can name where to look.
 */
final class MarkdownBlocks {
    /** The project folder, seen from a module folder (the tests' working directory). */
    static final Path PROJECT = Path.of("..");
    /** The docs folder, seen from a module folder. */
    static final Path DOCS = PROJECT.resolve("docs");
    /** The README, seen from a module folder. */
    static final Path README = PROJECT.resolve("README.md");

    private MarkdownBlocks() {
    }

    /**
     * One fenced block.
     *
     * @param page the Markdown file
     * @param line the line of the opening fence, counted from 1
     * @param language the info string after the fence ({@code json}, {@code java}, ...), or empty
     * @param text the lines between the fences
     */
    record Block(Path page, int line, String language, String text) {
        /** @return where the block is, for failure messages: {@code docs/page.md:12} */
        String where() {
            return where(line);
        }

        /**
         * @param pageLine a line of the page
         * @return that line, for failure messages: {@code docs/page.md:12}
         */
        String where(int pageLine) {
            return PROJECT.relativize(page).toString().replace('\\', '/') + ":" + pageLine;
        }
    }

    /** @return the Markdown pages directly under {@code docs/}, sorted by name */
    static List<Path> pages() {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param language the info string to keep
     * @return every block with that info string, on every page
     */
    static List<Block> all(String language) {
        return pages().stream().flatMap(page -> blocks(page).stream())
            .filter(block -> block.language().equals(language)).toList();
    }

    /**
     * @param page a Markdown file
     * @return its fenced blocks, in order
     */
    static List<Block> blocks(Path page) {
        List<String> lines = read(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String opening = lines.get(i).strip();
            if (!opening.startsWith("```")) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            blocks.add(new Block(page, i + 1, opening.substring(3).strip(),
                String.join("\n", lines.subList(i + 1, Math.min(close, lines.size())))));
            i = close;
        }
        return blocks;
    }

    /**
     * @param file a text file
     * @return its lines
     */
    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
