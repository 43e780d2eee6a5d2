package org.filtermx.infrastructure.filter.external;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where clamd listens and how the client talks to it, with the limits of Debian's clamd.conf so a
 * stream the daemon would refuse is never sent.
 *
 * @param address clamd's {@code TCPSocket}/{@code TCPAddr}
 * @param connectTimeout bound on the TCP connect
 * @param budget bound on the whole scan, from connect to verdict
 * @param chunkSize bytes per {@code INSTREAM} chunk
 * @param streamMaxLength clamd's {@code StreamMaxLength}: larger messages are not sent
 */
public record ClamdSettings(
        InetSocketAddress address,
        Duration connectTimeout,
        Duration budget,
        int chunkSize,
        long streamMaxLength) {

    public static final int DEFAULT_PORT = 3310;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    /** clamd's own default {@code StreamMaxLength} (25M). */
    public static final long DEFAULT_STREAM_MAX_LENGTH = 25L * 1024 * 1024;

    public ClamdSettings {
        Objects.requireNonNull(address, "address");
        Timeouts.requirePositive(connectTimeout, "connectTimeout");
        Timeouts.requirePositive(budget, "budget");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        if (streamMaxLength < 1) {
            throw new IllegalArgumentException(
                    "streamMaxLength must be positive: " + streamMaxLength);
        }
    }

    /** The defaults for clamd at {@code host:port} ({@code 127.0.0.1:3310}). */
    public static ClamdSettings at(String hostAndPort) {
        return new ClamdSettings(
                EngineAddress.parse(hostAndPort, DEFAULT_PORT),
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_BUDGET,
                DEFAULT_CHUNK_SIZE,
                DEFAULT_STREAM_MAX_LENGTH);
    }

    public ClamdSettings withTimeouts(Duration connect, Duration scanBudget) {
        return new ClamdSettings(address, connect, scanBudget, chunkSize, streamMaxLength);
    }

    public ClamdSettings withStreamLimits(int chunk, long maxLength) {
        return new ClamdSettings(address, connectTimeout, budget, chunk, maxLength);
    }
}
