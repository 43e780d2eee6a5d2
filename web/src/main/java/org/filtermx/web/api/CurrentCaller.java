package org.filtermx.web.api;

import jakarta.enterprise.context.RequestScoped;
import org.filtermx.application.Caller;

/** The authenticated caller of the current request, set by {@link BasicAuthentication}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        return caller;
    }
}
