package io.github.adfkit.core.models;

import com.azure.core.annotation.Immutable;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.adfkit.core.implementation.Arguments;

import java.util.Objects;

/**
 * The {@code Error} part of an ADF WebHook callback: the code and message that the activity shows when it fails.
 */
@Immutable
public final class CallbackError {
    @JsonProperty("ErrorCode")
    private final String errorCode;
    @JsonProperty("Message")
    private final String message;

    /**
     * @param errorCode a short machine-readable code, such as {@code ContainerExitedWithError}
     * @param message what went wrong, for the person reading the ADF monitoring page
     */
    @JsonCreator
    public CallbackError(@JsonProperty("ErrorCode") String errorCode, @JsonProperty("Message") String message) {
        this.errorCode = Arguments.requireText(errorCode, "errorCode");
        this.message = Arguments.requireText(message, "message");
    }

    /**
     * @return the short machine-readable code
     */
    public String getErrorCode() {
        return errorCode;
    }

    /**
     * @return the message shown in ADF
     */
    public String getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallbackError that && errorCode.equals(that.errorCode) && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(errorCode, message);
    }

    @Override
    public String toString() {
        return "CallbackError{errorCode=" + errorCode + ", message=" + message + '}';
    }
}
