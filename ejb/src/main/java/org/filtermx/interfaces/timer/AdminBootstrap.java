package org.filtermx.interfaces.timer;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.filtermx.application.AccountService;

/** At start, after the schema is current, makes sure an administrator can log in. */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class AdminBootstrap {

    @Inject private AccountService accounts;

    @PostConstruct
    void bootstrap() {
        accounts.ensureBootstrapAdmin();
    }
}
