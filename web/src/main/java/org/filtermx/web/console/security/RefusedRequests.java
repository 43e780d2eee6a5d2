package org.filtermx.web.console.security;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A Faces POST whose view state this session never issued (a cross-site forgery, or a form left
 * open past the session) changes nothing and is answered 403 with a page that says why. The login
 * form is the exception: its view state is gone when the session ended or when the node that made
 * it stopped (sessions are per node, ADR 0056), and the answer is a fresh login page that says so.
 */
public class RefusedRequests extends ExceptionHandlerWrapper {

    static final String PAGE =
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Request refused</title></head><body><h1>Request refused</h1>"
                    + "<p>This form was not sent from a page of your current console session, or the session has"
                    + " ended. Nothing was changed.</p><p><a href=\"/console/index.xhtml\">Open the console again</a></p>"
                    + "</body></html>";

    static final String LOGIN_PAGE = "/login.xhtml";

    public RefusedRequests(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
            Throwable t = events.next().getContext().getException();
            if (isViewExpired(t)) {
                events.remove();
                refuse(FacesContext.getCurrentInstance());
            }
        }
        getWrapped().handle();
    }

    private static boolean isViewExpired(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(FacesContext faces) {
        if (faces.getResponseComplete()) {
            return;
        }
        HttpServletResponse response =
                (HttpServletResponse) faces.getExternalContext().getResponse();
        try {
            if (LOGIN_PAGE.equals(
                    ((HttpServletRequest) faces.getExternalContext().getRequest())
                            .getServletPath())) {
                // The login form of a session that ended, or of a node that stopped (the session
                // lived there): nothing to refuse, the user only needs a fresh form.
                faces.getExternalContext()
                        .redirect(
                                faces.getExternalContext().getRequestContextPath()
                                        + LOGIN_PAGE
                                        + "?expired=1");
            } else if (faces.getPartialViewContext().isAjaxRequest()) {
                // An Ajax request gets a redirect the Faces client follows, to a fresh page.
                faces.getExternalContext()
                        .redirect(
                                faces.getExternalContext().getRequestContextPath()
                                        + "/console/index.xhtml");
            } else if (!response.isCommitted()) {
                response.reset();
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("text/html;charset=UTF-8");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader(
                        "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
                response.getWriter().write(PAGE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /** Installs the handler (faces-config.xml). */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new RefusedRequests(getWrapped().getExceptionHandler());
        }
    }
}
