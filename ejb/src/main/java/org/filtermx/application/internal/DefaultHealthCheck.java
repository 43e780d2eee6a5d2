package org.filtermx.application.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.filtermx.application.HealthCheck;

/** Checks the database with a validity probe on a pooled connection. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultHealthCheck implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/FilterMXDS")
    private DataSource dataSource;

    @Override
    public boolean databaseUp() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
