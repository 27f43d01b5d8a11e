package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final UUID ID = UUID.fromString("0f5c1a7e-1111-4a2b-9c3d-000000000001");
    private static final Instant FILED_AT = Instant.parse("2026-11-20T01:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-24T01:00:00Z");
    private static final LocalDate DEADLINE = LocalDate.of(2027, 6, 30);

    private FixtureConfiguration<Task> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Task.class);
    }

    private static FileTaskCommand fileCommand(TaskList list, TaskCategory category) {
        return new FileTaskCommand(ID, list, "150102", 2027, "解决随军家属就业安置", "协调3个就业岗位", category,
                "呼和浩特警备区政治工作处", "王参谋", "0471-6901234", FILED_AT);
    }

    private static TaskFiledEvent filed() {
        return new TaskFiledEvent(ID, TaskList.SUPPORT_THE_MILITARY, "150102", 2027, "解决随军家属就业安置",
                "协调3个就业岗位", TaskCategory.SPOUSE_EMPLOYMENT, "呼和浩特警备区政治工作处", "王参谋", "0471-6901234", FILED_AT);
    }

    private static RegisterTaskCommand registerCommand(LocalDate deadline, List<String> coUnits) {
        return new RegisterTaskCommand(ID, "呼和浩特市人力资源和社会保障局", coUnits, deadline, "家属满意", LATER);
    }

    @Test
    void aRequesterFilesARequest() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_MILITARY, TaskCategory.SPOUSE_EMPLOYMENT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(filed());
    }

    @Test
    void aCategoryFromTheOtherListIsRefused() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_MILITARY, TaskCategory.DISASTER_RELIEF))
                .expectException(InvalidFieldsException.class)
                .expectExceptionMessage("category: category DISASTER_RELIEF (抢险救灾) is not on the SUPPORT_THE_MILITARY list (拥军优属)")
                .expectNoEvents();
    }

    @Test
    void theOfficeRegistersAFiledRequest() {
        fixture.given(filed())
                .when(registerCommand(DEADLINE, List.of("新城区人民政府")))
                .expectEvents(new TaskRegisteredEvent(ID, "呼和浩特市人力资源和社会保障局", List.of("新城区人民政府"),
                        DEADLINE, "家属满意", LATER));
    }

    @Test
    void aDeadlineBeforeTodayInShanghaiIsRefused() {
        // 2026-11-24T01:00Z is already 09:00 on the 24th in Shanghai: the 23rd is yesterday there.
        fixture.given(filed())
                .when(registerCommand(LocalDate.of(2026, 11, 23), List.of()))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
    }

    @Test
    void theResponsibleUnitCannotAlsoBeACoUnit() {
        fixture.given(filed())
                .when(registerCommand(DEADLINE, List.of("呼和浩特市人力资源和社会保障局")))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
    }

    @Test
    void aDeclinedRequestCannotBeRegistered() {
        fixture.given(filed(), new TaskDeclinedEvent(ID, "不属于地方职责", LATER))
                .when(registerCommand(DEADLINE, List.of()))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeDeclinesAFiledRequest() {
        fixture.given(filed())
                .when(new DeclineTaskCommand(ID, "不属于地方职责", LATER))
                .expectEvents(new TaskDeclinedEvent(ID, "不属于地方职责", LATER));
    }

    @Test
    void aRegisteredTaskCannotBeDeclined() {
        fixture.given(filed(), new TaskRegisteredEvent(ID, "呼和浩特市人力资源和社会保障局", List.of(), DEADLINE, "家属满意", LATER))
                .when(new DeclineTaskCommand(ID, "改变主意", LATER))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }
}
