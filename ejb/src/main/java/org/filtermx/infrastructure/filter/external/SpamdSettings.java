package org.filtermx.infrastructure.filter.external;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where spamd listens and how the client talks to it, with spamc's size limit so SpamAssassin is
 * not asked to spend its budget on a message it would take minutes over.
 *
 * @param address spamd's {@code --listen} address
 * @param user sent as {@code User} for spamd's per-user preferences; empty to send none
 * @param connectTimeout bound on the TCP connect
 * @param budget bound on the whole check, from connect to verdict
 * @param maxMessageSize larger messages are not sent (spamc's {@code --max-size})
 */
public record SpamdSettings(
        InetSocketAddress address,
        String user,
        Duration connectTimeout,
        Duration budget,
        int maxMessageSize) {

    public static final int DEFAULT_PORT = 783;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(15);

    /** spamc's default {@code --max-size} (500 KiB). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 500 * 1024;

    public SpamdSettings {
        Objects.requireNonNull(address, "address");
        user = user == null ? "" : user.strip();
        if (!user.matches("[\\x21-\\x7e]*")) {
            throw new IllegalArgumentException(
                    "user must be printable ASCII without spaces: " + user);
        }
        Timeouts.requirePositive(connectTimeout, "connectTimeout");
        Timeouts.requirePositive(budget, "budget");
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException(
                    "maxMessageSize must be positive: " + maxMessageSize);
        }
    }

    /** The defaults for spamd at {@code host:port} ({@code 127.0.0.1:783}), without a user. */
    public static SpamdSettings at(String hostAndPort) {
        return new SpamdSettings(
                EngineAddress.parse(hostAndPort, DEFAULT_PORT),
                "",
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_BUDGET,
                DEFAULT_MAX_MESSAGE_SIZE);
    }

    public SpamdSettings withUser(String spamdUser) {
        return new SpamdSettings(address, spamdUser, connectTimeout, budget, maxMessageSize);
    }

    public SpamdSettings withTimeouts(Duration connect, Duration checkBudget) {
        return new SpamdSettings(address, user, connect, checkBudget, maxMessageSize);
    }

    public SpamdSettings withMaxMessageSize(int bytes) {
        return new SpamdSettings(address, user, connectTimeout, budget, bytes);
    }
}
