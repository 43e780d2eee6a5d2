package org.filtermx.infrastructure.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.filtermx.infrastructure.config.GatewaySettings;

/**
 * This node's {@link SecretCipher}, over the key file {@code FILTERMX_SECRETS_KEY_FILE} (default
 * {@code FILTERMX_DATA/secrets.key}). The file is read once, when first needed; {@link
 * org.filtermx.infrastructure.persistence.SecretsMigration} creates it at start where it may.
 */
@ApplicationScoped
public class SecretsAtRest {

    private final SecureRandom random = new SecureRandom();
    private volatile SecretCipher cipher;
    private volatile KeyRing ring;

    @Inject private GatewaySettings settings;

    public KeyFile keyFile() {
        String configured = settings.secretsKeyFile();
        return new KeyFile(
                configured.isEmpty()
                        ? settings.dataDirectory().resolve("secrets.key")
                        : Path.of(configured).toAbsolutePath().normalize());
    }

    /** Uses {@code ring} from now on (after the start-up check read or created the file). */
    public synchronized void use(KeyRing ring) {
        this.ring = ring;
        this.cipher = new SecretCipher(ring, random);
    }

    public KeyRing ring() {
        cipher();
        return ring;
    }

    public SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                if (cipher == null) {
                    KeyFile file = keyFile();
                    use(
                            file.read()
                                    .orElseThrow(
                                            () ->
                                                    new SecretUnavailable(
                                                            "the secrets key file "
                                                                    + file.path()
                                                                    + " is missing")));
                }
                c = cipher;
            }
        }
        return c;
    }

    public String seal(String plain, String context) {
        return cipher().seal(plain, context);
    }

    /** Opens a sealed value; a value stored before encryption was introduced is returned as is. */
    public String open(String stored, String context) {
        return SecretCipher.isSealed(stored) ? cipher().openText(stored, context) : stored;
    }
}
