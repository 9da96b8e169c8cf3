package io.github.adfkit.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.models.AzureFileVolume;
import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.aci.models.ContainerPriority;
import io.github.adfkit.aci.models.ExistingGroupPolicy;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.RegistryCredential;
import io.github.adfkit.aci.models.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerGroupRequestTest extends OnFakeAci {
    private static final String IDENTITY = "/subscriptions/sub-1/resourceGroups/rg-id/providers/"
        + "Microsoft.ManagedIdentity/userAssignedIdentities/job-id";
    private static final String SUBNET = "/subscriptions/sub-1/resourceGroups/rg-net/providers/"
        + "Microsoft.Network/virtualNetworks/vnet/subnets/jobs";

    @Test
    void createRequestCarriesEveryFieldAsTheRestContractNamesIt() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MODE", "monthly");
        env.put("REGION", "eu");
        ContainerJobSpec spec = FakeAci.spec("report-2026-10")
            .setCommand(List.of("python", "report.py", "--month", "2026-10"))
            .setEnvironmentVariables(env)
            .setSecureEnvironmentVariables(Map.of("API_KEY", "s3cr3t-value"))
            .setParameters(Map.of("month", "2026-10"))
            .setCpu(2).setMemoryInGb(4).setGpu(1, "V100")
            .setRestartPolicy(RestartPolicy.ON_FAILURE)
            .setPriority(ContainerPriority.SPOT)
            .setRegistryCredential(RegistryCredential.usernamePassword("myacr.azurecr.io", "puller", "pull-pass"))
            .setSystemAssignedIdentity(true).setUserAssignedIdentities(List.of(IDENTITY))
            .setSubnetIds(List.of(SUBNET)).setDnsNameServers(List.of("10.0.0.10"))
            .setTags(Map.of("team", "analytics"));

        client.beginRun(spec);
        fake.advanceUntil(client.getWatcher(), () -> fake.aci.createdGroupCount() == 1, Duration.ofMinutes(1));

        JsonNode expected = new ObjectMapper().readTree("""
            {"location": "westeurope",
             "tags": {"team": "analytics"},
             "identity": {"type": "SystemAssigned, UserAssigned",
                          "userAssignedIdentities": {"%s": {}}},
             "properties": {
               "osType": "Linux", "restartPolicy": "OnFailure", "priority": "Spot",
               "containers": [{"name": "job", "properties": {
                 "image": "myacr.azurecr.io/job:1.2",
                 "command": ["python", "report.py", "--month", "2026-10"],
                 "environmentVariables": [
                   {"name": "MODE", "value": "monthly"},
                   {"name": "REGION", "value": "eu"},
                   {"name": "API_KEY", "secureValue": "s3cr3t-value"},
                   {"name": "ADFKIT_JOB_PARAMETERS", "value": "{\\"month\\":\\"2026-10\\"}"}],
                 "resources": {"requests": {"cpu": 2.0, "memoryInGB": 4.0, "gpu": {"count": 1, "sku": "V100"}}}}}],
               "imageRegistryCredentials": [{"server": "myacr.azurecr.io", "username": "puller",
                                             "password": "pull-pass"}],
               "subnetIds": [{"id": "%s"}],
               "dnsConfig": {"nameServers": ["10.0.0.10"]}}}
            """.formatted(IDENTITY, SUBNET));
        assertThat(fake.aci.createRequestBodies()).singleElement().isEqualTo(expected);
    }

    @Test
    void managedIdentityRegistryLoginAndSecureParametersUseIdentityAndSecureValue() {
        client.beginRun(FakeAci.spec("mi-pull")
            .setRegistryCredential(RegistryCredential.managedIdentity("myacr.azurecr.io", IDENTITY))
            .setUserAssignedIdentities(List.of(IDENTITY))
            .setParameters(Map.of("token", "t0ken")).setParametersSecure(true));
        fake.advanceUntil(client.getWatcher(), () -> fake.aci.createdGroupCount() == 1, Duration.ofMinutes(1));

        JsonNode body = fake.aci.createRequestBodies().get(0);
        assertThat(body.at("/properties/imageRegistryCredentials/0/identity").asText()).isEqualTo(IDENTITY);
        assertThat(body.at("/properties/imageRegistryCredentials/0").has("password")).isFalse();
        assertThat(body.at("/identity/type").asText()).isEqualTo("UserAssigned");
        assertThat(body.at("/properties/containers/0/properties/environmentVariables/0/secureValue").asText())
            .isEqualTo("{\"token\":\"t0ken\"}");
    }

    @Test
    void volumesPublicPortsAndLogAnalyticsAreSentAsTheContractNamesThem() {
        client.beginRun(FakeAci.spec("with-share")
            .setVolumes(List.of(new AzureFileVolume("input", "share1", "acct1", "acct-key", "/mnt/input", true)))
            .setPublicPorts(List.of(8080)).setDnsNameLabel("job-8080")
            .setLogAnalytics("workspace-id", "workspace-key"));
        fake.advanceUntil(client.getWatcher(), () -> fake.aci.createdGroupCount() == 1, Duration.ofMinutes(1));

        JsonNode body = fake.aci.createRequestBodies().get(0);
        assertThat(body.at("/properties/volumes/0").toString()).isEqualTo("{\"name\":\"input\",\"azureFile\":"
            + "{\"shareName\":\"share1\",\"storageAccountName\":\"acct1\",\"storageAccountKey\":\"acct-key\","
            + "\"readOnly\":true}}");
        assertThat(body.at("/properties/containers/0/properties/volumeMounts/0").toString())
            .isEqualTo("{\"name\":\"input\",\"mountPath\":\"/mnt/input\",\"readOnly\":true}");
        assertThat(body.at("/properties/ipAddress").toString()).isEqualTo("{\"type\":\"Public\",\"ports\":"
            + "[{\"protocol\":\"TCP\",\"port\":8080}],\"dnsNameLabel\":\"job-8080\"}");
        assertThat(body.at("/properties/containers/0/properties/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(body.at("/properties/diagnostics/logAnalytics/workspaceKey").asText()).isEqualTo("workspace-key");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("bad-mount")
                .setVolumes(List.of(new AzureFileVolume("v", "s", "a", "k", "relative/path", false)))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute mount path");
    }

    @Test
    void invalidSpecIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("Bad_Name")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'groupName'");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok").setCpu(0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cpu'");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok").setParameters(List.of(1, 2))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok")
                .setEnvironmentVariables(Map.of("TOKEN", "a")).setSecureEnvironmentVariables(Map.of("TOKEN", "hidden"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'TOKEN' is given twice")
            .hasMessageNotContaining("hidden");
        assertThat(fake.aci.requests()).isEmpty();
    }

    @Test
    void generatedGroupNamesAreValidUniqueAndNamedAfterTheImage() {
        Set<String> names = IntStream.range(0, 20)
            .mapToObj(i -> client.beginRun(new ContainerJobSpec("rg-jobs", "westeurope",
                "myacr.azurecr.io/Team_Report.Job:2")).poll().getValue().getGroupName())
            .collect(Collectors.toSet());

        assertThat(names).hasSize(20).allSatisfy(name ->
            assertThat(name).matches("team-report-job-[a-z0-9]{10}").hasSizeLessThanOrEqualTo(63));
    }

    @Test
    void existingGroupFailsTheJobWithoutTouchingIt() {
        runToEnd(FakeAci.spec("taken").setCleanupPolicy(CleanupPolicy.KEEP));
        fake.aci.resetRequests();

        ContainerJobResult result = runToEnd(FakeAci.spec("taken"));

        assertThat(result.getFailureReason()).isEqualTo(ContainerJobFailureReason.GROUP_EXISTS);
        assertThat(result.getMessage()).contains("REPLACE");
        assertThat(fake.requestLines()).containsExactly("GET taken");
        assertThat(fake.aci.groupExists("taken")).isTrue();
    }

    @Test
    void replacePolicyDeletesTheOldGroupFirst() {
        runToEnd(FakeAci.spec("again").setCleanupPolicy(CleanupPolicy.KEEP));
        fake.aci.resetRequests();

        ContainerJobResult result = runToEnd(FakeAci.spec("again").setExistingGroupPolicy(ExistingGroupPolicy.REPLACE));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(fake.requestLines()).startsWith("DELETE again", "GET again", "PUT again");
        assertThat(fake.aci.createdGroupCount()).isEqualTo(2);
    }

    @Test
    void reusePolicyUpdatesThenStartsTheExistingGroup() {
        runToEnd(FakeAci.spec("reused").setCleanupPolicy(CleanupPolicy.KEEP));
        fake.aci.resetRequests();

        ContainerJobResult result = runToEnd(FakeAci.spec("reused")
            .setExistingGroupPolicy(ExistingGroupPolicy.REUSE_AND_START));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(result.getDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fake.requestLines()).startsWith("PUT reused", "POST reused/start");
        assertThat(fake.aci.createdGroupCount()).isEqualTo(1);
    }

    private ContainerJobResult runToEnd(ContainerJobSpec spec) {
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(spec);
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(2));
        return poller.getFinalResult();
    }
}
