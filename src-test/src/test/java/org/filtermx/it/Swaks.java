package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code swaks} SMTP test client against the gateway and keeps its transcript. */
final class Swaks {

    /** Exit code and full transcript of one swaks run. */
    record Result(int exitCode, String transcript) {
        /** Whether the end of data got the 250 (swaks marks replies read over TLS with ~). */
        void assertAccepted() {
            assertThat(transcript)
                    .as("swaks transcript")
                    .containsPattern("(?m)^<[-~]  250 2\\.0\\.0 Ok: queued as");
        }
    }

    private Swaks() {}

    static Result send(String from, String to, String... extra)
            throws IOException, InterruptedException {
        return sendTo(Gateway.SMTP_PORT, from, to, extra);
    }

    /**
     * Runs swaks against another of the gateway's ports, e.g. {@link Gateway#SUBMISSION_PORT} with
     * {@code --tls --auth PLAIN --auth-user u --auth-password p}, or {@link
     * Gateway#SUBMISSIONS_PORT} with {@code --tls-on-connect}.
     */
    static Result sendTo(int port, String from, String to, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "swaks",
                                "--server",
                                Gateway.HOST + ":" + port,
                                "--from",
                                from,
                                "--to",
                                to,
                                "--helo",
                                "client.example",
                                "--timeout",
                                "60"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("swaks did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
