package io.avdroll.azure.failure;

/**
 * What an Azure error means for the caller: retry later, or count the host as failed.
 */
public enum AzureFailureKind {
    /** 429 or a throttling code: retry after the advised delay; never a host failure. */
    THROTTLED(true),
    /** 5xx, timeouts, connection faults: retry with backoff. */
    TRANSIENT(true),
    /** Another operation holds the resource (409, RetryableErrorDueToAnotherOperation): retry later. */
    CONFLICT(true),
    /** The resource is gone (404, ResourceNotFound, hostPoolDoesNotExist). */
    NOT_FOUND(false),
    /** Capacity or quota: AllocationFailed, SkuNotAvailable, quota OperationNotAllowed. */
    QUOTA_OR_ALLOCATION(false),
    /** The request cannot succeed as sent (400, 422, bad parameters). */
    INVALID_REQUEST(false),
    /** The identity is not authenticated or not authorised (401, 403). */
    AUTH(false);

    private final boolean retryable;

    AzureFailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when the same request may succeed later without anyone changing anything. */
    public boolean retryable() {
        return retryable;
    }
}
