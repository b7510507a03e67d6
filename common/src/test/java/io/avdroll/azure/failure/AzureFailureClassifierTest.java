package io.avdroll.azure.failure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AzureFailureClassifierTest {

    @ParameterizedTest(name = "HTTP {0} code ''{1}'' -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        429 | -                                   | -                                                         | THROTTLED
        429 | TooManyRequests                     | -                                                         | THROTTLED
        200 | SubscriptionRequestsThrottled       | -                                                         | THROTTLED
        409 | RetryableErrorDueToAnotherOperation | Operation 'PUT' is not allowed, another operation runs    | CONFLICT
        200 | RetryableErrorDueToAnotherOperation | -                                                         | CONFLICT
        409 | -                                   | -                                                         | CONFLICT
        409 | OperationNotAllowed                 | The VM is being deleted                                   | CONFLICT
        404 | -                                   | -                                                         | NOT_FOUND
        404 | ResourceNotFound                    | The Resource was not found                                | NOT_FOUND
        400 | hostPoolDoesNotExist                | Host Pool Does Not Exist                                  | NOT_FOUND
        200 | AllocationFailed                    | Allocation failed. We do not have sufficient capacity    | QUOTA_OR_ALLOCATION
        409 | ZonalAllocationFailed               | -                                                         | QUOTA_OR_ALLOCATION
        409 | SkuNotAvailable                     | The requested size is not available in location           | QUOTA_OR_ALLOCATION
        409 | OperationNotAllowed                 | Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota | QUOTA_OR_ALLOCATION
        400 | OperationNotAllowed                 | Hibernate is not supported for this VM                    | INVALID_REQUEST
        400 | InvalidParameter                    | The value of parameter imageReference is invalid          | INVALID_REQUEST
        422 | -                                   | -                                                         | INVALID_REQUEST
        200 | VMExtensionProvisioningError        | DSC extension failed                                      | INVALID_REQUEST
        401 | -                                   | -                                                         | AUTH
        403 | AuthorizationFailed                 | The client does not have authorization                    | AUTH
        400 | InvalidAuthenticationToken          | -                                                         | AUTH
        500 | -                                   | -                                                         | TRANSIENT
        503 | ServiceUnavailable                  | -                                                         | TRANSIENT
        200 | InternalExecutionError              | An internal execution error occurred                      | TRANSIENT
        408 | -                                   | -                                                         | TRANSIENT
        0   | -                                   | -                                                         | TRANSIENT
        """)
    void azureErrorsAreClassifiedByCodeFirstThenStatus(int status, String code, String message, AzureFailureKind expected) {
        assertThat(AzureFailureClassifier.classify(status, code, message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"allocationfailed", "ALLOCATIONFAILED", "' AllocationFailed '"})
    void codesAreMatchedWithoutRegardToCaseOrSpaces(String code) {
        assertThat(AzureFailureClassifier.classify(200, code, null)).isEqualTo(AzureFailureKind.QUOTA_OR_ALLOCATION);
    }
}
