package io.github.adfkit.examples.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guide that names a test as the proof of a guarantee ({@code SomeTest#someMethod}, as {@code security.md} does)
 * names one that exists in the repository: a renamed or deleted test fails the build until the guide follows.
 */
class DocTestReferencesTest {
    private static final Pattern REFERENCE = Pattern.compile("\\b([A-Z][A-Za-z0-9]*Test)#([a-zA-Z_][A-Za-z0-9_]*)");
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void everyTestAGuideNamesExists() {
        Map<String, List<String>> sourcesByClass = testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path page : MarkdownBlocks.pages()) {
            Matcher reference = REFERENCE.matcher(read(page));
            while (reference.find()) {
                named++;
                String testClass = reference.group(1);
                String method = reference.group(2);
                List<String> sources = sourcesByClass.getOrDefault(testClass, List.of());
                Pattern declaration = Pattern.compile("\\bvoid " + Pattern.quote(method) + "\\(");
                if (sources.stream().noneMatch(source -> declaration.matcher(source).find())) {
                    missing.add(page.getFileName() + ": " + testClass + "#" + method
                        + (sources.isEmpty() ? " (no such test class)" : " (no such method)"));
                }
            }
        }
        assertThat(named).as("test references in the guides").isPositive();
        assertThat(missing).as("tests the guides name that do not exist").isEmpty();
    }

    private static Map<String, List<String>> testSources() {
        List<Path> tests = new ArrayList<>();
        try {
            Files.walkFileTree(REPOSITORY, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    String name = String.valueOf(directory.getFileName());
                    return Set.of("target", "node_modules", ".git").contains(name) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith("Test.java")) {
                        tests.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tests.stream().collect(Collectors.groupingBy(file -> file.getFileName().toString().replace(".java", ""),
            Collectors.mapping(DocTestReferencesTest::read, Collectors.toList())));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
