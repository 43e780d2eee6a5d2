package org.filtermx.application.internal.quarantine;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.logging.Logger;
import org.filtermx.application.Caller;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.ReleaseKeyService;
import org.filtermx.domain.model.quarantine.ReleaseKeyRepository;

/** Adds the next release-link key and retires (or revokes) the earlier ones, in one transaction. */
@Stateless
public class DefaultReleaseKeyService implements ReleaseKeyService {

    private static final Logger LOG = Logger.getLogger(DefaultReleaseKeyService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject private ReleaseKeyRepository keys;
    @Inject private ReleaseLinkKeys cache;

    @Override
    public Rotation rotate(Caller caller, boolean revokePrevious) {
        if (caller == null || !caller.admin()) {
            throw new Forbidden("only administrators rotate the release link key");
        }
        int previous = keys.currentId();
        int next = previous + 1;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        int before = keys.findAll().size();
        try {
            keys.add(next, secret, Instant.now());
        } catch (PersistenceException raced) {
            throw new Conflict(
                    "another rotation of the release link key ran at the same moment; try again");
        }
        int revoked = 0;
        if (revokePrevious) {
            revoked = keys.deleteBelow(next);
        } else {
            keys.retireBelow(next, Instant.now());
        }
        cache.invalidate();
        int kept = before - revoked;
        LOG.info(
                () ->
                        "release link key "
                                + next
                                + " made by "
                                + caller.username()
                                + (caller.remoteAddress() == null
                                        ? ""
                                        : " from " + caller.remoteAddress())
                                + (revokePrevious
                                        ? "; earlier links revoked"
                                        : "; earlier links stay valid until they expire"));
        return new Rotation(next, kept, revokePrevious ? before : 0);
    }
}
