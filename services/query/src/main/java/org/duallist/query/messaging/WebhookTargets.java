package org.duallist.query.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which URLs may receive webhooks: http or https only, never a host that is or resolves to a
 * loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10, cloud metadata among them),
 * unspecified (0.0.0.0, ::) or multicast address, and never one of the suite's own services
 * ({@code dual-list.webhooks.own-services}), so that a webhook cannot be turned against the
 * machine it runs on or against the suite. Private intranet addresses are where the units' systems
 * live and are taken. {@code dual-list.webhooks.allow-loopback-targets} lets loopback through for
 * the local stack and tests, whose receivers run on 127.0.0.1; the own services stay refused.
 * Checked when a webhook is registered and again before every post, since what a name resolves to
 * may change in between.
 */
@ApplicationScoped
public class WebhookTargets {

    private final boolean allowLoopback;
    private final List<OwnService> ownServices;

    @Inject
    WebhookTargets(@ConfigProperty(name = "dual-list.webhooks.allow-loopback-targets", defaultValue = "false") boolean allowLoopback,
                   @ConfigProperty(name = "dual-list.webhooks.own-services") Optional<List<String>> ownServices) {
        this.allowLoopback = allowLoopback;
        this.ownServices = ownServices.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(OwnService::parse).toList();
    }

    /** Why {@code url} may not receive webhooks (a message for the field {@code url}), or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(unbracketed(host));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("names a host that cannot be resolved: " + host);
        }
        for (OwnService own : ownServices) {
            if (own.isReachedBy(host, addresses, port)) {
                return Optional.of("points at the suite's own service " + own.label() + "; webhooks go to other systems");
            }
        }
        for (InetAddress address : addresses) {
            String kind = refusedKind(address);
            if (kind != null) {
                return Optional.of("resolves to " + kind + " address (" + address.getHostAddress() + "), which webhooks may not reach");
            }
        }
        return Optional.empty();
    }

    private String refusedKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified (any-local)";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        return null;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** One of the suite's services: {@code http://host:port} or {@code host:port}. */
    private record OwnService(String label, String host, int port) {

        static OwnService parse(String text) {
            URI uri = URI.create(text.contains("://") ? text : "http://" + text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("dual-list.webhooks.own-services: not a base URL or host:port: " + text);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return new OwnService(text, unbracketed(uri.getHost()), port);
        }

        /**
         * Whether a post to {@code host}:{@code port} (resolved to {@code addresses}) would reach this service:
         * the same name, an address it resolves to, or, for a service on this machine, any local address.
         */
        boolean isReachedBy(String targetHost, InetAddress[] addresses, int targetPort) {
            if (targetPort != port) {
                return false;
            }
            if (unbracketed(targetHost).equalsIgnoreCase(host)) {
                return true;
            }
            List<InetAddress> own = resolved();
            boolean ownIsLocal = own.stream().anyMatch(OwnService::isLocal);
            for (InetAddress address : addresses) {
                if (own.contains(address) || (ownIsLocal && isLocal(address))) {
                    return true;
                }
            }
            return false;
        }

        /** Resolved on each check: a service's name may move, as a target's may. */
        private List<InetAddress> resolved() {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                return List.of();
            }
        }

        private static boolean isLocal(InetAddress address) {
            if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
                return true;
            }
            try {
                return NetworkInterface.getByInetAddress(address) != null;
            } catch (SocketException e) {
                return false;
            }
        }
    }
}
