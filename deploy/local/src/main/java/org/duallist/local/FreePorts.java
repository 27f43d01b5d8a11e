package org.duallist.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports nothing listens on at the moment, for a stack that only the launcher itself talks to (the
 * one a restore starts), so that it never collides with a stack running on the usual ports.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A free port on 127.0.0.1. */
    public static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A free port whose next port is free too (Kafka and its controller). */
    public static int pair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = one();
            if (port < 65535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("found no two free neighbouring ports on 127.0.0.1");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
