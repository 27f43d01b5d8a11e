package org.duallist.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports nothing listens on at the moment, for a stack that only the launcher itself talks to (the
 * one a restore starts, PostgreSQL alone for a backup), so that it never collides with a stack
 * running on the usual ports.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code config} with free, distinct ports for PostgreSQL, Kafka (and its controller on the next
     * port) and every service: each port is held open until all are chosen, so none is chosen twice.
     */
    public static StackConfig assign(StackConfig config) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int pg = hold(held, 0);
            int kafka = kafkaPair(held);
            StackConfig assigned = config.withPorts(pg, kafka);
            for (ServiceDefinition service : ServiceDefinition.values()) {
                assigned = assigned.withServicePort(service, hold(held, 0));
            }
            return assigned;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static int kafkaPair(List<ServerSocket> held) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = hold(held, 0);
            if (port < 65535) {
                try {
                    hold(held, port + 1);
                    return port;
                } catch (IOException taken) {
                    // the next port is in use: try another pair
                }
            }
        }
        throw new IOException("found no two free neighbouring ports on 127.0.0.1 for Kafka and its controller");
    }

    /** Binds {@code port} (0: any free one) on 127.0.0.1 and keeps the socket in {@code held}; answers the port. */
    private static int hold(List<ServerSocket> held, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        held.add(socket);
        return socket.getLocalPort();
    }
}
