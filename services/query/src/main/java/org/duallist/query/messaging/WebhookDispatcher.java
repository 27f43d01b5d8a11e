package org.duallist.query.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.query.query.WebhookDeliveryRecord;
import org.duallist.query.query.WebhookRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Posts the queued webhook deliveries: each signed with its webhook's secret (HMAC-SHA256 over
 * "timestamp.body", headers {@value #SIGNATURE} and {@value #TIMESTAMP}), retried with a doubling
 * back-off (1 s, 2 s, 4 s … at most 10 minutes) until it is answered 2xx or gives up after
 * {@code dual-list.webhooks.give-up-after}. Rows are claimed with FOR UPDATE SKIP LOCKED for the
 * length of their attempt, so two replicas never post the same delivery at once; a receiver that
 * saw a delivery whose answer was lost to a crash sees it again with the same {@value #DELIVERY} id.
 */
@ApplicationScoped
public class WebhookDispatcher {

    public static final String SIGNATURE = "X-DualList-Signature";
    public static final String TIMESTAMP = "X-DualList-Timestamp";
    public static final String DELIVERY = "X-DualList-Delivery";
    public static final String EVENT = "X-DualList-Event";
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final EntityManager entityManager;
    private final WebhookTargets targets;
    private final Duration giveUpAfter;
    private final Counter delivered;
    private final Counter failed;
    private final Counter givenUp;
    /** Redirects are not followed: one could lead to a target the checks refuse. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookDispatcher(EntityManager entityManager, WebhookTargets targets,
                      @ConfigProperty(name = "dual-list.webhooks.give-up-after", defaultValue = "24h") Duration giveUpAfter,
                      MeterRegistry registry) {
        this.entityManager = entityManager;
        this.targets = targets;
        this.giveUpAfter = giveUpAfter;
        this.delivered = outcomeCounter(registry, "delivered");
        this.failed = outcomeCounter(registry, "failed");
        this.givenUp = outcomeCounter(registry, "given_up");
    }

    /** Attempts by outcome: taken by the receiver (2xx), failed and retried later, failed for the last time. */
    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder(MetricNames.WEBHOOK_DELIVERIES)
                .description("Webhook delivery attempts by outcome (delivered, failed and retried later, given_up)")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Scheduled(identity = "webhook-dispatch", every = "${dual-list.webhooks.dispatch-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        List<Counter> outcomes = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            outcomes.clear();
            @SuppressWarnings("unchecked")
            List<UUID> due = entityManager.createNativeQuery("SELECT id FROM webhook_delivery WHERE status = 'PENDING'"
                    + " AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                    .getResultList();
            for (UUID id : due) {
                outcomes.add(attempt(WebhookDeliveryRecord.findById(id)));
            }
        });
        // counted once the attempts' records are committed
        outcomes.forEach(Counter::increment);
    }

    /** Posts one delivery and records how it went on its row; answers the outcome's counter. */
    private Counter attempt(WebhookDeliveryRecord delivery) {
        WebhookRecord hook = WebhookRecord.findById(delivery.webhookId);
        Instant now = Instant.now();
        delivery.attempts++;
        delivery.lastAttemptAt = now;
        Optional<String> refusal = targets.refusal(hook.url);
        if (refusal.isPresent()) {
            // checked again at every post: the URL's name may resolve elsewhere now than when it was registered;
            // the post right after resolves it from the JVM's address cache (networkaddress.cache.ttl), as checked
            delivery.lastStatus = null;
            delivery.lastError = truncate("not posted: url " + refusal.get());
            LOG.warnf("Webhook delivery %s to %s not posted: url %s", delivery.id, hook.url, refusal.get());
        } else if (post(hook, delivery, now)) {
            return delivered;
        }
        if (delivery.createdAt.plus(giveUpAfter).isBefore(now)) {
            delivery.status = WebhookDeliveryRecord.FAILED;
            LOG.warnf("Webhook delivery %s to %s given up after %d attempts: %s", delivery.id, hook.url, delivery.attempts,
                    delivery.lastError);
            return givenUp;
        }
        long wait = Math.min(LONGEST_WAIT.toSeconds(), 1L << Math.min(delivery.attempts - 1, 20));
        delivery.nextAttemptAt = now.plusSeconds(wait);
        return failed;
    }

    /** Posts the delivery once; true when the receiver took it (2xx), else its answer or failure is noted. */
    private boolean post(WebhookRecord hook, WebhookDeliveryRecord delivery, Instant now) {
        try {
            String timestamp = Long.toString(now.getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "sha256=" + sign(hook.secret, timestamp, delivery.payload))
                    .header(DELIVERY, delivery.id.toString())
                    .header(EVENT, delivery.type)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            delivery.lastStatus = response.statusCode();
            if (response.statusCode() / 100 == 2) {
                delivery.status = WebhookDeliveryRecord.DELIVERED;
                delivery.deliveredAt = Instant.now();
                delivery.lastError = null;
                return true;
            }
            delivery.lastError = "answered HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.lastError = "interrupted";
        } catch (Exception e) {
            delivery.lastStatus = null;
            delivery.lastError = truncate(e.toString());
        }
        return false;
    }

    /** The signature a receiver recomputes: hex HMAC-SHA256 with the webhook's secret over "timestamp.body". */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
