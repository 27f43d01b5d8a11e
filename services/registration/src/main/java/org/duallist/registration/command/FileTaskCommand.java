package org.duallist.registration.command;

import java.time.Instant;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.Contact;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/** 需求提报: a requester unit files a request on its region's list (or the office files it on the unit's behalf). */
public record FileTaskCommand(
        UUID taskId,
        TaskList list,
        String regionCode,
        int year,
        String title,
        String content,
        TaskCategory category,
        String requesterUnit,
        Contact contact,
        Instant issuedAt,
        Actor actor) {
}
