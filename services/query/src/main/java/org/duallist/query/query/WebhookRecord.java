package org.duallist.query.query;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A URL the office registered for a unit: what concerns the unit's tasks is posted there, signed with the secret. */
@Entity
@Table(name = "webhook")
public class WebhookRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String regionCode;
    public String unit;
    public String url;
    public String secret;
    public String createdBy;
    public Instant createdAt;
}
