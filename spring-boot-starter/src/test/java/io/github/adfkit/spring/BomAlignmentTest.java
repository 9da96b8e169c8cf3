package io.github.adfkit.spring;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import reactor.core.publisher.Mono;

import javax.xml.parsers.DocumentBuilderFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who imports {@code adfkit-bom} gets the versions adfkit is tested with: the BOM manages what the parent
 * manages, at the same versions, and a Spring Boot application (this module's tests, which also use Spring Boot's
 * dependency management) runs on exactly those versions.
 */
class BomAlignmentTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> bom = managedVersions(ROOT.resolve("bom/pom.xml"));
    private final Map<String, String> parent = managedVersions(ROOT.resolve("pom.xml"));

    @Test
    void theBomManagesTheFamiliesUsersMustNotMix() {
        assertThat(bom).containsKeys("com.azure:azure-core", "com.azure:azure-core-http-netty",
            "com.azure:azure-core-http-jdk-httpclient", "io.projectreactor:reactor-core",
            "io.projectreactor.netty:reactor-netty-http", "io.netty:netty-bom", "com.fasterxml.jackson:jackson-bom",
            "net.java.dev.jna:jna", "net.java.dev.jna:jna-platform", "com.azure:azure-identity");
    }

    @Test
    void everyVersionInTheBomIsTheOneTheBuildUses() {
        assertThat(bom).isNotEmpty().allSatisfy((artifact, version) ->
            assertThat(parent.get(artifact)).as(artifact).isEqualTo(version));
    }

    @Test
    void everyPublishedAdfkitArtifactIsInTheBom() {
        parent.keySet().stream().filter(artifact -> artifact.startsWith("io.github.adfkit:"))
            .forEach(artifact -> assertThat(bom).as(artifact).containsKey(artifact));
    }

    @Test
    void aSpringBootApplicationRunsOnTheBomsVersions() {
        assertThat(jarVersion(HttpClient.class)).isEqualTo(bom.get("com.azure:azure-core"));
        assertThat(jarVersion(Mono.class)).isEqualTo(bom.get("io.projectreactor:reactor-core"));
        assertThat(jarVersion(ObjectMapper.class)).isEqualTo(bom.get("com.fasterxml.jackson:jackson-bom"));
        assertThat(jarVersion(Channel.class)).isEqualTo(bom.get("io.netty:netty-bom"));
    }

    /** The version directory of the jar a class was loaded from, in the Maven repository layout. */
    private static String jarVersion(Class<?> type) {
        try {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getFileName().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** groupId:artifactId to version, with ${properties} of the same POM resolved, from dependencyManagement. */
    private static Map<String, String> managedVersions(Path pom) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom, e);
        }
        Element project = document.getDocumentElement();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("project.version", text(project, "version"));
        Element propertiesElement = child(project, "properties");
        if (propertiesElement != null) {
            NodeList nodes = propertiesElement.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().trim());
                }
            }
        }
        Map<String, String> managed = new LinkedHashMap<>();
        NodeList dependencies = child(child(project, "dependencyManagement"), "dependencies").getChildNodes();
        for (int i = 0; i < dependencies.getLength(); i++) {
            if (dependencies.item(i) instanceof Element dependency) {
                managed.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                    resolve(text(dependency, "version"), properties));
            }
        }
        return managed;
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String property = properties.get(matcher.group(1));
            assertThat(property).as("property " + matcher.group(1)).isNotNull();
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(property));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }
}
