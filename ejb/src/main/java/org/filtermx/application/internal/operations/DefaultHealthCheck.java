package org.filtermx.application.internal.operations;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.filtermx.application.HealthCheck;
import org.filtermx.application.internal.filtering.EngineStates;
import org.filtermx.application.port.DatabaseProbe;
import org.filtermx.application.port.ScannerSet;
import org.filtermx.application.port.SmtpListenerProbe;
import org.filtermx.application.port.SpoolStorageProbe;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.health.NodeHealth;

/**
 * Asks the health probes: a validity check on a pooled connection, the SMTP listener's bound state
 * as the resource adapter publishes it, the directories' free space, and what the filter pipeline
 * last saw of each engine.
 */
@Stateless
@Local({HealthCheck.class, NodeHealth.class})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultHealthCheck implements HealthCheck {

    @Inject private DatabaseProbe database;
    @Inject private SmtpListenerProbe smtp;
    @Inject private SpoolStorageProbe storage;
    @Inject private ScannerSet scanners;
    @Inject private EngineStates engineStates;

    @Override
    public boolean databaseUp() {
        return database.answers();
    }

    @Override
    public boolean smtpListenerUp() {
        return smtp.accepting();
    }

    @Override
    public Optional<String> storageProblem() {
        return storage.problem();
    }

    @Override
    public List<String> engines() {
        return scanners.scanners().stream().map(Scanner::name).toList();
    }

    @Override
    public Map<String, String> enginesDown() {
        Map<String, String> down = new LinkedHashMap<>();
        engineStates.failing().forEach((name, failure) -> down.put(name, failure.why()));
        return down;
    }
}
