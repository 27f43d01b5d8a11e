package org.duallist.supervision.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.RectificationRespondedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.TaskEvent;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.FieldError;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;

/**
 * The supervision (督查督办) of one task: its warning light (预警), its graded supervision notices
 * (督办单) with their rectification responses (整改反馈), and the office's audits (核查). Its state is
 * its events, so an evaluation repeated on the same business day finds nothing left to do, and two
 * evaluations racing each other collide on the event store's sequence number.
 *
 * <p>Dates are business dates (Asia/Shanghai); D is the task's deadline as it stands now, T the day
 * evaluated, and the day counts come from {@link SupervisionPolicy} (defaults in brackets).
 *
 * <p><b>Supervised</b> while registered, claimed or returned and its completion not accepted
 * ({@link TaskSnapshot#supervised()}). Outside that (submitted, declined, withdrawn, closed, accepted)
 * an evaluation emits nothing: the last light stays as it was and no notice is issued; a reopening
 * makes the task supervised again.
 *
 * <p><b>Light</b>, judged for T and emitted only when it differs from the last one (the first
 * evaluation always lights one), dated T, with the reason as of T:
 * <ul>
 *   <li>RED 逾期N天 when T &gt; D: the day after the deadline is the first overdue day (N = T − D);</li>
 *   <li>YELLOW 临期 when D − T ≤ yellowDays [7] (the 7th day before the deadline is yellow, the 8th green);</li>
 *   <li>YELLOW 进度滞后 for a claimed task when the straight-line expectation from the claim date to D,
 *       100 × (T − claimed) / (D − claimed), exceeds the reported percent by more than lagMargin [20] points
 *       (exactly 20 behind stays green);</li>
 *   <li>GREEN 正常 otherwise.</li>
 * </ul>
 * A light skipped by a jump of the clock is not back-filled: a past day's lag cannot be judged
 * without that day's percent, so the light is what the evaluation day shows.
 *
 * <p><b>Notices</b>, one per grade per task (一事一单): grades only rise, and a grade once issued is
 * never issued again, automatically or by hand, whatever happens to the deadline. The next automatic
 * grade is the one above the highest issued (催办 when none, nothing after 提请领导小组), and falls due
 * <ul>
 *   <li>on D + 1, the first overdue day of the current deadline, when no notice was issued yet or the
 *       highest one was issued on or before D: for an earlier deadline (the deadline has moved since, by an
 *       approved extension, a reassignment or a reopening) or by hand before the task fell overdue. So
 *       escalation restarts on the new deadline's first overdue day from the grade above the highest issued;</li>
 *   <li>otherwise, when the highest notice was issued while overdue against D: 督办 on D + noticeAfterDays [7];
 *       专题督办 on the earlier of the 督办's date + specialAfterDays [14] and, when the 督办 got no on-time
 *       整改反馈 (none, or one after its reply date), its reply date + 1; 提请领导小组 likewise from the
 *       专题督办 with referralAfterDays [14].</li>
 * </ul>
 * An evaluation on T issues every notice that fell due on or before T, in order, each dated the day it
 * fell due (so a clock that jumped several days leaves the same history as daily evaluations would),
 * each carrying a reply date of its due date + replyWindowDays [5] from 督办 up (a 催办 needs no reply).
 * Automatic notices and lights are the system's ({@link ActorRole#SYSTEM}, user
 * {@value #SCHEDULER_USER}, region of the task).
 *
 * <p><b>By hand</b> the office of the task's region issues a notice on a supervised task at a grade
 * above the highest issued (urgent matters start high), with a reason and a reply date (default the
 * day + replyWindowDays from 督办 up, none for a 催办); automatic escalation continues above it. The
 * responsible unit answers each notice that has a reply date, once; the answer is late when given
 * after the reply date. The office of the region audits each accepted completion once; a failed
 * audit needs findings.
 */
public class Supervision {

    /** The user the system's own lights and notices are recorded under. */
    public static final String SCHEDULER_USER = "supervision-scheduler";

