package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the ADF WebHook activity's body asks the {@code jobs} function to run; ADF adds {@code callBackUri} itself.
 *
 * <pre>{@code
 * {"image": "myacr.azurecr.io/report:1.4", "command": ["python", "report.py"], "parameters": {"month": "2026-10"}}
 * }</pre>
 *
 * @param image the image and tag; required
 * @param command the command and its arguments; optional, the image's entry point by default
 * @param parameters any JSON object, handed to the container as {@code ADFKIT_JOB_PARAMETERS}; optional
 */
public record JobRequest(String image, List<String> command, JsonNode parameters) {
}
