package org.duallist.query.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One notification to one webhook, and how its delivery went: PENDING until DELIVERED, or FAILED when given up. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryRecord extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    public UUID webhookId;
    public String eventId;
    public String type;
    public String payload;
    public String status;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant lastAttemptAt;
    public Integer lastStatus;
    public String lastError;
    public Instant deliveredAt;
    public Instant createdAt;
}
