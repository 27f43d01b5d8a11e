package org.duallist.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit reported the task done (办结反馈): what was done and where the evidence is. */
@Revision("1")
public record CompletionReportedEvent(UUID taskId, String summary, List<String> evidenceLinks, Instant reportedAt, Actor actor) implements TaskEvent {
    public CompletionReportedEvent {
        evidenceLinks = evidenceLinks == null ? List.of() : List.copyOf(evidenceLinks);
    }
}
