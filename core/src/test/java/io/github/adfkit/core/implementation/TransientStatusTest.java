package io.github.adfkit.core.implementation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransientStatusTest {
    @Test
    void noAnswerTimeoutsThrottlingAndServerErrorsAreWorthAnotherAttemptAndOther4xxRefuseForGood() {
        for (int status : new int[] {-1, 0, 408, 429, 500, 502, 503, 504}) {
            assertThat(TransientStatus.isTransient(status)).as("%d", status).isTrue();
            assertThat(TransientStatus.isRefusal(status)).as("%d", status).isFalse();
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 410, 412, 415, 422}) {
            assertThat(TransientStatus.isTransient(status)).as("%d", status).isFalse();
            assertThat(TransientStatus.isRefusal(status)).as("%d", status).isTrue();
        }
        assertThat(TransientStatus.isRefusal(202)).isFalse();
        assertThat(TransientStatus.isTransient(202)).isFalse();
    }
}
