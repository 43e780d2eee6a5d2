package org.filtermx.application.internal.operations;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.filtermx.application.HealthCheck;
import org.filtermx.application.port.DatabaseProbe;
import org.filtermx.application.port.SmtpListenerProbe;

/**
 * Asks the health probes: a validity check on a pooled connection, a connection to the SMTP
 * listener.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultHealthCheck implements HealthCheck {

    @Inject private DatabaseProbe database;
    @Inject private SmtpListenerProbe smtp;

    @Override
    public boolean databaseUp() {
        return database.answers();
    }

    @Override
    public boolean smtpListenerUp() {
        return smtp.accepting();
    }
}
