package org.duallist.supervision.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.RectificationRespondedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of supervision at their day boundaries, with the default policy: yellow 7 days ahead,
 * lag margin 20 points, 督办 7 days after the deadline, 专题督办 and 提请领导小组 14 days after the grade
 * below, reply window 5 days.
 */
class SupervisionTest {

    private static final UUID ID = UUID.fromString("5c0f7a10-1111-4b2c-8d3e-000000000001");
    private static final LocalDate D = LocalDate.of(2026, 12, 31);
    private static final Instant AT = Instant.parse("2027-01-01T01:00:00Z");
    private static final String REGION = "150121";
    private static final String REQUESTER = "土默特左旗人民武装部";
    private static final String RESPONSIBLE = "土默特左旗交通运输局";
    private static final Actor SYSTEM = Supervision.scheduler(REGION);
    private static final Actor CITY_OFFICE = new Actor("li", ActorRole.OFFICE, null, null, "150100");
    private static final Actor COUNTY_OFFICE = new Actor("wu", ActorRole.OFFICE, null, null, REGION);
    private static final Actor OTHER_OFFICE = new Actor("sun", ActorRole.OFFICE, null, null, "150200");
    private static final Actor LEADER = new Actor("zhou", ActorRole.LEADER, null, null, "150100");
    private static final Actor RESPONSIBLE_UNIT = new Actor("zhao", ActorRole.UNIT, RESPONSIBLE, UnitSide.CIVIL, REGION);
    private static final Actor REQUESTER_UNIT = new Actor("wang", ActorRole.UNIT, REQUESTER, UnitSide.MILITARY, REGION);

