package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A requester unit (or the office on its behalf) filed a request (需求提报) on its region's dual list
 * for a year; {@code actor} is who filed it.
 *
 * <p>Revision 2 carries the requester's {@link Contact} as one value; revision 1 had it as the two
 * fields {@code contactName} and {@code contactPhone}, which {@link TaskFiledContactUpcaster} turns
 * into revision 2 wherever an old event is read.
 */
@Revision("2")
public record TaskFiledEvent(
        UUID taskId,
        TaskList list,
        String regionCode,
        int year,
        String title,
        String content,
        TaskCategory category,
        String requesterUnit,
        Contact contact,
        Instant filedAt,
        Actor actor) implements TaskEvent {
}
