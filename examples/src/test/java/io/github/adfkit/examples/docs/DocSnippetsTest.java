package io.github.adfkit.examples.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of {@code docs/*.md} and of the README compiles against the test class path, wrapped
 * as {@link JavaSnippet} says. A block marked {@code ```java fragment} is not compiled: keep those for pieces that
 * cannot stand alone.
 */
class DocSnippetsTest {
    @Test
    void everyJavaBlockOfTheGuidesAndTheReadmeCompiles(@TempDir Path classes) {
        List<Path> pages = Stream.concat(MarkdownBlocks.pages().stream(), Stream.of(MarkdownBlocks.README)).toList();
        List<JavaSnippet> snippets = new ArrayList<>();
        for (Path page : pages) {
            List<JavaSnippet.NumberedLine> context = JavaSnippet.contextOf(page);
            for (MarkdownBlocks.Block block : MarkdownBlocks.blocks(page)) {
                if (block.language().equals("java")) {
                    snippets.add(new JavaSnippet(block, context.stream()
                        .filter(line -> line.number() < block.line()).toList(), snippets.size()));
                }
            }
        }

        assertThat(snippets).extracting(snippet -> snippet.block().page().getFileName().toString())
            .contains("getting-started.md", "webhook-callback.md", "container-jobs.md", "spring-boot.md");
        assertThat(compile(snippets, classes)).as("compiler errors in the Java blocks").isEmpty();
    }

    @Test
    void aBlockThatDoesNotCompileIsNamedByItsPageAndLine(@TempDir Path classes) {
        MarkdownBlocks.Block broken = new MarkdownBlocks.Block(MarkdownBlocks.DOCS.resolve("example.md"), 10, "java",
            "String body = \"{}\";\nWebhookRequest request = WebhookRequest.parseJson(body);");

        assertThat(compile(List.of(new JavaSnippet(broken, List.of(), 0)), classes)).singleElement()
            .asString().startsWith("docs/example.md:12: ").contains("cannot find symbol");
    }

    /**
     * @return one line per compiler error: the page and line, then the compiler's message
     */
    private static List<String> compile(List<JavaSnippet> snippets, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<JavaFileObject, JavaSnippet> files = new IdentityHashMap<>();
        snippets.forEach(snippet -> files.put(snippet.file(), snippet));
        // Surefire's class path may be one jar whose manifest lists the rest; javac follows such manifests.
        List<String> options = List.of("-proc:none", "-d", classes.toString(),
            "-classpath", System.getProperty("java.class.path"));
        compiler.getTask(null, null, diagnostics, options, null, files.keySet()).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                JavaSnippet snippet = files.get(diagnostic.getSource());
                errors.add((snippet == null ? "(no snippet)" : snippet.where(diagnostic.getLineNumber())) + ": "
                    + diagnostic.getMessage(Locale.ROOT).replaceAll("\\s+", " "));
            }
        }
        return errors;
    }
}
