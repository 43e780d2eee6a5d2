package org.filtermx.application.internal.accounts;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.filtermx.application.AccountService;

/**
 * Seeds the first administrator when the application starts, once the schema is current ({@code
 * SchemaMigrator}), so that a fresh installation has a login ({@link
 * AccountService#ensureBootstrapAdmin()}; an existing admin is left alone).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class FirstAdminSeeder {

    @Inject private AccountService accounts;

    @PostConstruct
    void seed() {
        accounts.ensureBootstrapAdmin();
    }
}
