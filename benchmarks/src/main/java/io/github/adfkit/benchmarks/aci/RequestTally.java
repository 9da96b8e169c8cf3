package io.github.adfkit.benchmarks.aci;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.aci.AciFakeServer;

/**
 * Counts the fake's requests and then empties its journal, so that the journal's own memory does not show up in
 * the heap measurement. A status poll is a GET of a container group answered 200 (the group exists and is being
 * watched); a launch's lookup of an existing group and the check that a deleted group is gone are answered 404.
 */
final class RequestTally {
    private long all;
    private long statusPolls;
    private long groupReads;

    void drain(AciFakeServer aci) {
        for (ServeEvent event : aci.serveEvents()) {
            all++;
            Request request = event.getRequest();
            if ("GET".equals(request.getMethod().getName()) && !request.getUrl().contains("/logs")) {
                groupReads++;
                if (event.getResponse().getStatus() == 200) {
                    statusPolls++;
                }
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

    long groupReads() {
        return groupReads;
    }
}
