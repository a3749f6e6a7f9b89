package health.rapport.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls Rapport's {@code /health} until the first 200, as a load balancer would. */
final class Health {

    private static final long POLL_MILLIS = 20;

    private Health() {
    }

    /**
     * Returns {@link System#nanoTime()} of the first 200 from {@code rapportUrl + "/health"}.
     *
     * @throws IllegalStateException if none came within {@code timeout}
     */
    static long awaitFirst200(String rapportUrl, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rapportUrl + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return System.nanoTime();
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("no 200 from " + request.uri() + " within " + timeout + ": " + last);
    }

    /** A port free on loopback right now (bound, then released). */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
