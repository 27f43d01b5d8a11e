package org.duallist.progress.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionRejectedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.ObstacleRaisedEvent;
import org.duallist.contracts.ObstacleResolvedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskRatedEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskWorkTest {

    private static final UUID ID = UUID.fromString("0f5c1a7e-2222-4a2b-9c3d-000000000002");
    private static final UUID OBSTACLE = UUID.fromString("0f5c1a7e-3333-4a2b-9c3d-000000000003");
    private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Actor REQUESTER = new Actor("wang", ActorRole.UNIT, "呼和浩特警备区政治工作处", UnitSide.MILITARY, "150100");
    private static final Actor RESPONSIBLE = new Actor("zhao", ActorRole.UNIT, "呼和浩特市人力资源和社会保障局", UnitSide.CIVIL, "150100");
    private static final Actor OTHER_UNIT = new Actor("qian", ActorRole.UNIT, "呼和浩特市教育局", UnitSide.CIVIL, "150100");
    private static final Actor OFFICE = new Actor("li", ActorRole.OFFICE, null, null, "150100");
    private static final Assignment CLAIMED = new Assignment("150102", "呼和浩特警备区政治工作处", "呼和浩特市人力资源和社会保障局", "CLAIMED", 0);
    private static final Assignment REGISTERED = new Assignment("150102", "呼和浩特警备区政治工作处", "呼和浩特市人力资源和社会保障局", "REGISTERED", 0);
    private static final Assignment WITHDRAWN = new Assignment("150102", "呼和浩特警备区政治工作处", "呼和浩特市人力资源和社会保障局", "WITHDRAWN", 0);

    private FixtureConfiguration<TaskWork> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TaskWork.class);
    }

    private static ProgressReportedEvent progressed(int percent) {
        return new ProgressReportedEvent(ID, percent, "进展", null, null, AT, RESPONSIBLE);
    }

    private static CompletionReportedEvent completionReported() {
        return new CompletionReportedEvent(ID, "已全部完成", List.of("/evidence/1"), AT, RESPONSIBLE);
    }

    @Test
    void theResponsibleUnitReportsProgressOnAClaimedTask() {
        LocalDate next = LocalDate.of(2026, 12, 15);
        fixture.givenNoPriorActivity()
                .when(new ReportProgressCommand(ID, 30, "已落实1个岗位", next, null, CLAIMED, AT, RESPONSIBLE))
                .expectEvents(new ProgressReportedEvent(ID, 30, "已落实1个岗位", next, null, AT, RESPONSIBLE));
    }

    @Test
    void progressOnATaskWhoseRegistrationIsNotKnownHereYetIsAConflictToRetryNotAForbiddenCaller() {
        Assignment filedOnly = new Assignment("150102", "呼和浩特警备区政治工作处", null, "FILED", 0);
        fixture.givenNoPriorActivity()
                .when(new ReportProgressCommand(ID, 30, "进展", null, null, filedOnly, AT, RESPONSIBLE))
                .expectException(StateConflictException.class).expectNoEvents();
    }

    @Test
    void progressIsRefusedOnATaskNotClaimedOrWithdrawnOrFromAnotherUnit() {
        fixture.givenNoPriorActivity()
                .when(new ReportProgressCommand(ID, 30, "进展", null, null, REGISTERED, AT, RESPONSIBLE))
                .expectException(StateConflictException.class).expectNoEvents();
        fixture.given(progressed(30))
                .when(new ReportProgressCommand(ID, 40, "进展", null, null, WITHDRAWN, AT, RESPONSIBLE))
                .expectException(StateConflictException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ReportProgressCommand(ID, 30, "进展", null, null, CLAIMED, AT, OTHER_UNIT))
                .expectException(AccessDeniedException.class).expectNoEvents();
    }

    @Test
    void progressGoesBackOnlyWithAReason() {
        fixture.given(progressed(60))
                .when(new ReportProgressCommand(ID, 40, "返工", null, null, CLAIMED, AT, RESPONSIBLE))
                .expectException(InvalidFieldsException.class).expectNoEvents();
        fixture.given(progressed(60))
                .when(new ReportProgressCommand(ID, 40, "返工", null, "验收标准提高", CLAIMED, AT, RESPONSIBLE))
                .expectEvents(new ProgressReportedEvent(ID, 40, "返工", null, "验收标准提高", AT, RESPONSIBLE));
    }

    @Test
    void theResponsibleUnitRaisesAndTheOfficeResolvesAnObstacle() {
        fixture.givenNoPriorActivity()
                .when(new RaiseObstacleCommand(ID, OBSTACLE, "需财政协调", CLAIMED, AT, RESPONSIBLE))
                .expectEvents(new ObstacleRaisedEvent(ID, OBSTACLE, "需财政协调", AT, RESPONSIBLE));
        fixture.given(new ObstacleRaisedEvent(ID, OBSTACLE, "需财政协调", AT, RESPONSIBLE))
                .when(new ResolveObstacleCommand(ID, OBSTACLE, "财政同意", CLAIMED, AT, OFFICE))
                .expectEvents(new ObstacleResolvedEvent(ID, OBSTACLE, "财政同意", AT, OFFICE));
    }

    @Test
    void obstaclesAreRaisedByTheResponsibleUnitAndResolvedOnce() {
        fixture.givenNoPriorActivity()
                .when(new RaiseObstacleCommand(ID, OBSTACLE, "需协调", CLAIMED, AT, REQUESTER))
                .expectException(AccessDeniedException.class).expectNoEvents();
        fixture.given(new ObstacleRaisedEvent(ID, OBSTACLE, "需财政协调", AT, RESPONSIBLE),
                        new ObstacleResolvedEvent(ID, OBSTACLE, "财政同意", AT, OFFICE))
                .when(new ResolveObstacleCommand(ID, OBSTACLE, "再次解决", CLAIMED, AT, OFFICE))
                .expectException(StateConflictException.class).expectNoEvents();
        fixture.given(new ObstacleRaisedEvent(ID, OBSTACLE, "需财政协调", AT, RESPONSIBLE))
                .when(new ResolveObstacleCommand(ID, OBSTACLE, "解决", CLAIMED, AT, OTHER_UNIT))
                .expectException(AccessDeniedException.class).expectNoEvents();
    }

    @Test
    void theResponsibleUnitReportsCompletionOnceUntilAnswered() {
        fixture.given(progressed(90))
                .when(new ReportCompletionCommand(ID, "已全部完成", List.of("/evidence/1"), CLAIMED, AT, RESPONSIBLE))
                .expectEvents(completionReported());
        fixture.given(progressed(90), completionReported())
                .when(new ReportCompletionCommand(ID, "再次报告", List.of(), CLAIMED, AT, RESPONSIBLE))
                .expectException(StateConflictException.class).expectNoEvents();
    }

    @Test
    void theRequesterAcceptsAReportedCompletion() {
        fixture.given(completionReported())
                .when(new AcceptCompletionCommand(ID, CLAIMED, AT, REQUESTER))
                .expectEvents(new CompletionAcceptedEvent(ID, AT, REQUESTER));
    }

    @Test
    void onlyTheRequesterAcceptsAndOnlyWhatWasReported() {
        fixture.given(completionReported())
                .when(new AcceptCompletionCommand(ID, CLAIMED, AT, RESPONSIBLE))
                .expectException(AccessDeniedException.class).expectNoEvents();
        fixture.given(progressed(50))
                .when(new AcceptCompletionCommand(ID, CLAIMED, AT, REQUESTER))
                .expectException(StateConflictException.class).expectNoEvents();
    }

    @Test
    void theRequesterRejectsAndTheWorkGoesOn() {
        fixture.given(completionReported())
                .when(new RejectCompletionCommand(ID, "仍有1名家属未上岗", CLAIMED, AT, REQUESTER))
                .expectEvents(new CompletionRejectedEvent(ID, "仍有1名家属未上岗", AT, REQUESTER));
        fixture.given(completionReported(), new CompletionRejectedEvent(ID, "仍有1名家属未上岗", AT, REQUESTER))
                .when(new ReportProgressCommand(ID, 95, "继续落实", null, null, CLAIMED, AT, RESPONSIBLE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRejectionNeedsAPendingCompletion() {
        fixture.given(progressed(50))
                .when(new RejectCompletionCommand(ID, "未完成", CLAIMED, AT, REQUESTER))
                .expectException(StateConflictException.class).expectNoEvents();
    }

    @Test
    void theRequesterRatesAnAcceptedResultOnce() {
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER))
                .when(new RateTaskCommand(ID, 5, "非常满意", CLAIMED, AT, REQUESTER))
                .expectEvents(new TaskRatedEvent(ID, 5, "非常满意", AT, REQUESTER));
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER), new TaskRatedEvent(ID, 5, "非常满意", AT, REQUESTER))
                .when(new RateTaskCommand(ID, 4, "再评", CLAIMED, AT, REQUESTER))
                .expectException(StateConflictException.class).expectNoEvents();
    }

    @Test
    void ratingBeforeAcceptanceOrOutOfRangeIsRefused() {
        fixture.given(completionReported())
                .when(new RateTaskCommand(ID, 5, "满意", CLAIMED, AT, REQUESTER))
                .expectException(StateConflictException.class).expectNoEvents();
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER))
                .when(new RateTaskCommand(ID, 6, "超出", CLAIMED, AT, REQUESTER))
                .expectException(InvalidFieldsException.class).expectNoEvents();
    }

    @Test
    void nothingIsReportedAfterAcceptance() {
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER))
                .when(new ReportProgressCommand(ID, 100, "补充", null, null, CLAIMED, AT, RESPONSIBLE))
                .expectException(StateConflictException.class).expectNoEvents();
    }

    private static final Assignment REOPENED = new Assignment("150102", "呼和浩特警备区政治工作处", "呼和浩特市人力资源和社会保障局", "CLAIMED", 1);

    @Test
    void workGoesOnAfterTheOfficeReopenedAnAcceptedTask() {
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER))
                .when(new ReportProgressCommand(ID, 80, "核查未通过，返工", null, "核查发现1个岗位未落实", REOPENED, AT, RESPONSIBLE))
                .expectEvents(new ProgressReportedEvent(ID, 80, "核查未通过，返工", null, "核查发现1个岗位未落实", AT, RESPONSIBLE));
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER))
                .when(new ReportCompletionCommand(ID, "返工完成", List.of(), REOPENED, AT, RESPONSIBLE))
                .expectEvents(new CompletionReportedEvent(ID, "返工完成", List.of(), AT, RESPONSIBLE));
    }

    @Test
    void aReopenedTaskIsRatedAgainOnlyAfterItsNextAcceptance() {
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER), new TaskRatedEvent(ID, 5, "满意", AT, REQUESTER))
                .when(new RateTaskCommand(ID, 2, "返工中", REOPENED, AT, REQUESTER))
                .expectException(StateConflictException.class).expectNoEvents();
        fixture.given(completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER), new TaskRatedEvent(ID, 5, "满意", AT, REQUESTER),
                        completionReported(), new CompletionAcceptedEvent(ID, AT, REQUESTER))
                .when(new RateTaskCommand(ID, 4, "返工后满意", REOPENED, AT, REQUESTER))
                .expectEvents(new TaskRatedEvent(ID, 4, "返工后满意", AT, REQUESTER));
    }
}
