package io.github.adfkit.testing.adf;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.azure.resourcemanager.datafactory.models.PipelineRun;
import com.azure.resourcemanager.datafactory.models.RunFilterParameters;
import com.azure.resourcemanager.datafactory.models.RunQueryFilter;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperand;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperator;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdfFakeServerTest {
    private final AdfFakeServer adf = new AdfFakeServer();
    private DataFactoryManager manager;

    @BeforeEach
    void start() {
        adf.start();
        manager = DataFactoryManager.authenticate(adf.httpPipeline(new StaticTestTokenCredential()),
            adf.azureProfile("tenant-1", "sub-1"));
    }

    @AfterEach
    void stop() {
        adf.close();
    }

    @Test
    void createRunRecordsTheParameterMapAndTheRunCanBeReadQueriedAndCancelled() {
        String runId = createRun("resume", Map.of("pauseId", "p-1", "count", 3));

        assertThat(adf.runs()).singleElement().satisfies(run -> {
            assertThat(run.getRunId()).isEqualTo(runId);
            assertThat(run.getSubscriptionId()).isEqualTo("sub-1");
            assertThat(run.getResourceGroupName()).isEqualTo("rg");
            assertThat(run.getFactoryName()).isEqualTo("factory");
            assertThat(run.getPipelineName()).isEqualTo("resume");
            assertThat(run.getParameters()).containsEntry("pauseId", "p-1").containsEntry("count", 3);
        });
        PipelineRun fetched = manager.pipelineRuns().get("rg", "factory", runId);
        assertThat(fetched.status()).isEqualTo("InProgress");
        assertThat(fetched.parameters()).containsEntry("pauseId", "p-1").containsEntry("count", "3");

        createRun("other", Map.of());
        assertThat(query("resume")).extracting(PipelineRun::runId).containsExactly(runId);

        manager.pipelineRuns().cancel("rg", "factory", runId);
        assertThat(manager.pipelineRuns().get("rg", "factory", runId).status()).isEqualTo("Cancelled");
    }

    @Test
    void aFailedRunIsReadWithItsMessageAndEndAsThePipelineRunDefinitionHasThem() {
        String runId = createRun("nightly", Map.of());
        assertThat(manager.pipelineRuns().get("rg", "factory", runId).runEnd()).isNull();

        adf.failRun(runId, "Operation on target RunContainer failed: the WebHook activity timed out.");

        PipelineRun failed = manager.pipelineRuns().get("rg", "factory", runId);
        assertThat(failed.status()).isEqualTo("Failed");
        assertThat(failed.message()).isEqualTo("Operation on target RunContainer failed: the WebHook activity timed "
            + "out.");
        assertThat(failed.runEnd()).isNotNull().isAfterOrEqualTo(failed.runStart());
        assertThat(failed.durationInMs()).isNotNull().isGreaterThanOrEqualTo(0);
        manager.pipelineRuns().cancel("rg", "factory", runId);
        assertThat(manager.pipelineRuns().get("rg", "factory", runId).status()).as("a cancel after the end")
            .isEqualTo("Failed");
        assertThatThrownBy(() -> adf.failRun(runId, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> adf.failRun("nope", "no such run")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownRunIsNotFound() {
        assertThatThrownBy(() -> manager.pipelineRuns().get("rg", "factory", "nope"))
            .isInstanceOfSatisfying(ManagementException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
    }

    @Test
    void scriptedFailureCreatesNoRunAndTheNextCallSucceeds() {
        adf.failNextCreateRuns(1, 503);

        assertThatThrownBy(() -> createRun("resume", Map.of()))
            .isInstanceOfSatisfying(ManagementException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(503));
        assertThat(adf.runs()).isEmpty();

        createRun("resume", Map.of());
        assertThat(adf.runs()).hasSize(1);
    }

    @Test
    void lateAnswerTimesTheClientOutButTheRunExists() {
        adf.acceptNextCreateRunsLate(1, Duration.ofSeconds(3));
        Context shortTimeout = Context.NONE.addData("azure-response-timeout", Duration.ofMillis(300));

        assertThatThrownBy(() -> manager.pipelines().createRunWithResponse("rg", "factory", "resume", null, null,
            null, null, Map.of("pauseId", "p-2"), shortTimeout)).isInstanceOf(RuntimeException.class);

        assertThat(adf.runs()).singleElement()
            .satisfies(run -> assertThat(run.getParameters()).containsEntry("pauseId", "p-2"));
    }

    @Test
    void rejectsImpossibleScripts() {
        assertThatThrownBy(() -> adf.failNextCreateRuns(1, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> adf.acceptNextCreateRunsLate(1, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private String createRun(String pipeline, Map<String, Object> parameters) {
        return manager.pipelines().createRunWithResponse("rg", "factory", pipeline, null, null, null, null,
            parameters, Context.NONE).getValue().runId();
    }

    private List<PipelineRun> query(String pipeline) {
        OffsetDateTime now = OffsetDateTime.now();
        RunFilterParameters filter = new RunFilterParameters()
            .withLastUpdatedAfter(now.minusHours(1)).withLastUpdatedBefore(now.plusHours(1))
            .withFilters(List.of(new RunQueryFilter().withOperand(RunQueryFilterOperand.PIPELINE_NAME)
                .withOperator(RunQueryFilterOperator.EQUALS).withValues(List.of(pipeline))));
        return manager.pipelineRuns().queryByFactory("rg", "factory", filter).value();
    }
}