    private FixtureConfiguration<Supervision> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Supervision.class);
        fixture.registerInjectableResource(SupervisionPolicy.DEFAULTS);
    }

    private static TaskSnapshot registered(LocalDate deadline) {
        return new TaskSnapshot(REGION, REQUESTER, RESPONSIBLE, List.of("土默特左旗财政局"), "REGISTERED", deadline, null, 0,
                false, 0, 0);
    }

    private static TaskSnapshot claimed(LocalDate deadline, LocalDate claimedOn, int percent) {
        return new TaskSnapshot(REGION, REQUESTER, RESPONSIBLE, List.of(), "CLAIMED", deadline, claimedOn, percent, false, 0, 0);
    }

    private static TaskSnapshot withStatus(String status, int accepted, int reopenings) {
        return new TaskSnapshot(REGION, REQUESTER, RESPONSIBLE, List.of(), status, D, D.minusDays(60), 50, false, accepted,
                reopenings);
    }

    private static LocalDate day(int afterDeadline) {
        return D.plusDays(afterDeadline);
    }

    private static EvaluateSupervisionCommand evaluate(TaskSnapshot facts, LocalDate on) {
        return new EvaluateSupervisionCommand(ID, facts, on, AT);
    }

    private static WarningLightChangedEvent lit(WarningLight light, WarningLight previous, String reason, LocalDate on) {
        return new WarningLightChangedEvent(ID, light, previous, reason, on, AT, SYSTEM);
    }

    private static SupervisionNoticeIssuedEvent notice(SupervisionGrade grade, String reason, LocalDate replyDue, LocalDate on) {
        return new SupervisionNoticeIssuedEvent(ID, Supervision.noticeId(ID, grade), grade, reason, replyDue, false, on, AT, SYSTEM);
    }

    private static SupervisionNoticeIssuedEvent reminderOnFirstOverdueDay() {
        return notice(SupervisionGrade.REMINDER, "逾期1天（完成时限2026-12-31）", null, day(1));
    }

    private static SupervisionNoticeIssuedEvent noticeOnDay7() {
        return notice(SupervisionGrade.NOTICE, "逾期7天（完成时限2026-12-31）", day(12), day(7));
    }

    private static SupervisionNoticeIssuedEvent specialOnMissedReply() {
        return notice(SupervisionGrade.SPECIAL, "逾期13天（完成时限2026-12-31），督办未按期整改反馈（反馈期限2027-01-12）", day(18), day(13));
    }

    private static RectificationRespondedEvent answered(SupervisionGrade grade, boolean late) {
        return new RectificationRespondedEvent(ID, Supervision.noticeId(ID, grade), "已整改", late, AT, RESPONSIBLE_UNIT);
    }

    private static WarningLightChangedEvent red() {
        return lit(WarningLight.RED, WarningLight.YELLOW, "逾期1天", day(1));
    }

    @Nested
    class Lights {

        @Test
        void theFirstEvaluationLightsGreenWhenTheDeadlineIsMoreThanSevenDaysAway() {
            fixture.givenNoPriorActivity()
                    .when(evaluate(registered(D), day(-8)))
                    .expectEvents(lit(WarningLight.GREEN, null, "正常", day(-8)));
        }

        @Test
        void yellowFromTheSeventhDayBeforeTheDeadline() {
            fixture.given(lit(WarningLight.GREEN, null, "正常", day(-9)))
                    .when(evaluate(registered(D), day(-8)))
                    .expectNoEvents();
            fixture.given(lit(WarningLight.GREEN, null, "正常", day(-8)))
                    .when(evaluate(registered(D), day(-7)))
                    .expectEvents(lit(WarningLight.YELLOW, WarningLight.GREEN, "临期（距完成时限7天）", day(-7)));
        }

        @Test
        void theDeadlineDayIsStillYellowWithoutANotice() {
            fixture.given(lit(WarningLight.YELLOW, WarningLight.GREEN, "临期（距完成时限7天）", day(-7)))
                    .when(evaluate(registered(D), D))
                    .expectNoEvents();
        }

        @Test
        void theDayAfterTheDeadlineIsRedWithAReminder() {
            fixture.given(lit(WarningLight.YELLOW, WarningLight.GREEN, "临期（距完成时限7天）", day(-7)))
                    .when(evaluate(registered(D), day(1)))
                    .expectEvents(red(), reminderOnFirstOverdueDay())
                    .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasSize(2));
        }

        @Test
        void aClaimedTaskMoreThanTwentyPointsBehindTheStraightLineIsYellow() {
            LocalDate claimedOn = D.minusDays(100);
            LocalDate halfway = D.minusDays(50);
            fixture.givenNoPriorActivity()
                    .when(evaluate(claimed(D, claimedOn, 29), halfway))
                    .expectEvents(lit(WarningLight.YELLOW, null, "进度滞后（应完成50%，已完成29%）", halfway));
            fixture.givenNoPriorActivity()
                    .when(evaluate(claimed(D, claimedOn, 30), halfway))
                    .expectEvents(lit(WarningLight.GREEN, null, "正常", halfway));
        }

        @Test
        void progressCatchingUpTurnsTheLightBackToGreen() {
            fixture.given(lit(WarningLight.YELLOW, null, "进度滞后（应完成50%，已完成29%）", D.minusDays(50)))
                    .when(evaluate(claimed(D, D.minusDays(100), 60), D.minusDays(49)))
                    .expectEvents(lit(WarningLight.GREEN, WarningLight.YELLOW, "正常", D.minusDays(49)));
        }

        @Test
        void theLagRuleNeedsAClaim() {
            fixture.givenNoPriorActivity()
                    .when(evaluate(registered(D), D.minusDays(50)))
                    .expectEvents(lit(WarningLight.GREEN, null, "正常", D.minusDays(50)));
        }

        @Test
        void aRepeatedEvaluationOnTheSameDayEmitsNothing() {
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(evaluate(registered(D), day(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(List.of());
        }
    }

    @Nested
    class Notices {

        @Test
        void theNoticeComesSevenDaysAfterTheDeadlineWithAFiveDayReplyWindow() {
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(evaluate(registered(D), day(6)))
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(evaluate(registered(D), day(7)))
                    .expectEvents(noticeOnDay7());
        }

        @Test
        void aMissedReplyEscalatesToSpecialTheDayAfterTheReplyDate() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(evaluate(registered(D), day(12)))
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(evaluate(registered(D), day(13)))
                    .expectEvents(specialOnMissedReply());
        }

        @Test
        void aLateReplyCountsAsMissed() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), answered(SupervisionGrade.NOTICE, true))
                    .when(evaluate(registered(D), day(13)))
                    .expectEvents(specialOnMissedReply());
        }

        @Test
        void anOnTimeReplyPutsOffSpecialUntilFourteenDaysAfterTheNotice() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), answered(SupervisionGrade.NOTICE, false))
                    .when(evaluate(registered(D), day(20)))
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), answered(SupervisionGrade.NOTICE, false))
                    .when(evaluate(registered(D), day(21)))
                    .expectEvents(notice(SupervisionGrade.SPECIAL, "逾期21天（完成时限2026-12-31），督办后14天仍未办结", day(26), day(21)));
        }

        @Test
        void referralFollowsSpecialLikewise() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), specialOnMissedReply())
                    .when(evaluate(registered(D), day(18)))
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), specialOnMissedReply())
                    .when(evaluate(registered(D), day(19)))
                    .expectEvents(notice(SupervisionGrade.REFERRAL,
                            "逾期19天（完成时限2026-12-31），专题督办未按期整改反馈（反馈期限2027-01-18）", day(24), day(19)));
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), specialOnMissedReply(),
                            answered(SupervisionGrade.SPECIAL, false))
                    .when(evaluate(registered(D), day(26)))
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), specialOnMissedReply(),
                            answered(SupervisionGrade.SPECIAL, false))
                    .when(evaluate(registered(D), day(27)))
                    .expectEvents(notice(SupervisionGrade.REFERRAL, "逾期27天（完成时限2026-12-31），专题督办后14天仍未办结", day(32), day(27)));
        }

        @Test
        void nothingFollowsTheReferral() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), specialOnMissedReply(),
                            notice(SupervisionGrade.REFERRAL, "逾期19天", day(24), day(19)))
                    .when(evaluate(registered(D), day(200)))
                    .expectNoEvents();
        }

        @Test
        void aJumpOfTheClockIssuesEveryNoticeThatFellDueDatedTheDayItFellDue() {
            fixture.givenNoPriorActivity()
                    .when(evaluate(registered(D), day(30)))
                    .expectEvents(
                            lit(WarningLight.RED, null, "逾期30天", day(30)),
                            reminderOnFirstOverdueDay(),
                            noticeOnDay7(),
                            specialOnMissedReply(),
                            notice(SupervisionGrade.REFERRAL,
                                    "逾期19天（完成时限2026-12-31），专题督办未按期整改反馈（反馈期限2027-01-18）", day(24), day(19)));
        }

        @Test
        void theConfiguredDayCountsApply() {
            FixtureConfiguration<Supervision> strict = new AggregateTestFixture<>(Supervision.class);
            strict.registerInjectableResource(new SupervisionPolicy(3, 10, 2, 3, 3, 1));
            strict.givenNoPriorActivity()
                    .when(evaluate(registered(D), day(-4)))
                    .expectEvents(lit(WarningLight.GREEN, null, "正常", day(-4)));
            strict.givenNoPriorActivity()
                    .when(evaluate(registered(D), day(5)))
                    .expectEvents(
                            lit(WarningLight.RED, null, "逾期5天", day(5)),
                            notice(SupervisionGrade.REMINDER, "逾期1天（完成时限2026-12-31）", null, day(1)),
                            notice(SupervisionGrade.NOTICE, "逾期2天（完成时限2026-12-31）", day(3), day(2)),
                            notice(SupervisionGrade.SPECIAL, "逾期4天（完成时限2026-12-31），督办未按期整改反馈（反馈期限2027-01-03）", day(5), day(4)));
        }
    }

    @Nested
    class DeadlineMoves {

        @Test
        void anExtensionReEvaluatesTheLightAndIssuesNoNoticeBeforeTheNewDeadline() {
            LocalDate extended = D.plusDays(30);
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(evaluate(registered(extended), day(2)))
                    .expectEvents(lit(WarningLight.GREEN, WarningLight.RED, "正常", day(2)));
            fixture.given(red(), reminderOnFirstOverdueDay(), lit(WarningLight.GREEN, WarningLight.RED, "正常", day(2)))
                    .when(evaluate(registered(extended), extended))
                    .expectEvents(lit(WarningLight.YELLOW, WarningLight.GREEN, "临期（距完成时限0天）", extended));
        }

        @Test
        void escalationRestartsOnTheNewDeadlinesFirstOverdueDayAboveTheHighestGradeIssued() {
            LocalDate extended = D.plusDays(30);
            fixture.given(red(), reminderOnFirstOverdueDay(), lit(WarningLight.GREEN, WarningLight.RED, "正常", day(2)))
                    .when(evaluate(registered(extended), extended.plusDays(1)))
                    .expectEvents(
                            lit(WarningLight.RED, WarningLight.GREEN, "逾期1天", extended.plusDays(1)),
                            new SupervisionNoticeIssuedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.NOTICE),
                                    SupervisionGrade.NOTICE, "逾期1天（完成时限2027-01-30），上次督办后仍未办结",
                                    extended.plusDays(6), false, extended.plusDays(1), AT, SYSTEM));
        }

        @Test
        void closingWithdrawalDecliningAndAcceptanceEndSupervision() {
            for (TaskSnapshot ended : List.of(withStatus("CLOSED", 1, 0), withStatus("WITHDRAWN", 0, 0),
                    withStatus("DECLINED", 0, 0), withStatus("SUBMITTED", 0, 0), withStatus("CLAIMED", 1, 0))) {
                fixture.given(red(), reminderOnFirstOverdueDay())
                        .when(evaluate(ended, day(40)))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }
        }

        @Test
        void aReopeningResumesSupervisionAgainstTheNewDeadline() {
            LocalDate reopenedDeadline = D.plusDays(60);
            TaskSnapshot reopened = new TaskSnapshot(REGION, REQUESTER, RESPONSIBLE, List.of(), "CLAIMED", reopenedDeadline,
                    day(40), 100, false, 1, 1);
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(evaluate(reopened, day(41)))
                    .expectEvents(lit(WarningLight.GREEN, WarningLight.RED, "正常", day(41)));
        }
    }

    @Nested
    class ByHand {

        private IssueSupervisionNoticeCommand issue(SupervisionGrade grade, LocalDate replyDue, TaskSnapshot facts, LocalDate on,
                                                    Actor actor) {
            return new IssueSupervisionNoticeCommand(ID, grade, "群众反映强烈，需加快办理", replyDue, facts, on, AT, actor);
        }

        @Test
        void theOfficeStartsAnUrgentMatterHighAndEscalationContinuesAboveIt() {
            LocalDate today = day(-10);
            SupervisionNoticeIssuedEvent special = new SupervisionNoticeIssuedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.SPECIAL),
                    SupervisionGrade.SPECIAL, "群众反映强烈，需加快办理", today.plusDays(5), true, today, AT, CITY_OFFICE);
            fixture.givenNoPriorActivity()
                    .when(issue(SupervisionGrade.SPECIAL, null, registered(D), today, CITY_OFFICE))
                    .expectEvents(special)
                    .expectResultMessagePayload(Supervision.noticeId(ID, SupervisionGrade.SPECIAL));
            fixture.given(special)
                    .when(evaluate(registered(D), day(1)))
                    .expectEvents(lit(WarningLight.RED, null, "逾期1天", day(1)),
                            notice(SupervisionGrade.REFERRAL, "逾期1天（完成时限2026-12-31），上次督办后仍未办结", day(6), day(1)));
        }

        @Test
        void aNoticeByHandWhileOverdueSetsTheClockOfTheNextGrade() {
            SupervisionNoticeIssuedEvent notice = new SupervisionNoticeIssuedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.NOTICE),
                    SupervisionGrade.NOTICE, "逾期3天，约谈", day(5), true, day(3), AT, COUNTY_OFFICE);
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(new IssueSupervisionNoticeCommand(ID, SupervisionGrade.NOTICE, " 逾期3天，约谈 ", day(5), registered(D), day(3),
                            AT, COUNTY_OFFICE))
                    .expectEvents(notice);
            fixture.given(red(), reminderOnFirstOverdueDay(), notice)
                    .when(evaluate(registered(D), day(7)))
                    .expectEvents(notice(SupervisionGrade.SPECIAL, "逾期6天（完成时限2026-12-31），督办未按期整改反馈（反馈期限2027-01-05）",
                            day(11), day(6)));
        }

        @Test
        void aReminderByHandNeedsNoReplyUnlessGivenADate() {
            fixture.givenNoPriorActivity()
                    .when(issue(SupervisionGrade.REMINDER, null, registered(D), day(-3), CITY_OFFICE))
                    .expectEvents(new SupervisionNoticeIssuedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.REMINDER),
                            SupervisionGrade.REMINDER, "群众反映强烈，需加快办理", null, true, day(-3), AT, CITY_OFFICE));
            fixture.givenNoPriorActivity()
                    .when(issue(SupervisionGrade.REMINDER, day(-1), registered(D), day(-3), CITY_OFFICE))
                    .expectEvents(new SupervisionNoticeIssuedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.REMINDER),
                            SupervisionGrade.REMINDER, "群众反映强烈，需加快办理", day(-1), true, day(-3), AT, CITY_OFFICE));
        }

        @Test
        void onlyTheOfficeOfTheTasksRegionIssuesNotices() {
            for (Actor refused : List.of(OTHER_OFFICE, LEADER, RESPONSIBLE_UNIT, REQUESTER_UNIT, SYSTEM)) {
                fixture.givenNoPriorActivity()
                        .when(issue(SupervisionGrade.NOTICE, null, registered(D), day(-3), refused))
                        .expectException(AccessDeniedException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void onlyASupervisedTaskGetsANotice() {
            fixture.givenNoPriorActivity()
                    .when(issue(SupervisionGrade.NOTICE, null, withStatus("CLOSED", 1, 0), day(3), CITY_OFFICE))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(issue(SupervisionGrade.NOTICE, null, withStatus("SUBMITTED", 0, 0), day(3), CITY_OFFICE))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void aGradeIsIssuedOnceAndNoticesOnlyRise() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(issue(SupervisionGrade.NOTICE, null, registered(D), day(8), CITY_OFFICE))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(issue(SupervisionGrade.REMINDER, null, registered(D), day(8), CITY_OFFICE))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void aReasonAndAReplyDateNotInThePastAreRequired() {
            fixture.givenNoPriorActivity()
                    .when(new IssueSupervisionNoticeCommand(ID, SupervisionGrade.NOTICE, "  ", day(-5), registered(D), day(-3), AT,
                            CITY_OFFICE))
                    .expectException(InvalidFieldsException.class)
                    .expectExceptionMessage("reason: is required; replyDue: must not be before today (2026-12-28)")
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new IssueSupervisionNoticeCommand(ID, null, "事由", null, registered(D), day(-3), AT, CITY_OFFICE))
                    .expectException(InvalidFieldsException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Responses {

        private RespondToNoticeCommand respond(SupervisionGrade grade, LocalDate on, Actor actor) {
            return new RespondToNoticeCommand(ID, Supervision.noticeId(ID, grade), "已约谈施工方，本月底前完工", registered(D), on, AT, actor);
        }

        @Test
        void theResponsibleUnitAnswersOnTheReplyDateInTime() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(respond(SupervisionGrade.NOTICE, day(12), RESPONSIBLE_UNIT))
                    .expectEvents(new RectificationRespondedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.NOTICE),
                            "已约谈施工方，本月底前完工", false, AT, RESPONSIBLE_UNIT))
                    .expectResultMessagePayload(false);
        }

        @Test
        void anAnswerTheDayAfterTheReplyDateIsLate() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(respond(SupervisionGrade.NOTICE, day(13), RESPONSIBLE_UNIT))
                    .expectEvents(new RectificationRespondedEvent(ID, Supervision.noticeId(ID, SupervisionGrade.NOTICE),
                            "已约谈施工方，本月底前完工", true, AT, RESPONSIBLE_UNIT))
                    .expectResultMessagePayload(true);
        }

        @Test
        void onlyTheResponsibleUnitAnswers() {
            for (Actor refused : List.of(REQUESTER_UNIT, CITY_OFFICE, LEADER,
                    new Actor("qian", ActorRole.UNIT, "土默特左旗财政局", UnitSide.CIVIL, REGION))) {
                fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                        .when(respond(SupervisionGrade.NOTICE, day(8), refused))
                        .expectException(AccessDeniedException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void aNoticeIsAnsweredOnceAndOnlyWhenItHasAReplyDate() {
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7(), answered(SupervisionGrade.NOTICE, false))
                    .when(respond(SupervisionGrade.NOTICE, day(9), RESPONSIBLE_UNIT))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(respond(SupervisionGrade.REMINDER, day(2), RESPONSIBLE_UNIT))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay())
                    .when(respond(SupervisionGrade.SPECIAL, day(2), RESPONSIBLE_UNIT))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
            fixture.given(red(), reminderOnFirstOverdueDay(), noticeOnDay7())
                    .when(new RespondToNoticeCommand(ID, Supervision.noticeId(ID, SupervisionGrade.NOTICE), " ", registered(D), day(8), AT,
                            RESPONSIBLE_UNIT))
                    .expectException(InvalidFieldsException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Audits {

        private static final UUID AUDIT = UUID.fromString("5c0f7a10-2222-4b2c-8d3e-000000000002");

        private RecordAuditCommand audit(AuditOutcome outcome, String findings, TaskSnapshot facts, Actor actor) {
            return new RecordAuditCommand(ID, AUDIT, outcome, findings, facts, AT, actor);
        }

        @Test
        void theOfficeAuditsAnAcceptedCompletion() {
            fixture.givenNoPriorActivity()
                    .when(audit(AuditOutcome.PASSED, null, withStatus("CLAIMED", 1, 0), CITY_OFFICE))
                    .expectEvents(new TaskAuditedEvent(ID, AUDIT, AuditOutcome.PASSED, 1, null, AT, CITY_OFFICE))
                    .expectResultMessagePayload(AUDIT);
            fixture.givenNoPriorActivity()
                    .when(audit(AuditOutcome.FAILED, " 道路未硬化 ", withStatus("CLOSED", 1, 0), COUNTY_OFFICE))
                    .expectEvents(new TaskAuditedEvent(ID, AUDIT, AuditOutcome.FAILED, 1, "道路未硬化", AT, COUNTY_OFFICE));
        }

        @Test
        void aClosedTaskWhoseAcceptanceIsNotLearnedYetAuditsTheNextAcceptance() {
            fixture.givenNoPriorActivity()
                    .when(audit(AuditOutcome.PASSED, null, withStatus("CLOSED", 1, 1), CITY_OFFICE))
                    .expectEvents(new TaskAuditedEvent(ID, AUDIT, AuditOutcome.PASSED, 2, null, AT, CITY_OFFICE));
        }

        @Test
        void eachAcceptedCompletionIsAuditedOnceAndAReopenedOneAgainAfterItsNextAcceptance() {
            TaskAuditedEvent failed = new TaskAuditedEvent(ID, UUID.randomUUID(), AuditOutcome.FAILED, 1, "道路未硬化", AT, CITY_OFFICE);
            fixture.given(failed)
                    .when(audit(AuditOutcome.PASSED, null, withStatus("CLAIMED", 1, 0), CITY_OFFICE))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
            fixture.given(failed)
                    .when(audit(AuditOutcome.PASSED, null, withStatus("CLAIMED", 2, 1), CITY_OFFICE))
                    .expectEvents(new TaskAuditedEvent(ID, AUDIT, AuditOutcome.PASSED, 2, null, AT, CITY_OFFICE));
        }

        @Test
        void onlyTheOfficeOfTheRegionAudits() {
            for (Actor refused : List.of(OTHER_OFFICE, LEADER, REQUESTER_UNIT, RESPONSIBLE_UNIT)) {
                fixture.givenNoPriorActivity()
                        .when(audit(AuditOutcome.PASSED, null, withStatus("CLOSED", 1, 0), refused))
                        .expectException(AccessDeniedException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void onlyAnAcceptedCompletionIsAudited() {
            for (TaskSnapshot open : List.of(withStatus("CLAIMED", 0, 0), withStatus("CLAIMED", 1, 1), withStatus("WITHDRAWN", 0, 0))) {
                fixture.givenNoPriorActivity()
                        .when(audit(AuditOutcome.PASSED, null, open, CITY_OFFICE))
                        .expectException(StateConflictException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void aFailedAuditNeedsFindings() {
            fixture.givenNoPriorActivity()
                    .when(audit(AuditOutcome.FAILED, "  ", withStatus("CLOSED", 1, 0), CITY_OFFICE))
                    .expectException(InvalidFieldsException.class)
                    .expectExceptionMessage("findings: is required when the audit fails (核查未通过)")
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(audit(null, null, withStatus("CLOSED", 1, 0), CITY_OFFICE))
                    .expectException(InvalidFieldsException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void noticeIdsAreOnePerTaskAndGrade() {
        assertThat(Supervision.noticeId(ID, SupervisionGrade.NOTICE)).isEqualTo(Supervision.noticeId(ID, SupervisionGrade.NOTICE))
                .isNotEqualTo(Supervision.noticeId(ID, SupervisionGrade.SPECIAL))
                .isNotEqualTo(Supervision.noticeId(UUID.randomUUID(), SupervisionGrade.NOTICE));
    }
}
