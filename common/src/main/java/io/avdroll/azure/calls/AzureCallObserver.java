package io.avdroll.azure.calls;

import java.time.Duration;

/**
 * Told of every HTTP attempt the ARM pipeline makes, retries included, so throttling shows even when the retry
 * policy hides it from the caller. Must not throw or block.
 */
@FunctionalInterface
public interface AzureCallObserver {

    AzureCallObserver NONE = (operation, status, elapsed) -> { };

    /**
     * @param operation the call without ids, e.g. {@code PUT Microsoft.Compute/virtualMachines} (see {@link AzureOperations})
     * @param status    the HTTP status, or {@code 0} when no response came (connection or timeout failure)
     * @param elapsed   time to the response headers
     */
    void called(String operation, int status, Duration elapsed);

    static boolean throttled(int status) {
        return status == 429;
    }
}
