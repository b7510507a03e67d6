package io.avdroll.api;

import io.avdroll.coordinator.Coordinator;

/**
 * Turns the coordinator's outcome of a request the API sent into the API's answer. The coordinator sums up each
 * message it handles as {@code "dead-lettered <reason>: <field>: <why>"}, {@code "refused ..."} or what it did.
 */
final class CoordinatorAnswers {

    private static final String DEAD_LETTERED = "dead-lettered ";

    private CoordinatorAnswers() {
    }

    /** @throws ApiProblem when the outcome is a refusal or a dead-lettered request */
    static void raiseIfRefused(String outcome) {
        if (outcome.startsWith("refused ")) {
            throw ApiProblem.conflict(outcome);
        }
        if (!outcome.startsWith(DEAD_LETTERED)) {
            return;
        }
        String rest = outcome.substring(DEAD_LETTERED.length());
        int colon = rest.indexOf(": ");
        String reason = colon < 0 ? rest : rest.substring(0, colon);
        String description = colon < 0 ? rest : rest.substring(colon + 2);
        int fieldEnd = description.indexOf(": ");
        String field = fieldEnd < 0 ? null : description.substring(0, fieldEnd);
        String why = fieldEnd < 0 ? description : description.substring(fieldEnd + 2);
        if (reason.equals(Coordinator.UNKNOWN_HOST_POOL)) {
            throw ApiProblem.notFound(field, description);
        }
        throw ApiProblem.badRequest(field == null ? "$" : field, why);
    }
}
