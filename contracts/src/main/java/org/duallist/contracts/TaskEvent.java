package org.duallist.contracts;

import java.util.UUID;

/** What every event of a task carries: which task, and who did it (for the audit trail). */
public interface TaskEvent {

    UUID taskId();

    Actor actor();
}
