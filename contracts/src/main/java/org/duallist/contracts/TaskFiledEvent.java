package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A requester unit (or the office on its behalf) filed a request (需求提报) on its region's dual list for a year; {@code actor} is who filed it. */
@Revision("1")
public record TaskFiledEvent(
        UUID taskId,
        TaskList list,
        String regionCode,
        int year,
        String title,
        String content,
        TaskCategory category,
        String requesterUnit,
        String contactName,
        String contactPhone,
        Instant filedAt,
        Actor actor) implements TaskEvent {
}
