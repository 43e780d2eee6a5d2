package org.filtermx.application.internal.accounts;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.Logger;
import org.filtermx.application.AccountService;
import org.filtermx.application.port.InstallationSettings;

/**
 * Seeds the first administrator when the application starts, once the schema is current ({@code
 * SchemaMigrator}), so that a fresh installation has a login ({@link
 * AccountService#ensureBootstrapAdmin()}; an existing admin is left alone). Outside a transaction,
 * so that the seeding commits or fails on its own: nodes started at once on an empty database race
 * to insert the administrator, and the unique user name lets one of them win.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstAdminSeeder {

    private static final Logger LOG = Logger.getLogger(FirstAdminSeeder.class.getName());

    @Inject private AccountService accounts;
    @Inject private InstallationSettings settings;

    @PostConstruct
    void seed() {
        try {
            accounts.ensureBootstrapAdmin();
        } catch (EJBException raced) {
            // Another node made the administrator first and this insert was refused: then the
            // administrator exists and the second call returns at once; any other failure repeats
            // and stands. A password this node generated and wrote is not the administrator's.
            accounts.ensureBootstrapAdmin();
            if (settings.adminPassword().isEmpty()) {
                try {
                    Files.deleteIfExists(settings.dataDirectory().resolve("admin-password"));
                } catch (IOException e) {
                    LOG.warning("could not remove the unused admin-password file: " + e);
                }
            }
            LOG.info("the administrator was created by another node");
        }
    }
}
