package io.github.adfkit.benchmarks.aci;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.adfkit.testing.aci.AciFakeServer;

/**
 * Counts the fake's requests and then empties its journal, so that the journal's own memory does not show up in
 * the heap measurement.
 */
final class RequestTally {
    private long all;
    private long statusPolls;

    void drain(AciFakeServer aci) {
        for (LoggedRequest request : aci.requests()) {
            all++;
            if ("GET".equals(request.getMethod().getName()) && !request.getUrl().contains("/logs")) {
                statusPolls++;
            }
        }
        aci.resetRequests();
    }

    long all() {
        return all;
    }

    long statusPolls() {
        return statusPolls;
    }
}
