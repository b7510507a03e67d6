package io.avdroll.azure.failure;

import java.util.Locale;
import java.util.Set;

/**
 * Pure classification of an Azure error: Azure's error code wins over the HTTP status, because a long-running
 * operation that fails (e.g. {@code AllocationFailed}) is reported on a poll response whose status is 200.
 */
public final class AzureFailureClassifier {

    private static final Set<String> THROTTLING_CODES = lower(
        "TooManyRequests", "Throttled", "SubscriptionRequestsThrottled", "ResourceCollectionRequestsThrottled",
        "ResourceRequestsThrottled", "RequestThrottled");
    private static final Set<String> CONFLICT_CODES = lower(
        "RetryableErrorDueToAnotherOperation", "AnotherOperationInProgress", "OperationPreempted", "Conflict",
        "ConflictingUserInput", "PropertyChangeNotAllowed");
    private static final Set<String> NOT_FOUND_CODES = lower(
        "ResourceNotFound", "NotFound", "ResourceGroupNotFound", "ParentResourceNotFound", "hostPoolDoesNotExist",
        "SessionHostDoesNotExist", "UserSessionDoesNotExist", "GalleryImageNotFound", "NotFoundException");
    private static final Set<String> CAPACITY_CODES = lower(
        "AllocationFailed", "ZonalAllocationFailed", "OverconstrainedAllocationRequest",
        "OverconstrainedZonalAllocationRequest", "SkuNotAvailable", "QuotaExceeded",
        "ResourceQuotaExceeded", "OperationNotAllowedQuota");
    private static final Set<String> AUTH_CODES = lower(
        "AuthenticationFailed", "AuthorizationFailed", "InvalidAuthenticationToken", "ExpiredAuthenticationToken",
        "InvalidAuthenticationTokenTenant", "LinkedAuthorizationFailed", "Unauthorized", "Forbidden");
    private static final Set<String> TRANSIENT_CODES = lower(
        "InternalServerError", "InternalExecutionError", "ServiceUnavailable", "GatewayTimeout", "RequestTimeout",
        "OperationTimedOut", "InternalOperationError", "BadGateway");

    private AzureFailureClassifier() {
    }

    /**
     * @param httpStatus the response status, 0 when no response arrived (connection fault, timeout)
     * @param code Azure's {@code error.code}, may be null
     * @param message Azure's {@code error.message}, may be null (used only to tell quota from other refusals)
     */
    public static AzureFailureKind classify(int httpStatus, String code, String message) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        if (!c.isEmpty()) {
            if (THROTTLING_CODES.contains(c)) {
                return AzureFailureKind.THROTTLED;
            }
            if (CAPACITY_CODES.contains(c)) {
                return AzureFailureKind.QUOTA_OR_ALLOCATION;
            }
            if (c.equals("operationnotallowed")) {
                return mentionsQuota(message) ? AzureFailureKind.QUOTA_OR_ALLOCATION
                    : httpStatus == 409 ? AzureFailureKind.CONFLICT : AzureFailureKind.INVALID_REQUEST;
            }
            if (CONFLICT_CODES.contains(c)) {
                return AzureFailureKind.CONFLICT;
            }
            if (NOT_FOUND_CODES.contains(c)) {
                return AzureFailureKind.NOT_FOUND;
            }
            if (AUTH_CODES.contains(c)) {
                return AzureFailureKind.AUTH;
            }
            if (TRANSIENT_CODES.contains(c)) {
                return AzureFailureKind.TRANSIENT;
            }
        }
        return byStatus(httpStatus);
    }

    private static AzureFailureKind byStatus(int status) {
        if (status == 429) {
            return AzureFailureKind.THROTTLED;
        }
        if (status == 409) {
            return AzureFailureKind.CONFLICT;
        }
        if (status == 404 || status == 410) {
            return AzureFailureKind.NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return AzureFailureKind.AUTH;
        }
        if (status <= 0 || status == 408 || status >= 500) {
            return AzureFailureKind.TRANSIENT;
        }
        if (status >= 400) {
            return AzureFailureKind.INVALID_REQUEST;
        }
        // a 2xx/3xx carrying an error is a long-running operation that failed with a code not listed above:
        // sending the same request again is not expected to help, so the caller should not loop on it
        return AzureFailureKind.INVALID_REQUEST;
    }

    private static boolean mentionsQuota(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("quota");
    }

    private static Set<String> lower(String... codes) {
        return java.util.Arrays.stream(codes).map(s -> s.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