    @AggregateIdentifier
    private UUID taskId;
    private WarningLight light;
    /** In the order issued, which is the order of their grades. */
    private final List<Notice> notices = new ArrayList<>();
    /** The accepted completions audited so far, by their number (1 for the first). */
    private final Set<Integer> auditedAcceptances = new HashSet<>();

    protected Supervision() {
        // for Axon: rebuilt from events, or created by the first command
    }

    /** The id of a task's notice of a grade: there is at most one, so a repeated issue can never pass unseen. */
    public static UUID noticeId(UUID taskId, SupervisionGrade grade) {
        return UUID.nameUUIDFromBytes(("dual-list:supervision-notice:" + taskId + ":" + grade.name())
                .getBytes(StandardCharsets.UTF_8));
    }

    public static Actor scheduler(String regionCode) {
        return new Actor(SCHEDULER_USER, ActorRole.SYSTEM, null, null, regionCode);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public List<TaskEvent> handle(EvaluateSupervisionCommand command, SupervisionPolicy policy) {
        TaskSnapshot facts = command.facts();
        if (!facts.supervised()) {
            return List.of();
        }
        List<TaskEvent> emitted = new ArrayList<>();
        Actor system = scheduler(facts.regionCode());
        LocalDate today = command.businessDate();
        Judgement judged = judge(facts, today, policy);
        if (judged.light() != light) {
            emit(emitted, new WarningLightChangedEvent(command.taskId(), judged.light(), light, judged.reason(), today,
                    command.issuedAt(), system));
        }
        for (Due due = nextDue(facts.deadline(), policy); due != null && !due.on().isAfter(today);
             due = nextDue(facts.deadline(), policy)) {
            LocalDate replyDue = due.grade() == SupervisionGrade.REMINDER ? null : due.on().plusDays(policy.replyWindowDays());
            emit(emitted, new SupervisionNoticeIssuedEvent(command.taskId(), noticeId(command.taskId(), due.grade()),
                    due.grade(), due.reason(), replyDue, false, due.on(), command.issuedAt(), system));
        }
        return emitted;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(IssueSupervisionNoticeCommand command, SupervisionPolicy policy) {
        TaskSnapshot facts = command.facts();
        requireOfficeOfTheRegion(command.actor(), facts, "issue a supervision notice (督办单) on");
        if (!facts.supervised()) {
            throw new StateConflictException("the task is " + describe(facts) + "; notices are issued only while it is "
                    + "supervised (registered, claimed or returned, and its completion not accepted)");
        }
        List<FieldError> errors = new ArrayList<>();
        if (command.grade() == null) {
            errors.add(new FieldError("grade", "is required"));
        }
        if (isBlank(command.reason())) {
            errors.add(new FieldError("reason", "is required"));
        }
        if (command.replyDue() != null && command.replyDue().isBefore(command.businessDate())) {
            errors.add(new FieldError("replyDue", "must not be before today (" + command.businessDate() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        Notice highest = highest();
        if (highest != null && command.grade().compareTo(highest.grade) <= 0) {
            throw new StateConflictException("a notice of grade " + highest.grade + " (" + highest.grade.chineseName()
                    + ") was issued already; one notice per grade (一事一单), and a new one must rise above it");
        }
        LocalDate replyDue = command.replyDue() != null ? command.replyDue()
                : command.grade() == SupervisionGrade.REMINDER ? null : command.businessDate().plusDays(policy.replyWindowDays());
        UUID noticeId = noticeId(command.taskId(), command.grade());
        apply(new SupervisionNoticeIssuedEvent(command.taskId(), noticeId, command.grade(), command.reason().strip(), replyDue,
                true, command.businessDate(), command.issuedAt(), command.actor()));
        return noticeId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RespondToNoticeCommand command) {
        TaskSnapshot facts = command.facts();
        if (!command.actor().isUnit(facts.responsibleUnit())) {
            throw new AccessDeniedException("only the responsible unit (" + facts.responsibleUnit()
                    + ") may answer a supervision notice (整改反馈)");
        }
        Notice notice = notices.stream().filter(n -> n.id.equals(command.noticeId())).findFirst()
                .orElseThrow(() -> new StateConflictException("task " + command.taskId() + " has no notice " + command.noticeId()));
        if (notice.replyDue == null) {
            throw new StateConflictException("the " + notice.grade.chineseName() + " " + notice.id + " has no reply date and needs no response");
        }
        if (notice.answered) {
            throw new StateConflictException("notice " + notice.id + " was answered already");
        }
        if (isBlank(command.response())) {
            throw new InvalidFieldsException("response", "is required");
        }
        boolean late = command.businessDate().isAfter(notice.replyDue);
        apply(new RectificationRespondedEvent(command.taskId(), notice.id, command.response().strip(), late,
                command.respondedAt(), command.actor()));
        return late;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(RecordAuditCommand command) {
        TaskSnapshot facts = command.facts();
        requireOfficeOfTheRegion(command.actor(), facts, "audit (核查)");
        if (!facts.completionAccepted()) {
            throw new StateConflictException("the task is " + describe(facts)
                    + "; only a task whose completion the requester accepted is audited");
        }
        if (command.outcome() == null) {
            throw new InvalidFieldsException("outcome", "is required");
        }
        if (command.outcome() == AuditOutcome.FAILED && isBlank(command.findings())) {
            throw new InvalidFieldsException("findings", "is required when the audit fails (核查未通过)");
        }
        int acceptance = facts.acceptanceUnderAudit();
        if (auditedAcceptances.contains(acceptance)) {
            throw new StateConflictException("accepted completion #" + acceptance + " of task " + command.taskId()
                    + " was audited already");
        }
        apply(new TaskAuditedEvent(command.taskId(), command.auditId(), command.outcome(), acceptance,
                isBlank(command.findings()) ? null : command.findings().strip(), command.auditedAt(), command.actor()));
        return command.auditId();
    }

    private static void requireOfficeOfTheRegion(Actor actor, TaskSnapshot facts, String action) {
        if (actor.role() != ActorRole.OFFICE || !actor.covers(facts.regionCode())) {
            throw new AccessDeniedException("only the office (双拥办) of the task's region (" + facts.regionCode() + ") may "
                    + action + " this task");
        }
    }

    private static String describe(TaskSnapshot facts) {
        return facts.completionAccepted() ? facts.status() + " with its completion accepted" : facts.status();
    }

    private static void emit(List<TaskEvent> emitted, TaskEvent event) {
        apply(event);
        emitted.add(event);
    }

    /**
     * The first day after {@code today} on which evaluating these facts may emit anything, as long as the
     * facts and this task's stream stay as they are: the next day the light judged from them changes, and
     * at the latest the day after the deadline, from which the automatic notices fall due (each is issued
     * after the deadline) and every day is judged again. The light is judged with the same rules as the
     * evaluation, so the day found is the evaluation's own.
     */
    public static LocalDate quietUntil(TaskSnapshot facts, LocalDate today, SupervisionPolicy policy) {
        LocalDate deadline = facts.deadline();
        if (deadline == null || !today.isBefore(deadline)) {
            return today.plusDays(1);
        }
        WarningLight light = judge(facts, today, policy).light();
        LocalDate firstOverdueDay = deadline.plusDays(1);
        for (LocalDate day = today.plusDays(1); day.isBefore(firstOverdueDay); day = day.plusDays(1)) {
            if (judge(facts, day, policy).light() != light) {
                return day;
            }
        }
        return firstOverdueDay;
    }

    static Judgement judge(TaskSnapshot facts, LocalDate today, SupervisionPolicy policy) {
        LocalDate deadline = facts.deadline();
        if (today.isAfter(deadline)) {
            return new Judgement(WarningLight.RED, "逾期" + ChronoUnit.DAYS.between(deadline, today) + "天");
        }
        long daysLeft = ChronoUnit.DAYS.between(today, deadline);
        if (daysLeft <= policy.yellowDays()) {
            return new Judgement(WarningLight.YELLOW, "临期（距完成时限" + daysLeft + "天）");
        }
        LocalDate claimed = facts.claimedOn();
        if (facts.isClaimed() && claimed != null && !today.isBefore(claimed) && deadline.isAfter(claimed)) {
            long elapsed = ChronoUnit.DAYS.between(claimed, today);
            long span = ChronoUnit.DAYS.between(claimed, deadline);
            // in whole numbers: expected − percent > margin  ⇔  elapsed·100 − percent·span > margin·span
            if (elapsed * 100 - (long) facts.percent() * span > (long) policy.lagMargin() * span) {
                return new Judgement(WarningLight.YELLOW, "进度滞后（应完成" + (elapsed * 100 / span) + "%，已完成"
                        + facts.percent() + "%）");
            }
        }
        return new Judgement(WarningLight.GREEN, "正常");
    }

    /** The next automatic notice and the day it falls due, or null when the highest grade was issued. */
    private Due nextDue(LocalDate deadline, SupervisionPolicy policy) {
        Notice highest = highest();
        LocalDate firstOverdueDay = deadline.plusDays(1);
        if (highest == null) {
            return new Due(SupervisionGrade.REMINDER, firstOverdueDay, overdue(deadline, firstOverdueDay));
        }
        if (highest.grade == SupervisionGrade.REFERRAL) {
            return null;
        }
        SupervisionGrade grade = highest.grade.next();
        if (!highest.issuedOn.isAfter(deadline)) {
            return new Due(grade, firstOverdueDay, overdue(deadline, firstOverdueDay) + "，上次督办后仍未办结");
        }
        if (grade == SupervisionGrade.NOTICE) {
            LocalDate on = deadline.plusDays(policy.noticeAfterDays());
            return new Due(grade, on, overdue(deadline, on));
        }
        int afterDays = grade == SupervisionGrade.SPECIAL ? policy.specialAfterDays() : policy.referralAfterDays();
        LocalDate byInterval = highest.issuedOn.plusDays(afterDays);
        if (highest.missedReply()) {
            LocalDate byMissedReply = highest.replyDue.plusDays(1);
            if (byMissedReply.isBefore(byInterval)) {
                return new Due(grade, byMissedReply, overdue(deadline, byMissedReply) + "，" + highest.grade.chineseName()
                        + "未按期整改反馈（反馈期限" + highest.replyDue + "）");
            }
        }
        return new Due(grade, byInterval, overdue(deadline, byInterval) + "，" + highest.grade.chineseName() + "后"
                + afterDays + "天仍未办结");
    }

    private static String overdue(LocalDate deadline, LocalDate on) {
        return "逾期" + ChronoUnit.DAYS.between(deadline, on) + "天（完成时限" + deadline + "）";
    }

    private Notice highest() {
        return notices.isEmpty() ? null : notices.get(notices.size() - 1);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    @EventSourcingHandler
    void on(WarningLightChangedEvent event) {
        taskId = event.taskId();
        light = event.light();
    }

    @EventSourcingHandler
    void on(SupervisionNoticeIssuedEvent event) {
        taskId = event.taskId();
        notices.add(new Notice(event.noticeId(), event.grade(), event.businessDate(), event.replyDue(), false, false));
    }

    @EventSourcingHandler
    void on(RectificationRespondedEvent event) {
        notices.replaceAll(n -> n.id.equals(event.noticeId())
                ? new Notice(n.id, n.grade, n.issuedOn, n.replyDue, true, event.late()) : n);
    }

    @EventSourcingHandler
    void on(TaskAuditedEvent event) {
        taskId = event.taskId();
        auditedAcceptances.add(event.acceptedCompletions());
    }

    record Judgement(WarningLight light, String reason) {
    }

    private record Due(SupervisionGrade grade, LocalDate on, String reason) {
    }

    /** A notice as this aggregate needs it; a value, so that state rebuilt from events compares equal. */
    private record Notice(UUID id, SupervisionGrade grade, LocalDate issuedOn, LocalDate replyDue, boolean answered,
                          boolean answeredLate) {

        /** Its reply date passed without an on-time rectification response (none, or a late one). */
        private boolean missedReply() {
            return replyDue != null && !(answered && !answeredLate);
        }
    }
}
