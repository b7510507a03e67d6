package io.avdroll.emulator.fault;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Set;

/**
 * One injected fault, as JSON in the seed file's {@code faults} array or POSTed to {@code /_emulator/faults}.
 * <ul>
 *   <li>{@code throttle}: 429 + Retry-After ({@code retryAfterSeconds}) for matching requests</li>
 *   <li>{@code serverError}: {@code status} (default 503) with {@code code} for matching requests</li>
 *   <li>{@code vmCreateFailure}: a VM create whose name matches {@code vmNamePattern} ends Failed with
 *       {@code code} ({@code AllocationFailed} default, or {@code SkuNotAvailable}, ...)</li>
 *   <li>{@code operationFailure}: a long-running {@code operation} ends Failed with {@code code}</li>
 *   <li>{@code slowOperation}: long-running {@code operation} takes {@code factor} times longer</li>
 *   <li>{@code hostNeverRegisters} / {@code hostNeverAvailable}: for VMs matching {@code vmNamePattern}</li>
 *   <li>{@code usersNeverLogOff}: sessions on pool {@code hostPool} (all pools if absent) never end on their own</li>
 * </ul>
 * {@code operation} is an ARM operation name, {@code *} wildcards allowed
 * (e.g. {@code Microsoft.Compute/virtualMachines/*}); absent means every operation.
 * {@code count} limits how many times the rule fires; {@code durationSeconds} (wall clock) how long it lives.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class FaultRule {
    public static final Set<String> KINDS = Set.of("throttle", "serverError", "vmCreateFailure", "operationFailure",
            "slowOperation", "hostNeverRegisters", "hostNeverAvailable", "usersNeverLogOff");

    public String id;
    public String kind;
    public String operation;
    public Integer count;
    public Double durationSeconds;
    public Integer retryAfterSeconds;
    public Integer status;
    public String code;
    public String message;
    public String vmNamePattern;
    public String hostPool;
    public Double factor;
    /** Set when the rule is added, from {@link #durationSeconds}. */
    public Instant expiresAt;
    /** How many times the rule has fired. */
    public int fired;

    /** Throws IllegalArgumentException naming the field at fault. */
    public void validate() {
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException("fault field 'kind' must be one of " + KINDS + ", was " + kind);
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("fault field 'count' must be >= 1, was " + count);
        }
        if (durationSeconds != null && !(durationSeconds > 0)) {
            throw new IllegalArgumentException("fault field 'durationSeconds' must be > 0, was " + durationSeconds);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("fault field 'retryAfterSeconds' must be >= 0, was " + retryAfterSeconds);
        }
        if (status != null && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("fault field 'status' must be a 5xx code, was " + status);
        }
        if (kind.equals("operationFailure") && operation == null) {
            throw new IllegalArgumentException("fault field 'operation' is required for kind operationFailure");
        }
        if (kind.equals("slowOperation") && (factor == null || !(factor > 0))) {
            throw new IllegalArgumentException("fault field 'factor' must be > 0 for kind slowOperation, was " + factor);
        }
        if (vmNamePattern != null) {
            try {
                java.util.regex.Pattern.compile(vmNamePattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("fault field 'vmNamePattern' is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    boolean matchesOperation(String op) {
        if (operation == null) {
            return true;
        }
        String regex = ("\\Q" + operation + "\\E").replace("*", "\\E.*\\Q");
        return java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE).matcher(op).matches();
    }

    boolean matchesVm(String vmName) {
        return vmNamePattern == null || vmName.matches("(?i)" + vmNamePattern);
    }

    boolean live(Instant now) {
        return (count == null || fired < count) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
