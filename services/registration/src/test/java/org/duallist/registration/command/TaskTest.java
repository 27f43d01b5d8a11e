package org.duallist.registration.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.duallist.contracts.Actor;
import org.duallist.contracts.Contact;
import org.duallist.contracts.TaskAmendedEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ExtensionRefusedEvent;
import org.duallist.contracts.ExtensionRequestedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.UnitSide;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
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

    private static final Actor REQUESTER = new Actor("wang", ActorRole.UNIT, "呼和浩特警备区政治工作处", UnitSide.MILITARY, "150100");
    private static final Actor OFFICE = new Actor("li", ActorRole.OFFICE, null, null, "150100");
    private static final Actor OTHER_CITY_OFFICE = new Actor("zhao", ActorRole.OFFICE, null, null, "150200");
    private static final Actor LEADER = new Actor("zhang", ActorRole.LEADER, null, null, "150000");

    private FixtureConfiguration<Task> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Task.class);
    }

    private static FileTaskCommand fileCommand(TaskList list, TaskCategory category) {
        return fileCommand(list, category, "150102", "呼和浩特警备区政治工作处", REQUESTER);
    }

    private static FileTaskCommand fileCommand(TaskList list, TaskCategory category, String region, String requester, Actor actor) {
        return new FileTaskCommand(ID, list, region, 2027, "解决随军家属就业安置", "协调3个就业岗位", category,
                requester, new Contact("王参谋", "0471-6901234"), FILED_AT, actor);
    }

    private static TaskFiledEvent filed() {
        return new TaskFiledEvent(ID, TaskList.SUPPORT_THE_MILITARY, "150102", 2027, "解决随军家属就业安置",
                "协调3个就业岗位", TaskCategory.SPOUSE_EMPLOYMENT, "呼和浩特警备区政治工作处", new Contact("王参谋", "0471-6901234"), FILED_AT, REQUESTER);
    }

    private static RegisterTaskCommand registerCommand(LocalDate deadline, List<String> coUnits) {
        return registerCommand(deadline, coUnits, OFFICE);
    }

    private static RegisterTaskCommand registerCommand(LocalDate deadline, List<String> coUnits, Actor actor) {
        return new RegisterTaskCommand(ID, "呼和浩特市人力资源和社会保障局", coUnits, deadline, "家属满意", LATER, actor);
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
                        DEADLINE, "家属满意", LATER, OFFICE));
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
        fixture.given(filed(), new TaskDeclinedEvent(ID, "不属于地方职责", LATER, OFFICE))
                .when(registerCommand(DEADLINE, List.of()))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeDeclinesAFiledRequest() {
        fixture.given(filed())
                .when(new DeclineTaskCommand(ID, "不属于地方职责", LATER, OFFICE))
                .expectEvents(new TaskDeclinedEvent(ID, "不属于地方职责", LATER, OFFICE));
    }

    @Test
    void aRegisteredTaskCannotBeDeclined() {
        fixture.given(filed(), new TaskRegisteredEvent(ID, "呼和浩特市人力资源和社会保障局", List.of(), DEADLINE, "家属满意", LATER, OFFICE))
                .when(new DeclineTaskCommand(ID, "改变主意", LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeFilesOnAUnitsBehalfInItsRegion() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_MILITARY, TaskCategory.SPOUSE_EMPLOYMENT, "150102", "呼和浩特警备区政治工作处", OFFICE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aMilitaryUnitCannotFileOnTheSupportThePeopleList() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_PEOPLE, TaskCategory.DISASTER_RELIEF))
                .expectException(AccessDeniedException.class)
                .expectExceptionMessage("a MILITARY unit files only on the SUPPORT_THE_MILITARY list (拥军优属)")
                .expectNoEvents();
    }

    @Test
    void aUnitCannotFileOutsideItsRegion() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_MILITARY, TaskCategory.SPOUSE_EMPLOYMENT, "150202", "呼和浩特警备区政治工作处", REQUESTER))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aUnitCannotFileInAnotherUnitsName() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_MILITARY, TaskCategory.SPOUSE_EMPLOYMENT, "150102", "新城区人民武装部", REQUESTER))
                .expectException(AccessDeniedException.class)
                .expectExceptionMessage("a unit files only in its own name (呼和浩特警备区政治工作处)")
                .expectNoEvents();
    }

    @Test
    void leadersDoNotFile() {
        fixture.givenNoPriorActivity()
                .when(fileCommand(TaskList.SUPPORT_THE_MILITARY, TaskCategory.SPOUSE_EMPLOYMENT, "150102", "呼和浩特警备区政治工作处", LEADER))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void onlyTheOfficeOfTheTasksRegionRegisters() {
        fixture.given(filed())
                .when(registerCommand(DEADLINE, List.of(), OTHER_CITY_OFFICE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed())
                .when(registerCommand(DEADLINE, List.of(), REQUESTER))
                .expectException(AccessDeniedException.class)
                .expectExceptionMessage("only the dual-support office may register a request")
                .expectNoEvents();
    }

    @Test
    void onlyTheOfficeOfTheTasksRegionDeclines() {
        fixture.given(filed())
                .when(new DeclineTaskCommand(ID, "不属于地方职责", LATER, LEADER))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    private static final Actor RESPONSIBLE = new Actor("zhao", ActorRole.UNIT, "呼和浩特市人力资源和社会保障局", UnitSide.CIVIL, "150100");
    private static final Actor EDUCATION = new Actor("qian", ActorRole.UNIT, "呼和浩特市教育局", UnitSide.CIVIL, "150100");

    private static TaskRegisteredEvent registered() {
        return new TaskRegisteredEvent(ID, "呼和浩特市人力资源和社会保障局", List.of(), DEADLINE, "家属满意", LATER, OFFICE);
    }

    @Test
    void theResponsibleUnitClaims() {
        fixture.given(filed(), registered())
                .when(new ClaimTaskCommand(ID, LATER, RESPONSIBLE))
                .expectEvents(new TaskClaimedEvent(ID, LATER, RESPONSIBLE));
    }

    @Test
    void anotherUnitCannotClaim() {
        fixture.given(filed(), registered())
                .when(new ClaimTaskCommand(ID, LATER, EDUCATION))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aTaskIsClaimedOnlyOnce() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ClaimTaskCommand(ID, LATER, RESPONSIBLE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theResponsibleUnitReturnsWithAReason() {
        fixture.given(filed(), registered())
                .when(new ReturnTaskCommand(ID, "属于教育部门职责", LATER, RESPONSIBLE))
                .expectEvents(new TaskReturnedEvent(ID, "属于教育部门职责", LATER, RESPONSIBLE));
    }

    @Test
    void aClaimedTaskCannotBeReturned() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ReturnTaskCommand(ID, "改变主意", LATER, RESPONSIBLE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeReassignsAReturnedTaskKeepingTheDeadline() {
        fixture.given(filed(), registered(), new TaskReturnedEvent(ID, "属于教育部门职责", LATER, RESPONSIBLE))
                .when(new ReassignTaskCommand(ID, "呼和浩特市教育局", List.of(), null, LATER, OFFICE))
                .expectEvents(new TaskReassignedEvent(ID, "呼和浩特市教育局", List.of(), DEADLINE, LATER, OFFICE));
    }

    @Test
    void onlyAReturnedTaskIsReassignedAndOnlyByTheOffice() {
        fixture.given(filed(), registered())
                .when(new ReassignTaskCommand(ID, "呼和浩特市教育局", List.of(), null, LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskReturnedEvent(ID, "属于教育部门职责", LATER, RESPONSIBLE))
                .when(new ReassignTaskCommand(ID, "呼和浩特市教育局", List.of(), null, LATER, RESPONSIBLE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void reassigningToTheUnitThatReturnedItIsRefused() {
        fixture.given(filed(), registered(), new TaskReturnedEvent(ID, "属于教育部门职责", LATER, RESPONSIBLE))
                .when(new ReassignTaskCommand(ID, "呼和浩特市人力资源和社会保障局", List.of(), null, LATER, OFFICE))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
    }

    @Test
    void aReassignmentNamingACoUnitTwiceIsRefused() {
        fixture.given(filed(), registered(), new TaskReturnedEvent(ID, "属于教育部门职责", LATER, RESPONSIBLE))
                .when(new ReassignTaskCommand(ID, "呼和浩特市教育局", List.of("新城区人民政府", "新城区人民政府"), null, LATER, OFFICE))
                .expectException(InvalidFieldsException.class)
                .expectExceptionMessage("coUnits: must not name a unit twice")
                .expectNoEvents();
    }

    @Test
    void theRequesterWithdrawsItsRequest() {
        fixture.given(filed(), registered())
                .when(new WithdrawTaskCommand(ID, "部队已自行解决", 0, LATER, REQUESTER))
                .expectEvents(new TaskWithdrawnEvent(ID, "部队已自行解决", LATER, REQUESTER));
    }

    @Test
    void onlyTheRequesterWithdrawsAndNotTwice() {
        fixture.given(filed(), registered())
                .when(new WithdrawTaskCommand(ID, "无", 0, LATER, OFFICE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed(), new TaskWithdrawnEvent(ID, "部队已自行解决", LATER, REQUESTER))
                .when(new WithdrawTaskCommand(ID, "再次撤销", 0, LATER, REQUESTER))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    private static final LocalDate LATER_DEADLINE = LocalDate.of(2027, 9, 30);

    @Test
    void theResponsibleUnitAsksForAnExtensionBeforeTheDeadline() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new RequestExtensionCommand(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE))
                .expectEvents(new ExtensionRequestedEvent(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE));
    }

    @Test
    void anExtensionAskedAfterTheDeadlineIsRefused() {
        Instant dayAfterDeadline = Instant.parse("2027-07-01T02:00:00Z");
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new RequestExtensionCommand(ID, LATER_DEADLINE, "来不及了", dayAfterDeadline, RESPONSIBLE))
                .expectException(InvalidFieldsException.class)
                .expectExceptionMessage("requestedDeadline: an extension must be asked before the deadline (2027-06-30) has passed; it is 2027-07-01 in Asia/Shanghai")
                .expectNoEvents();
    }

    @Test
    void anExtensionMustMoveTheDeadlineLaterAndComeFromTheResponsibleUnit() {
        fixture.given(filed(), registered())
                .when(new RequestExtensionCommand(ID, DEADLINE, "同一天", LATER, RESPONSIBLE))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
        fixture.given(filed(), registered())
                .when(new RequestExtensionCommand(ID, LATER_DEADLINE, "代为申请", LATER, OFFICE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void oneExtensionRequestAtATime() {
        fixture.given(filed(), registered(), new ExtensionRequestedEvent(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE))
                .when(new RequestExtensionCommand(ID, LATER_DEADLINE.plusDays(1), "再次申请", LATER, RESPONSIBLE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeApprovesAndTheDeadlineMoves() {
        fixture.given(filed(), registered(), new ExtensionRequestedEvent(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE))
                .when(new ApproveExtensionCommand(ID, LATER, OFFICE))
                .expectEvents(new ExtensionApprovedEvent(ID, DEADLINE, LATER_DEADLINE, LATER, OFFICE));
    }

    @Test
    void approvingWithoutARequestOrByAUnitIsRefused() {
        fixture.given(filed(), registered())
                .when(new ApproveExtensionCommand(ID, LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new ExtensionRequestedEvent(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE))
                .when(new ApproveExtensionCommand(ID, LATER, RESPONSIBLE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeRefusesAnExtension() {
        fixture.given(filed(), registered(), new ExtensionRequestedEvent(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE))
                .when(new RefuseExtensionCommand(ID, "理由不充分", LATER, OFFICE))
                .expectEvents(new ExtensionRefusedEvent(ID, "理由不充分", LATER, OFFICE));
    }

    @Test
    void refusingWithoutARequestIsRefused() {
        fixture.given(filed(), registered(), new ExtensionRequestedEvent(ID, LATER_DEADLINE, "招聘计划推迟", LATER, RESPONSIBLE),
                        new ExtensionRefusedEvent(ID, "理由不充分", LATER, OFFICE))
                .when(new RefuseExtensionCommand(ID, "再次驳回", LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void theOfficeClosesAnAcceptedTask() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new CloseTaskCommand(ID, "验收合格", 1, LATER, OFFICE))
                .expectEvents(new TaskClosedEvent(ID, "验收合格", LATER, OFFICE));
    }

    @Test
    void aTaskIsNotClosedBeforeAcceptanceNorByAUnit() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new CloseTaskCommand(ID, null, 0, LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new CloseTaskCommand(ID, null, 1, LATER, REQUESTER))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void anAcceptedRequestCannotBeWithdrawn() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new WithdrawTaskCommand(ID, "不要了", 1, LATER, REQUESTER))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    // 修改 (amendment) before the claim

    @Test
    void theRequesterAmendsTheWordingBeforeRegistration() {
        fixture.given(filed())
                .when(new AmendTaskCommand(ID, null, "协调4个就业岗位", null, "补报1名家属", LATER, REQUESTER))
                .expectEvents(new TaskAmendedEvent(ID, "解决随军家属就业安置", "协调4个就业岗位", List.of(), "补报1名家属",
                        LATER, REQUESTER));
    }

    @Test
    void theOfficeAmendsTheCoUnitsOfARegisteredTask() {
        fixture.given(filed(), registered())
                .when(new AmendTaskCommand(ID, null, null, List.of("新城区人民政府"), "增加配合单位", LATER, OFFICE))
                .expectEvents(new TaskAmendedEvent(ID, "解决随军家属就业安置", "协调3个就业岗位", List.of("新城区人民政府"),
                        "增加配合单位", LATER, OFFICE));
    }

    @Test
    void anAmendmentIsRefusedAfterTheClaimByOthersOrWhenItChangesNothing() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new AmendTaskCommand(ID, "新标题", null, null, "晚了", LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(filed(), registered())
                .when(new AmendTaskCommand(ID, "新标题", null, null, "部队要改", LATER, REQUESTER))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed())
                .when(new AmendTaskCommand(ID, "新标题", null, null, "别的城市", LATER, OTHER_CITY_OFFICE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed())
                .when(new AmendTaskCommand(ID, "解决随军家属就业安置", null, null, "原样", LATER, REQUESTER))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
        fixture.given(filed())
                .when(new AmendTaskCommand(ID, null, null, List.of("新城区人民政府"), "立项前", LATER, REQUESTER))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
        fixture.given(filed(), registered())
                .when(new AmendTaskCommand(ID, null, null, List.of("呼和浩特市人力资源和社会保障局"), "重复", LATER, OFFICE))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
    }

    @Test
    void anAmendmentAfterTheClaimByAnOutsiderIsRefusedWithoutTellingTheTaskState() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new AmendTaskCommand(ID, "新标题", null, null, "别的城市", LATER, OTHER_CITY_OFFICE))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new AmendTaskCommand(ID, "新标题", null, null, "无关单位", LATER, EDUCATION))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new AmendTaskCommand(ID, "新标题", null, null, "部队要改", LATER, REQUESTER))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    // 重新办理 (reopening)

    @Test
    void theOfficeReopensAnAcceptedTaskWithANewDeadline() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ReopenTaskCommand(ID, "验收后发现问题", LATER_DEADLINE, null, null, 1, LATER, OFFICE))
                .expectEvents(new TaskReopenedEvent(ID, "验收后发现问题", LATER_DEADLINE, null, LATER, OFFICE));
    }

    @Test
    void theOfficeReopensAWronglyClosedTaskKeepingItsDeadline() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE),
                        new TaskClosedEvent(ID, null, LATER, OFFICE))
                .when(new ReopenTaskCommand(ID, "误销号", null, null, null, 1, LATER, OFFICE))
                .expectEvents(new TaskReopenedEvent(ID, "误销号", DEADLINE, null, LATER, OFFICE));
    }

    @Test
    void aReopenedTaskNeedsANewAcceptanceBeforeItIsClosedAgain() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE),
                        new TaskReopenedEvent(ID, "核查未通过", DEADLINE, null, LATER, OFFICE))
                .when(new CloseTaskCommand(ID, null, 1, LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE),
                        new TaskReopenedEvent(ID, "核查未通过", DEADLINE, null, LATER, OFFICE))
                .when(new CloseTaskCommand(ID, null, 2, LATER, OFFICE))
                .expectEvents(new TaskClosedEvent(ID, null, LATER, OFFICE));
    }

    @Test
    void aTaskWhoseWorkGoesOnIsNotReopenedNorByOthers() {
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ReopenTaskCommand(ID, "还没验收", null, null, null, 0, LATER, OFFICE))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ReopenTaskCommand(ID, "部队不满意", null, null, null, 1, LATER, REQUESTER))
                .expectException(AccessDeniedException.class)
                .expectNoEvents();
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ReopenTaskCommand(ID, "过期时限", LocalDate.of(2026, 1, 1), null, null, 1, LATER, OFFICE))
                .expectException(InvalidFieldsException.class)
                .expectNoEvents();
    }

    @Test
    void aFailedAuditReopensItsAcceptanceOnceOnly() {
        UUID audit = UUID.fromString("0f5c1a7e-2222-4a2b-9c3d-000000000009");
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE))
                .when(new ReopenTaskCommand(ID, "核查未通过：岗位不符", null, audit, 1, 1, LATER, OFFICE))
                .expectEvents(new TaskReopenedEvent(ID, "核查未通过：岗位不符", DEADLINE, audit, LATER, OFFICE));
        fixture.given(filed(), registered(), new TaskClaimedEvent(ID, LATER, RESPONSIBLE),
                        new TaskReopenedEvent(ID, "核查未通过：岗位不符", DEADLINE, audit, LATER, OFFICE))
                .when(new ReopenTaskCommand(ID, "核查未通过：岗位不符", null, audit, 1, 1, LATER, OFFICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
