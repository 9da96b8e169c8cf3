package io.github.adfkit.examples.docs;

import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page as a compilation unit, with the page line of every source line so
 * that a compiler error can name where to look in the page.
 * <ul>
 *   <li>The block's {@code import} lines come first, after the {@link #DEFAULT_IMPORTS}; an explicit import of a
 *   name wins over the defaults (it replaces a default single-type import of the same simple name).</li>
 *   <li>A block whose first line of code declares a member (an annotation, a modifier, a type or a method
 *   declaration) is a class body; any other block is the body of a method that may throw anything.</li>
 *   <li>What a block uses without declaring it (the {@code client} built earlier on the page, the reader's own
 *   {@code DateRange}) is declared by a {@code <!-- java-context ... -->} comment before it, hidden on the rendered
 *   page: its lines are members of the class around every later block of that page.</li>
 * </ul>
 */
final class JavaSnippet {
    /** What every block may use without importing it: adfkit's public packages and the libraries around them. */
    static final List<String> DEFAULT_IMPORTS = List.of(
        "io.github.adfkit.core.*", "io.github.adfkit.core.host.*", "io.github.adfkit.core.models.*",
        "io.github.adfkit.aci.*", "io.github.adfkit.aci.models.*",
        "io.github.adfkit.durable.*", "io.github.adfkit.durable.models.*", "io.github.adfkit.durable.server.*",
        "io.github.adfkit.durable.server.models.*",
        "io.github.adfkit.pauserestart.*", "io.github.adfkit.pauserestart.models.*",
        "io.github.adfkit.spring.*",
        "io.github.adfkit.testing.aci.*", "io.github.adfkit.testing.adf.*", "io.github.adfkit.testing.arm.*",
        "io.github.adfkit.testing.azurite.*", "io.github.adfkit.testing.callback.*",
        "io.github.adfkit.testing.telemetry.*",
        "java.io.*", "java.net.*", "java.time.*", "java.util.*", "java.util.function.*",
        "com.azure.core.credential.*", "com.azure.core.http.*", "com.azure.core.http.policy.*",
        "com.azure.core.util.*", "com.azure.core.util.polling.*", "com.azure.core.management.*",
        "com.azure.core.management.profile.*", "com.azure.identity.*", "com.azure.data.tables.*",
        "com.azure.resourcemanager.datafactory.*", "com.fasterxml.jackson.databind.*", "reactor.core.publisher.*",
        "org.slf4j.*", "com.microsoft.azure.functions.*", "com.microsoft.azure.functions.annotation.*",
        "io.opentelemetry.api.*", "io.opentelemetry.sdk.trace.data.*", "com.azure.core.tracing.opentelemetry.*",
        "org.springframework.boot.*", "org.springframework.boot.autoconfigure.*",
        "org.springframework.context.annotation.*", "org.junit.jupiter.api.*", "org.junit.jupiter.api.extension.*",
        "com.azure.core.http.HttpMethod");

    /** What the first line of code of a class body starts with. */
    private static final Pattern MEMBER = Pattern.compile("^(@\\w+|(public|protected|private|static|final|abstract"
        + "|class|record|interface|enum)\\b|[\\w<>\\[\\]?,. ]+\\s+\\w+\\s*\\([^;]*\\)\\s*(throws\\s+[\\w., ]+)?\\{)");

    private final MarkdownBlocks.Block block;
    private final String packageName;
    private final List<String> source = new ArrayList<>();
    /** The page line of each source line, or 0 for a line this class wrote. */
    private final List<Integer> pageLines = new ArrayList<>();

    /**
     * @param block the block
     * @param context the {@code java-context} lines of its page before it, with their page lines
     * @param index a number unique among the blocks compiled together
     */
    JavaSnippet(MarkdownBlocks.Block block, List<NumberedLine> context, int index) {
        this.block = block;
        this.packageName = "docsnippets.s" + index;
        List<NumberedLine> lines = new ArrayList<>();
        List<String> text = block.text().lines().toList();
        for (int i = 0; i < text.size(); i++) {
            lines.add(new NumberedLine(block.line() + 1 + i, text.get(i)));
        }
        add("package " + packageName + ";");
        List<NumberedLine> imports = lines.stream().filter(JavaSnippet::isImport).toList();
        DEFAULT_IMPORTS.stream().filter(name -> imports.stream().noneMatch(line -> sameSimpleName(line, name)))
            .forEach(name -> add("import " + name + ";"));
        add("import static org.assertj.core.api.Assertions.assertThat;");
        imports.forEach(this::add);
        add("@SuppressWarnings(\"all\") class Snippet {");
        context.forEach(this::add);
        List<NumberedLine> code = lines.stream().filter(line -> !isImport(line)).toList();
        boolean classBody = code.stream().map(line -> line.text().strip())
            .filter(line -> !line.isEmpty() && !line.startsWith("//")).findFirst()
            .map(line -> MEMBER.matcher(line).find()).orElse(false);
        if (!classBody) {
            add("void snippet() throws Exception {");
        }
        code.forEach(this::add);
        add(classBody ? "}" : "}}");
    }

    /**
     * The {@code java-context} comments of a page.
     *
     * @param page a Markdown page
     * @return the lines inside its {@code <!-- java-context ... -->} comments, in order
     */
    static List<NumberedLine> contextOf(Path page) {
        List<String> lines = MarkdownBlocks.read(page);
        List<NumberedLine> context = new ArrayList<>();
        boolean inside = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("<!-- java-context")) {
                inside = true;
            } else if (inside && line.strip().equals("-->")) {
                inside = false;
            } else if (inside) {
                context.add(new NumberedLine(i + 1, line));
            }
        }
        return context;
    }

    /** @return the block */
    MarkdownBlocks.Block block() {
        return block;
    }

    /** @return the source the compiler reads */
    JavaFileObject file() {
        String text = String.join("\n", source) + "\n";
        return new SimpleJavaFileObject(URI.create("string:///" + packageName.replace('.', '/') + "/Snippet.java"),
            JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    /**
     * @param sourceLine a line of {@link #file()}, counted from 1
     * @return the page and line it came from, such as {@code docs/page.md:12}; the block's fence for a line that
     *     this class wrote
     */
    String where(long sourceLine) {
        int index = (int) sourceLine - 1;
        int pageLine = index >= 0 && index < pageLines.size() ? pageLines.get(index) : 0;
        return block.where(pageLine > 0 ? pageLine : block.line());
    }

    private void add(String generated) {
        source.add(generated);
        pageLines.add(0);
    }

    private void add(NumberedLine line) {
        source.add(line.text());
        pageLines.add(line.number());
    }

    /** An explicit import replaces the default single-type import of the same simple name. */
    private static boolean sameSimpleName(NumberedLine explicitImport, String defaultImport) {
        String imported = explicitImport.text().replaceAll("import\\s+|;.*", "").strip();
        return !defaultImport.endsWith("*")
            && imported.substring(imported.lastIndexOf('.') + 1)
                .equals(defaultImport.substring(defaultImport.lastIndexOf('.') + 1));
    }

    private static boolean isImport(NumberedLine line) {
        return line.text().startsWith("import ");
    }

    /**
     * A line of a page.
     *
     * @param number its number, counted from 1
     * @param text its text
     */
    record NumberedLine(int number, String text) {
    }
}
