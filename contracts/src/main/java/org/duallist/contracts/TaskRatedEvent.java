package org.duallist.contracts;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The requester unit rated the accepted result (评议/满意度测评): 1 to 5, with a comment. */
@Revision("1")
public record TaskRatedEvent(UUID taskId, int score, String comment, Instant ratedAt, Actor actor) implements TaskEvent {
}
