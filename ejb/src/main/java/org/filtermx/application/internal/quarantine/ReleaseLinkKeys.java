package org.filtermx.application.internal.quarantine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.internal.operations.AfterCommit;
import org.filtermx.application.internal.operations.RevisionSnapshot;
import org.filtermx.domain.model.quarantine.ReleaseKeyRepository;
import org.filtermx.domain.model.quarantine.ReleaseKeyRepository.ReleaseKey;

/**
 * This node's copy of the release-link keys, reloaded when the highest key id moves ({@link
 * RevisionSnapshot}): a rotation on any node reaches every node within seconds, without a restart.
 */
@ApplicationScoped
class ReleaseLinkKeys {

    /** The keys as of one revision: tokens signed with the current one, verified with any. */
    record Keys(ReleaseTokens tokens, Map<Integer, ReleaseKey> byId) {

        /** Whether key {@code keyId} may vouch for held message {@code quarantineId}. */
        boolean vouches(int keyId, long quarantineId) {
            return Optional.ofNullable(byId.get(keyId))
                    .filter(k -> k.covers(quarantineId))
                    .isPresent();
        }
    }

    private final RevisionSnapshot<Keys> snapshot = new RevisionSnapshot<>("release link keys");

    @Inject private AfterCommit afterCommit;
    @Inject private ReleaseKeyRepository repository;

    Keys current() {
        return snapshot.get(repository::currentId, revision -> load());
    }

    void invalidate() {
        snapshot.invalidate();
        afterCommit.whenCommitted(snapshot::invalidate);
    }

    private Keys load() {
        Map<Integer, ReleaseKey> byId = new HashMap<>();
        Map<Integer, byte[]> secrets = new HashMap<>();
        int current = 0;
        for (ReleaseKey key : repository.findAll()) {
            byId.put(key.id(), key);
            secrets.put(key.id(), key.secret());
            current = Math.max(current, key.id());
        }
        if (current == 0) {
            throw new IllegalStateException(
                    "no release link key: the start-up migration makes the first");
        }
        return new Keys(new ReleaseTokens(current, secrets), Map.copyOf(byId));
    }
}
