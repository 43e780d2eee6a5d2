package org.filtermx.infrastructure.dkim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.filtermx.application.port.DkimSigner;
import org.filtermx.domain.model.dkim.DkimAlgorithm;
import org.filtermx.domain.model.dkim.DkimKeyRepository;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Signs outgoing mail with the sending domain's active key from {@link DkimKeyRepository}; a domain
 * without one sends unsigned. Reads at most {@code maxBytes} of message, so the work per message is
 * bounded by the message size limit.
 */
public final class DkimMessageSigner implements DkimSigner {

    private final DkimKeyRepository keys;
    private final Clock clock;
    private final long maxBytes;

    public DkimMessageSigner(DkimKeyRepository keys, Clock clock, long maxBytes) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<String> sign(String domain, Path message) throws IOException {
        String name = LowerCase.of(domain.strip());
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Optional<DkimKeyRepository.SigningKey> key = keys.signingKey(name);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        long size = Files.size(message);
        if (size > maxBytes) {
            throw new IOException(
                    "a message of " + size + " bytes is over the signing bound of " + maxBytes);
        }
        DkimAlgorithm algorithm = key.get().key().algorithm();
        return DkimSignatures.sign(
                Files.readAllBytes(message),
                name,
                key.get().key().selector(),
                algorithm,
                DkimKeyPairs.privateKey(algorithm, key.get().privateKey()),
                clock.instant().getEpochSecond());
    }
}
