package org.duallist.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The responsible unit reported progress (进度反馈): percent done, what happened, and when the next step is due. */
@Revision("1")
public record ProgressReportedEvent(UUID taskId, int percent, String narrative, LocalDate nextStepDate, String decreaseReason, Instant reportedAt, Actor actor) implements TaskEvent {
}
