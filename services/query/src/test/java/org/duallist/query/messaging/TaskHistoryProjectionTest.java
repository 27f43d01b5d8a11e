package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.TaskList;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.TaskHistoryEntry;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class TaskHistoryProjectionTest {

    @Inject
    TaskHistoryProjection projection;

    @Test
    void everyEventBecomesAStepWithWhoDidIt() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150103", TaskList.SUPPORT_THE_MILITARY, "军属就医", "回民区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市卫生健康委员会", LocalDate.of(2026, 7, 1)));
        });

        List<TaskHistoryEntry> steps = QuarkusTransaction.requiringNew().call(() ->
                TaskHistoryEntry.<TaskHistoryEntry>find("taskId", Sort.by("id"), id).list());
        assertThat(steps).extracting(s -> s.label).containsExactly("需求提报", "立项交办");
        assertThat(steps.get(0).actorUnit).isEqualTo("回民区人民武装部");
        assertThat(steps.get(0).actorRole).isEqualTo("UNIT");
        assertThat(steps.get(1).actorRole).isEqualTo("OFFICE");
        assertThat(steps.get(1).details).contains("\"deadline\":\"2026-07-01\"");
    }
}
