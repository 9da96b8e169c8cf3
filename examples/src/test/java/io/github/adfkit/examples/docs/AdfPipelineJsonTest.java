package io.github.adfkit.examples.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.examples.docs.AdfActivityRules.Violation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every ADF pipeline in {@code docs/pipelines/} and every pipeline or activity shown in a {@code json} block of a
 * guide is strict JSON and follows {@link AdfActivityRules}.
 */
class AdfPipelineJsonTest {
    private static final Path PIPELINES = MarkdownBlocks.DOCS.resolve("pipelines");

    @Test
    void everyFlowHasItsPipeline() throws IOException {
        try (Stream<Path> files = Files.list(PIPELINES)) {
            assertThat(files.map(file -> file.getFileName().toString())).contains("container-job.json",
                "async-operation.json", "async-operation-until-loop.json", "webhook-callback.json",
                "load-and-pause.json", "publish-after-approval.json");
        }
    }

    @TestFactory
    Stream<DynamicTest> pipelineFilesFollowTheActivitySchema() throws IOException {
        try (Stream<Path> files = Files.list(PIPELINES)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                    () -> check("docs/pipelines/" + file.getFileName(), Files.readString(file),
                        AdfActivityRules::checkPipeline)));
        }
    }

    @TestFactory
    Stream<DynamicTest> pipelinesAndActivitiesInTheGuidesFollowTheActivitySchema() {
        return MarkdownBlocks.all("json").stream()
            .filter(block -> block.text().contains("\"activities\"") || block.text().contains("\"typeProperties\""))
            .map(block -> DynamicTest.dynamicTest(block.where(),
                () -> check(block.where(), block.text(), AdfPipelineJsonTest::checkPipelineOrActivity)));
    }

    private static List<Violation> checkPipelineOrActivity(JsonNode json) {
        return json.has("properties") ? AdfActivityRules.checkPipeline(json) : AdfActivityRules.checkActivity(json);
    }

    private static void check(String source, String text, Function<JsonNode, List<Violation>> rules) {
        JsonNode json;
        try {
            json = StrictJson.parse(text);
        } catch (JsonProcessingException e) {
            fail(source + " breaks rule \"strict JSON\": " + e.getOriginalMessage());
            return;
        }
        List<Violation> violations = rules.apply(json);
        assertThat(violations)
            .withFailMessage(() -> source + " breaks the ADF activity schema:\n  "
                + String.join("\n  ", violations.stream().map(Violation::toString).toList()))
            .isEmpty();
    }
}
