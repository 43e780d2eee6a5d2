package org.filtermx.web.console.posture;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.filtermx.application.Posture;
import org.filtermx.application.PostureService;
import org.filtermx.web.console.ConsoleUser;
import org.filtermx.web.console.Feedback;

/**
 * {@code posture.xhtml?name=}: a domain's authentication posture (score, next step, DMARC record,
 * the sources in the last 30 days of DMARC reports, the hosted MTA-STS policy and the records to
 * publish); a domain login sees its own domain without naming it. The service checks tenancy.
 */
@Named
@ViewScoped
public class PostureView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject private transient PostureService service;
    @Inject private transient ConsoleUser user;

    private String name;
    private Posture posture;
    private String mode = "testing";

    /** Reads the posture (a GET changes nothing). */
    public void load() {
        if ((name == null || name.isBlank()) && user.isDomain()) {
            name = user.getName();
        }
        if (name == null || name.isBlank()) {
            return;
        }
        posture = Feedback.attempt(() -> service.posture(user.caller(), name));
        if (posture != null && posture.mtaSts().mode() != null) {
            mode = posture.mtaSts().mode();
        }
    }

    public void saveMode() {
        Posture changed = Feedback.attempt(() -> service.setMtaStsMode(user.caller(), name, mode));
        if (changed != null) {
            posture = changed;
            Feedback.info(
                    "MTA-STS policy of "
                            + name
                            + " is now "
                            + mode
                            + ". Publish the _mta-sts record with the new id.");
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Posture getPosture() {
        return posture;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
