package org.filtermx.imap.server.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;

/**
 * Activation of the IMAP endpoint (a message-driven bean with {@code messageListenerInterface =
 * ImapListener.class}). It has no properties: the ports and limits are the resource adapter's, and
 * one endpoint serves both IMAP listeners (STARTTLS and implicit TLS).
 */
public class ImapActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;

    @Override
    public void validate() {
        // nothing to check
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
        return "ImapActivationSpec";
    }
}
