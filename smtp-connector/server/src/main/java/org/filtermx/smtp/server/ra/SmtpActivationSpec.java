package org.filtermx.smtp.server.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.Locale;
import org.filtermx.smtp.api.Role;

/**
 * Activation of one message endpoint: which listener (by {@link Role}) it serves. A message-driven
 * bean sets it with {@code @ActivationConfigProperty(propertyName = "role", propertyValue =
 * "INBOUND")}.
 */
public class SmtpActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private String role;
    private transient ResourceAdapter resourceAdapter;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    /** The role as an enum value; call after {@link #validate()}. */
    public Role role() {
        return Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public void validate() throws InvalidPropertyException {
        try {
            if (role == null) {
                throw new IllegalArgumentException("missing");
            }
            if (role() == Role.REHEARSAL) {
                // The warm-up's listener belongs to the INBOUND activation (ADR 0048).
                throw new IllegalArgumentException("not an endpoint's role");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(
                    "activation property role must be INBOUND or SUBMISSION, not " + role);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public String toString() {
        return "SmtpActivationSpec[role=" + role + "]";
    }
}
