package org.duallist.testing.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket that sends the request bytes exactly as
 * given: JDK and REST Assured clients refuse, normalise or re-encode the very request lines a
 * fuzzer needs to send ({@code ../}, {@code %zz}, raw non-UTF-8 bytes in the target).
 */
final class RawHttpClient implements AutoCloseable {

    /** The answer: status, headers (lower-case names, last one wins) and at most {@link #BODY_KEPT} bytes of body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Thrown when the server closed the connection or fell silent without a status line. */
    static final class NoAnswerException extends IOException {
        NoAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int BODY_KEPT = 64 * 1024;
    private static final int INLINE_BODY = 16 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fuzz-body-writer");
        thread.setDaemon(true);
        return thread;
    });
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /**
     * Sends one request and reads its answer. A stale kept-alive connection (closed by the server
     * before anything of this request was read) is replaced and the request sent once more.
     */
    Answer send(String method, byte[] target, Map<String, byte[]> headers, byte[] body) throws IOException {
        byte[] head = head(method, target, headers, body);
        boolean fresh = socket == null;
        try {
            return exchange(method, head, body);
        } catch (NoAnswerException e) {
            if (fresh || e.getCause() instanceof SocketTimeoutException) {
                throw e;
            }
            disconnect();
            return exchange(method, head, body);
        }
    }

    private Answer exchange(String method, byte[] head, byte[] body) throws IOException {
        connect();
        IOException[] writeFailure = new IOException[1];
        Future<?> writing = null;
        try {
            out.write(head);
            if (body != null && body.length <= INLINE_BODY) {
                out.write(body);
            }
            out.flush();
            if (body != null && body.length > INLINE_BODY) {
                // as curl does: read while the body goes out, because the server may answer (401, 413, 400)
                // without reading the rest, and a blocked write would wait forever
                OutputStream stream = out;
                writing = writer.submit(() -> {
                    try {
                        stream.write(body);
                        stream.flush();
                    } catch (IOException e) {
                        writeFailure[0] = e;
                    }
                });
            }
        } catch (IOException e) {
            writeFailure[0] = e;
        }
        try {
            Answer answer = read(method);
            String connection = answer.headers().getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            boolean bodyUnsent = writing != null && !writing.isDone();
            if (bodyUnsent || writeFailure[0] != null || connection.contains("close")
                    || answer.contentType().startsWith("text/event-stream")) {
                disconnect();
            }
            return answer;
        } catch (IOException e) {
            disconnect();
            NoAnswerException noAnswer = new NoAnswerException("no answer: " + e.getMessage(), e);
            if (writeFailure[0] != null) {
                noAnswer.addSuppressed(writeFailure[0]);
            }
            throw noAnswer;
        } finally {
            if (writing != null) {
                waitFor(writing);
            }
        }
    }

    /** The writer ends once the body is out or the socket closed under it. */
    private static void waitFor(Future<?> writing) {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing the body failed", e.getCause());
        }
    }

    private byte[] head(String method, byte[] target, Map<String, byte[]> headers, byte[] body) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256 + target.length);
        head.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        head.writeBytes(target);
        head.writeBytes((" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
        headers.forEach((name, value) -> {
            head.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(value);
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        if (body != null) {
            head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return head.toByteArray();
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private Answer read(String method) throws IOException {
        String statusLine = line();
        while (statusLine.isEmpty()) {
            statusLine = line();
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        if (status < 200 && status != 101) {
            return read(method); // 100 Continue and the like come before the real answer
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            body = new byte[0]; // an endless stream: its status and headers are the answer
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = exactly(Long.parseLong(headers.get("content-length")));
        } else {
            body = untilClosed();
            headers.put("connection", "close");
        }
        return new Answer(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are not needed
                }
                return kept.toByteArray();
            }
            keep(kept, exactly(size));
            line();
        }
    }

    private byte[] exactly(long length) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream((int) Math.min(length, BODY_KEPT));
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed " + left + " bytes before the end of the body");
            }
            if (kept.size() < BODY_KEPT) {
                kept.write(buffer, 0, Math.min(n, BODY_KEPT - kept.size()));
            }
            left -= n;
        }
        return kept.toByteArray();
    }

    private byte[] untilClosed() throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (kept.size() < BODY_KEPT) {
                kept.write(buffer, 0, Math.min(n, BODY_KEPT - kept.size()));
            }
        }
        return kept.toByteArray();
    }

    private static void keep(ByteArrayOutputStream kept, byte[] chunk) {
        if (kept.size() < BODY_KEPT) {
            kept.write(chunk, 0, Math.min(chunk.length, BODY_KEPT - kept.size()));
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("header line longer than 64 KiB");
            }
            line.write(b);
        }
        throw new IOException("connection closed");
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing more to learn from it
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        disconnect();
        writer.shutdownNow();
    }
}
