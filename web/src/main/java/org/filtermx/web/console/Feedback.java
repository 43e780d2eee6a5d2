package org.filtermx.web.console;

import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.application.Conflict;
import org.filtermx.application.Forbidden;
import org.filtermx.application.InvalidRequest;
import org.filtermx.application.NotFound;
import org.filtermx.application.TemporaryFailure;
import org.filtermx.application.TooManyAttempts;

/**
 * Runs one service call for a console action and turns what it refused into form messages, in the
 * services' own words; anything unexpected is logged and shown as a generic failure.
 */
public final class Feedback {

    private static final Logger LOG = Logger.getLogger(Feedback.class.getName());

    private Feedback() {}

    /** Runs {@code call}; true when it succeeded, false when a message now says why not. */
    public static boolean attempt(Runnable call) {
        return attempt(
                        () -> {
                            call.run();
                            return Boolean.TRUE;
                        })
                != null;
    }

    /** Runs {@code call} and returns its result, or null when a message now says why not. */
    public static <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidRequest | NotFound | Conflict | Forbidden | TooManyAttempts e) {
            error(e.getMessage());
        } catch (TemporaryFailure e) {
            error(
                    "The service is briefly unavailable ("
                            + e.getMessage()
                            + "). Try again in a minute.");
        } catch (ConstraintViolationException e) {
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                error(v.getPropertyPath() + ": " + v.getMessage());
            }
        } catch (EJBException e) {
            if (e.getCause() instanceof ConstraintViolationException v) {
                return attempt(
                        () -> {
                            throw v;
                        });
            }
            LOG.log(Level.WARNING, "console action failed", e);
            error("The action failed on the server. Nothing may have changed; try again.");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "console action failed", e);
            error("The action failed on the server. Nothing may have changed; try again.");
        }
        return null;
    }

    public static void error(String text) {
        FacesContext.getCurrentInstance()
                .addMessage(
                        null,
                        new FacesMessage(FacesMessage.SEVERITY_ERROR, capitalized(text), null));
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance()
                .addMessage(
                        null,
                        new FacesMessage(FacesMessage.SEVERITY_INFO, capitalized(text), null));
    }

    private static String capitalized(String text) {
        if (text == null || text.isEmpty()) {
            return "The request was refused.";
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
