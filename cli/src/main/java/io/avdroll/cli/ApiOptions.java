package io.avdroll.cli;

import picocli.CommandLine.Option;

/** Where the API is, the token, and the output format: shared by every command. */
final class ApiOptions {

    enum Output { text, json }

    @Option(names = "--api-url", defaultValue = "${env:AVDROLL_API_URL:-http://localhost:8081}",
            description = "scheduler-service base URL (env AVDROLL_API_URL; default ${DEFAULT-VALUE})")
    String apiUrl;

    @Option(names = "--token", defaultValue = "${env:AVDROLL_TOKEN}",
            description = "bearer token: the local token for the emulator, or an Entra ID access token "
                    + "(env AVDROLL_TOKEN; e.g. $(az account get-access-token --resource <api app id URI> --query accessToken -o tsv))")
    String token;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    Output output;

    ApiClient client() {
        return new ApiClient(apiUrl, token);
    }

    boolean json() {
        return output == Output.json;
    }
}
