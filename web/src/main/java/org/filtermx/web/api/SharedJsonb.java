package org.filtermx.web.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every body the API reads or writes. Without a resolver RESTEasy builds a
 * new {@link Jsonb} for each body: a service-loader lookup and Yasson's scan of the body's classes
 * on every call, a fifth of the request threads' time in a profile of one-message training calls.
 * {@link Jsonb} instances are thread-safe (its Javadoc), and the API uses the default configuration
 * RESTEasy would have built, so the bodies are the same. Code that reads a body itself ({@code
 * TokenResource}) uses {@link #JSON} too.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    static final Jsonb JSON = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSON;
    }
}
