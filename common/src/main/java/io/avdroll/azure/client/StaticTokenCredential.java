package io.avdroll.azure.client;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A fixed bearer token for the local ARM emulator, which accepts any token. Never used against Azure. */
public final class StaticTokenCredential implements TokenCredential {

    private final String token;

    public StaticTokenCredential(String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromSupplier(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        return new AccessToken(token, OffsetDateTime.now().plusHours(1));
    }

    @Override
    public String toString() {
        return "StaticTokenCredential[token hidden]";
    }
}
