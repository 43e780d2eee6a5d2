package org.filtermx.smtp.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.server.SmtpServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpResourceAdapterTest {

    @TempDir Path directory;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private SmtpResourceAdapter adapter(int port) {
        SmtpResourceAdapter adapter = new SmtpResourceAdapter();
        adapter.setBindAddress("${env.FILTERMX_TEST_UNSET_BIND:127.0.0.1}");
        adapter.setInboundPort(Integer.toString(port));
        adapter.setDataDirectory(directory.toString());
        adapter.setServerName("mx.test");
        adapter.setWarmupSeconds("0");
        return adapter;
    }

    @Test
    void comparesByConfiguration() {
        assertThat(adapter(2525)).isEqualTo(adapter(2525)).hasSameHashCodeAs(adapter(2525));
        assertThat(adapter(2525)).isNotEqualTo(adapter(2526));
    }

    @Test
    void turnsPropertiesIntoSettingsWithPostfixDefaults() {
        SmtpServerSettings settings = adapter(2525).settings();

        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.tempDirectory()).isEqualTo(directory.resolve("tmp"));
        assertThat(settings.lineLengthLimit()).isEqualTo(2048);
        assertThat(settings.headerSizeLimit()).isEqualTo(102_400);
        assertThat(settings.recipientLimit()).isEqualTo(1000);
        assertThat(settings.messageSizeLimit()).isEqualTo(10_240_000);
        assertThat(settings.maxConnectionsPerIp()).isEqualTo(10);
    }

    @Test
    void theMxPortGreetsOnlyAfterTheRehearsalEnded() throws Exception {
        int port = freePort();
        SmtpResourceAdapter adapter = adapter(port);
        // A long warm-up that this endpoint ends early: it refuses every message (ADR 0048).
        adapter.setWarmupSeconds("60");
        adapter.start(bootstrapContext());
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setRole("inbound");
        try {
            adapter.endpointActivation(endpointFactory(), spec);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("220 mx.test ESMTP FilterMX");
            }
            assertThat(calls.stream().filter("before onMessage"::equals).count())
                    .as("the rehearsal's messages reached the endpoint before the greeting")
                    .isGreaterThanOrEqualTo(20);
        } finally {
            adapter.endpointDeactivation(null, spec);
            adapter.stop();
        }
    }

    @Test
    void aWarmupOutOfRangeStopsTheAdapter() {
        SmtpResourceAdapter adapter = adapter(2525);
        adapter.setWarmupSeconds("601");
        assertThatThrownBy(() -> adapter.start(bootstrapContext()))
                .hasMessageContaining("warmupSeconds must be 0 to 600");
    }

    @Test
    void callsTheEndpointThroughTheWorkManagerWithDeliveryBrackets() throws Exception {
        int port = freePort();
        SmtpResourceAdapter adapter = adapter(port);
        adapter.start(bootstrapContext());
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setRole("inbound");
        try {
            adapter.endpointActivation(endpointFactory(), spec);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                assertThat(in.readLine()).isEqualTo("220 mx.test ESMTP FilterMX");
                out.write(
                        "HELO c\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<r@main.test>\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                in.readLine();
                in.readLine();
                assertThat(in.readLine()).isEqualTo("250 2.1.5 Recipient ok");
            }
            assertThat(calls)
                    .containsExactly(
                            "work",
                            "create",
                            "before onRecipient",
                            "onRecipient",
                            "after",
                            "release");
        } finally {
            adapter.endpointDeactivation(null, spec);
            adapter.stop();
        }
    }

    @Test
    void bindsBothSubmissionListenersAndAsksTheEndpointAtMailAndClose() throws Exception {
        int startTlsPort = freePort();
        int implicitTlsPort = freePort();
        SmtpResourceAdapter adapter = adapter(freePort());
        adapter.setSubmissionPort(Integer.toString(startTlsPort));
        adapter.setSubmissionsPort(Integer.toString(implicitTlsPort));
        adapter.start(bootstrapContext());
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setRole("SUBMISSION");
        try {
            adapter.endpointActivation(endpointFactory(), spec);
            try (Socket socket = new Socket("127.0.0.1", startTlsPort)) {
                socket.setSoTimeout(5000);
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("220 mx.test ESMTP FilterMX");
                socket.getOutputStream()
                        .write(
                                "HELO c\r\nMAIL FROM:<a@b.c>\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                in.readLine();
                assertThat(in.readLine()).isEqualTo("530 5.7.0 Authentication required");
            }
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket tls =
                    (SSLSocket)
                            trustAll.getSocketFactory()
                                    .createSocket("127.0.0.1", implicitTlsPort)) {
                tls.setSoTimeout(5000);
                tls.startHandshake();
                assertThat(
                                new BufferedReader(
                                                new InputStreamReader(
                                                        tls.getInputStream(),
                                                        StandardCharsets.US_ASCII))
                                        .readLine())
                        .isEqualTo("220 mx.test ESMTP FilterMX");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (calls.stream().filter("onClose"::equals).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(calls).filteredOn("onClose"::equals).hasSize(2);
            assertThat(calls).contains("before onSender", "onSender", "before onClose");
        } finally {
            adapter.endpointDeactivation(null, spec);
            adapter.stop();
        }
    }

    @Test
    void readsTheSubmissionSettings() {
        SmtpResourceAdapter adapter = adapter(2525);
        assertThat(adapter.settings().submissionsPort()).isEqualTo(4650);
        assertThat(adapter.settings().cleartextAuthOnLoopback()).isFalse();

        adapter.setSubmissionsPort("0");
        adapter.setCleartextAuthOnLoopback("TRUE");
        assertThat(adapter.settings().submissionsPort()).isZero();
        assertThat(adapter.settings().cleartextAuthOnLoopback()).isTrue();

        adapter.setCleartextAuthOnLoopback("yes");
        assertThatThrownBy(adapter::settings)
                .hasMessageContaining("cleartextAuthOnLoopback must be true or false");
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void refusesActivationWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SmtpResourceAdapter adapter = adapter(taken.getLocalPort());
            adapter.start(bootstrapContext());
            SmtpActivationSpec spec = new SmtpActivationSpec();
            spec.setRole("INBOUND");
            try {
                assertThatThrownBy(() -> adapter.endpointActivation(endpointFactory(), spec))
                        .isInstanceOf(ResourceException.class)
                        .hasMessageContaining("port already in use");
            } finally {
                adapter.stop();
            }
        }
    }

    @Test
    void refusesAnUnknownRole() {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setRole("OUTBOUND");

        assertThatThrownBy(spec::validate).hasMessageContaining("INBOUND or SUBMISSION");
        spec.setRole("rehearsal");
        assertThatThrownBy(spec::validate).hasMessageContaining("INBOUND or SUBMISSION");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private BootstrapContext bootstrapContext() {
        WorkManager workManager =
                proxy(
                        WorkManager.class,
                        (method, args) -> {
                            if (method.getName().equals("scheduleWork")) {
                                calls.add("work");
                                Work work = (Work) args[0];
                                threads.execute(work::run);
                            }
                            return null;
                        });
        return proxy(
                BootstrapContext.class,
                (method, args) -> method.getName().equals("getWorkManager") ? workManager : null);
    }

    private MessageEndpointFactory endpointFactory() {
        SmtpListener listener =
                (SmtpListener)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {SmtpListener.class, MessageEndpoint.class},
                                (self, method, args) ->
                                        switch (method.getName()) {
                                            case "beforeDelivery" -> {
                                                calls.add("before " + ((Method) args[0]).getName());
                                                yield null;
                                            }
                                            case "afterDelivery" -> {
                                                calls.add("after");
                                                yield null;
                                            }
                                            case "release" -> {
                                                calls.add("release");
                                                yield null;
                                            }
                                            case "onRecipient" -> {
                                                calls.add("onRecipient");
                                                yield RecipientDecision.accept((String) args[2]);
                                            }
                                            case "onSender" -> {
                                                calls.add("onSender");
                                                yield Reply.of(
                                                        530, "5.7.0", "Authentication required");
                                            }
                                            case "onClose" -> {
                                                calls.add("onClose");
                                                yield null;
                                            }
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            method.getName());
                                        });
        return proxy(
                MessageEndpointFactory.class,
                (method, args) -> {
                    if (method.getName().equals("createEndpoint")) {
                        calls.add("create");
                        return listener;
                    }
                    return null;
                });
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (self, method, args) -> handler.handle(method, args)));
    }
}
