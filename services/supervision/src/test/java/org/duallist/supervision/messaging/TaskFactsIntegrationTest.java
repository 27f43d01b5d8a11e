package org.duallist.supervision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.supervision.TaskEvents;
import org.duallist.supervision.query.TaskFacts;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/** The task facts learned from the registration and progress topics on the real broker and database. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class TaskFactsIntegrationTest {

    private static final Instant AT = Instant.parse("2026-11-01T02:00:00Z");
    private static final LocalDate DEADLINE = LocalDate.of(2027, 6, 30);

    @Test
    void bothTopicsAreLearnedAndARedeliveredEventCountsOnce() {
        TaskEvents task = TaskEvents.newTask();
        LocalDate extended = DEADLINE.plusMonths(1);
        task.publish(task.filed(AT), task.registered(DEADLINE, AT), task.claimed(AT),
                task.registration(new ExtensionApprovedEvent(task.id(), DEADLINE, extended, AT, TaskEvents.OFFICE_ACTOR), AT));
        EventEnvelope progressed = task.progress(new ProgressReportedEvent(task.id(), 70, "面层施工", null, null, AT,
                TaskEvents.RESPONSIBLE_ACTOR), AT);
        EventEnvelope reported = task.progress(new CompletionReportedEvent(task.id(), "已完工", List.of(), AT,
                TaskEvents.RESPONSIBLE_ACTOR), AT);
        EventEnvelope accepted = task.progress(new CompletionAcceptedEvent(task.id(), AT, TaskEvents.REQUESTER_ACTOR), AT);
        task.publish(progressed, reported, accepted);
        // delivered again, as after a producer retry: the ledger of applied sequences drops it
        task.publish(accepted);

        TaskFacts facts = task.awaitFacts(f -> f.acceptedCompletions > 0 && extended.equals(f.deadline));
        assertThat(facts.status).isEqualTo("CLAIMED");
        assertThat(facts.coUnits).containsExactly(TaskEvents.CO_UNIT);
        assertThat(facts.percent).isEqualTo(100);
        assertThat(facts.completionReported).isFalse();

        // an event published after the redelivered one: once it is learned, the redelivery was dealt with
        task.publish(task.progress(new ProgressReportedEvent(task.id(), 95, "复查返修", null, null, AT,
                TaskEvents.RESPONSIBLE_ACTOR), AT));
        TaskFacts afterMarker = task.awaitFacts(f -> f.percent == 95);
        assertThat(afterMarker.acceptedCompletions).isEqualTo(1);
    }

    @Test
    void progressThatOvertakesTheFilingWaitsForIt() {
        TaskEvents task = TaskEvents.newTask();
        EventEnvelope filed = task.filed(AT);
        EventEnvelope registered = task.registered(DEADLINE, AT);
        EventEnvelope claimed = task.claimed(AT);
        task.publish(task.progress(new ProgressReportedEvent(task.id(), 35, "开工", null, null, AT, TaskEvents.RESPONSIBLE_ACTOR), AT));
        task.publish(filed, registered, claimed);

        TaskFacts facts = task.awaitFacts(f -> f.percent == 35 && "CLAIMED".equals(f.status));
        assertThat(facts.deadline).isEqualTo(DEADLINE);
    }
}
