package org.duallist.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The raw client against a scripted server: bytes go out as given, answers of every framing come back. */
class RawHttpClientTest {

    @Test
    void sendsTheTargetUntouchedAndReadsLengthChunkedAndClosingAnswers() throws Exception {
        List<String> requestLines = new CopyOnWriteArrayList<>();
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\nhello",
                "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
                "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\nboom");
        try (ServerSocket server = new ServerSocket(0)) {
            Thread serving = new Thread(() -> serve(server, answers, requestLines));
            serving.start();
            try (RawHttpClient client = new RawHttpClient("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5))) {
                byte[] target = {'/', 'a', '/', '.', '.', '/', '%', 'z', 'z', (byte) 0xFF};
                RawHttpClient.Answer first = client.send("GET", target, Map.of("Accept", "*/*".getBytes()), null);
                RawHttpClient.Answer second = client.send("POST", "/b".getBytes(), Map.of(), "{}".getBytes());
                RawHttpClient.Answer third = client.send("GET", "/c".getBytes(), Map.of(), null);
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.bodyText()).isEqualTo("hello");
                assertThat(second.status()).isEqualTo(400);
                assertThat(second.bodyText()).isEqualTo("abcde");
                assertThat(third.status()).isEqualTo(500);
                assertThat(third.bodyText()).isEqualTo("boom");
            }
            serving.join(5_000);
        }
        assertThat(requestLines.get(0).getBytes(StandardCharsets.ISO_8859_1))
                .containsSequence('/', 'a', '/', '.', '.', '/', '%', 'z', 'z', (byte) 0xFF);
        assertThat(requestLines).hasSize(3);
    }

    @Test
    void anAnswerBeforeTheBodyIsReadEndsTheRequestInsteadOfABlockedWrite() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread serving = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    while (!line(in).isEmpty()) {
                        // the head only: the body is never read, and the connection stays open
                    }
                    socket.getOutputStream().write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                    // the client closing the connection ends the wait
                }
            });
            serving.start();
            long started = System.nanoTime();
            try (RawHttpClient client = new RawHttpClient("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5))) {
                RawHttpClient.Answer answer = client.send("POST", "/upload".getBytes(), Map.of(), new byte[32 << 20]);
                assertThat(answer.status()).isEqualTo(413);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            serving.interrupt();
        }
    }

    /** Answers each request on one kept-alive connection in turn. */
    private static void serve(ServerSocket server, List<String> answers, List<String> requestLines) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String answer : answers) {
                List<String> head = new ArrayList<>();
                for (String line = line(in); !line.isEmpty(); line = line(in)) {
                    head.add(line);
                }
                requestLines.add(head.get(0));
                int length = head.stream().filter(h -> h.toLowerCase().startsWith("content-length:"))
                        .map(h -> Integer.parseInt(h.substring(15).trim())).findFirst().orElse(0);
                in.readNBytes(length);
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
