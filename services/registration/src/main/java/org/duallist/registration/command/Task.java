package org.duallist.registration.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskAmendedEvent;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.FieldError;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.BusinessTime;
import org.duallist.contracts.Contact;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ExtensionRefusedEvent;
import org.duallist.contracts.ExtensionRequestedEvent;

/**
 * A dual-list item (事项) on the registration side: filed by a requester unit, then registered
 * and assigned by the dual-support office, or declined. Event-sourced: its state is its events.
 */
public class Task {

    @AggregateIdentifier
    private UUID id;

    private TaskStatus status;
    private TaskList list;
    private String regionCode;
    private int year;
    private String title;
    private String content;
    private TaskCategory category;
    private String requesterUnit;
    private Contact contact;
    private Instant filedAt;
    private String responsibleUnit;
    private List<String> coUnits = List.of();
    private LocalDate deadline;
    private String qualityRequirement;
    private Instant registeredAt;
    private String declineReason;
    private Instant declinedAt;
    private Instant claimedAt;
    private String returnReason;
    private String withdrawReason;
    private LocalDate requestedDeadline;
    /** How often the task was reopened; a completion counts as accepted while acceptances exceed it. */
    private int reopenings;

    protected Task() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Task(FileTaskCommand command) {
        requireMayFile(command);
        if (!command.category().belongsTo(command.list())) {
            throw new InvalidFieldsException("category", "category " + command.category() + " ("
                    + command.category().chineseName() + ") is not on the " + command.list() + " list ("
                    + command.list().chineseName() + ")");
        }
        apply(new TaskFiledEvent(command.taskId(), command.list(), command.regionCode(), command.year(),
                command.title(), command.content(), command.category(), command.requesterUnit(),
                command.contact(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(RegisterTaskCommand command) {
        requireOfficeOfTheRegion(command.actor(), "register");
        requireFiled("registered");
        List<FieldError> errors = assignmentErrors(command.responsibleUnit(), command.coUnits(), command.deadline(),
                command.issuedAt());
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        apply(new TaskRegisteredEvent(id, command.responsibleUnit(), command.coUnits(), command.deadline(),
                command.qualityRequirement(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(DeclineTaskCommand command) {
        requireOfficeOfTheRegion(command.actor(), "decline");
        requireFiled("declined");
        apply(new TaskDeclinedEvent(id, command.reason(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(ClaimTaskCommand command) {
        requireResponsibleUnit(command.actor(), "claim");
        requireStatus(TaskStatus.REGISTERED, "claimed");
        apply(new TaskClaimedEvent(id, command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(ReturnTaskCommand command) {
        requireResponsibleUnit(command.actor(), "return");
        requireStatus(TaskStatus.REGISTERED, "returned");
        apply(new TaskReturnedEvent(id, command.reason(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(ReassignTaskCommand command) {
        requireOfficeOfTheRegion(command.actor(), "reassign");
        requireStatus(TaskStatus.RETURNED, "reassigned");
        LocalDate newDeadline = command.deadline() == null ? deadline : command.deadline();
        List<FieldError> errors = assignmentErrors(command.responsibleUnit(), command.coUnits(), command.deadline(),
                command.issuedAt());
        if (command.responsibleUnit().equals(responsibleUnit)) {
            errors.add(new FieldError("responsibleUnit", "is the unit that returned the task; name another"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        apply(new TaskReassignedEvent(id, command.responsibleUnit(), command.coUnits(), newDeadline,
                command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(WithdrawTaskCommand command) {
        if (!command.actor().isUnit(requesterUnit)) {
            throw new AccessDeniedException("only the requester unit (" + requesterUnit + ") may withdraw its request");
        }
        if (status == TaskStatus.DECLINED || status == TaskStatus.WITHDRAWN || status == TaskStatus.CLOSED) {
            throw new StateConflictException("task " + id + " is " + status + "; there is nothing to withdraw");
        }
        if (completionAccepted(command.completionAcceptances())) {
            throw new StateConflictException("the requester accepted the completion already; a request is withdrawn only before");
        }
        apply(new TaskWithdrawnEvent(id, command.reason(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(RequestExtensionCommand command) {
        requireResponsibleUnit(command.actor(), "ask for an extension of");
        if (status != TaskStatus.REGISTERED && status != TaskStatus.CLAIMED) {
            throw new StateConflictException("task " + id + " is " + status + "; only an assigned task's deadline can be extended");
        }
        if (requestedDeadline != null) {
            throw new StateConflictException("an extension to " + requestedDeadline + " is already awaiting the office's decision");
        }
        LocalDate today = LocalDate.ofInstant(command.issuedAt(), BusinessTime.ZONE);
        if (today.isAfter(deadline)) {
            throw new InvalidFieldsException("requestedDeadline", "an extension must be asked before the deadline ("
                    + deadline + ") has passed; it is " + today + " in Asia/Shanghai");
        }
        if (!command.requestedDeadline().isAfter(deadline)) {
            throw new InvalidFieldsException("requestedDeadline", "must be after the current deadline " + deadline);
        }
        apply(new ExtensionRequestedEvent(id, command.requestedDeadline(), command.reason(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(ApproveExtensionCommand command) {
        requireOfficeOfTheRegion(command.actor(), "approve an extension of");
        requirePendingExtension();
        apply(new ExtensionApprovedEvent(id, deadline, requestedDeadline, command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(RefuseExtensionCommand command) {
        requireOfficeOfTheRegion(command.actor(), "refuse an extension of");
        requirePendingExtension();
        apply(new ExtensionRefusedEvent(id, command.reason(), command.issuedAt(), command.actor()));
    }

    private void requirePendingExtension() {
        if (requestedDeadline == null) {
            throw new StateConflictException("task " + id + " has no extension request awaiting a decision");
        }
    }

    @CommandHandler
    public void handle(CloseTaskCommand command) {
        requireOfficeOfTheRegion(command.actor(), "close");
        requireStatus(TaskStatus.CLAIMED, "closed");
        if (!completionAccepted(command.completionAcceptances())) {
            throw new StateConflictException("task " + id + " is closed only after the requester accepted its completion");
        }
        apply(new TaskClosedEvent(id, command.note(), command.issuedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(AmendTaskCommand command) {
        Actor actor = command.actor();
        boolean office = actor.role() == ActorRole.OFFICE && actor.covers(regionCode);
        boolean requester = actor.isUnit(requesterUnit);
        // before the state: whoever may never amend the task learns nothing of it, not even that it was claimed
        if (!office && !requester) {
            throw new AccessDeniedException("only the requester unit (" + requesterUnit + ", before the registration) or the "
                    + "office of region " + regionCode + " (before the claim) may amend this task");
        }
        if (status == TaskStatus.SUBMITTED) {
            if (command.coUnits() != null) {
                throw new InvalidFieldsException("coUnits", "co-units are named when the office registers the task");
            }
        } else if (status == TaskStatus.REGISTERED) {
            requireOfficeOfTheRegion(actor, "amend");
        } else {
            throw new StateConflictException("task " + id + " is " + status
                    + "; it is amended only before the responsible unit claims it");
        }
        String newTitle = command.title() == null ? title : command.title();
        String newContent = command.content() == null ? content : command.content();
        List<String> newCoUnits = command.coUnits() == null ? coUnits : command.coUnits();
        if (newTitle.equals(title) && newContent.equals(content) && newCoUnits.equals(coUnits)) {
            throw new InvalidFieldsException("title", "the amendment changes nothing: give a new title, content or co-units");
        }
        if (command.coUnits() != null) {
            List<FieldError> errors = assignmentErrors(responsibleUnit, newCoUnits, null, command.issuedAt());
            if (!errors.isEmpty()) {
                throw new InvalidFieldsException(errors);
            }
        }
        apply(new TaskAmendedEvent(id, newTitle, newContent, newCoUnits, command.reason(), command.issuedAt(), actor));
    }

    @CommandHandler
    public void handle(ReopenTaskCommand command) {
        requireOfficeOfTheRegion(command.actor(), "reopen");
        if (command.auditedAcceptance() != null && reopenings >= command.auditedAcceptance()) {
            return; // this audited acceptance has been reopened already (a redelivered audit, or by hand)
        }
        boolean accepted = completionAccepted(command.completionAcceptances());
        if (!(status == TaskStatus.CLOSED || (status == TaskStatus.CLAIMED && accepted))) {
            throw new StateConflictException("task " + id + " is " + status + (status == TaskStatus.CLAIMED
                    ? " and its work goes on" : "") + "; only a task whose completion was accepted, or a closed one, is reopened");
        }
        LocalDate today = LocalDate.ofInstant(command.issuedAt(), BusinessTime.ZONE);
        if (command.deadline() != null && command.deadline().isBefore(today)) {
            throw new InvalidFieldsException("deadline", "must not be in the past (today is " + today + " in Asia/Shanghai)");
        }
        apply(new TaskReopenedEvent(id, command.reason(), command.deadline() == null ? deadline : command.deadline(),
                command.auditId(), command.issuedAt(), command.actor()));
    }

    /** Whether the latest completion stands accepted: every reopening undoes one acceptance. */
    private boolean completionAccepted(int completionAcceptances) {
        return completionAcceptances > reopenings;
    }

    /** What is wrong with an assignment (registration or reassignment); a null deadline keeps the current one. */
    /**
     * What registration and reassignment refuse in an assignment; public so that a list import can
     * judge every row by the same rules before it files any.
     */
    public static List<FieldError> assignmentErrors(String responsible, List<String> coUnits, LocalDate deadline,
                                                    Instant issuedAt) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(issuedAt, BusinessTime.ZONE);
        if (deadline != null && deadline.isBefore(today)) {
            errors.add(new FieldError("deadline", "must not be in the past (today is " + today + " in Asia/Shanghai)"));
        }
        if (coUnits.contains(responsible)) {
            errors.add(new FieldError("coUnits", "must not repeat the responsible unit"));
        }
        if (coUnits.stream().distinct().count() != coUnits.size()) {
            errors.add(new FieldError("coUnits", "must not name a unit twice"));
        }
        return errors;
    }

    private void requireResponsibleUnit(Actor actor, String action) {
        if (!actor.isUnit(responsibleUnit)) {
            throw new AccessDeniedException("only the responsible unit (" + responsibleUnit + ") may " + action + " this task");
        }
    }

    private void requireStatus(TaskStatus expected, String action) {
        if (status != expected) {
            throw new StateConflictException("task " + id + " is " + status + "; only a " + expected + " task can be " + action);
        }
    }

    /**
     * A unit files on its own side's list, in its region, in its own name; the office of the region
     * may file on a unit's behalf (as when a year's list is imported); leaders only read.
     */
    private static void requireMayFile(FileTaskCommand command) {
        Actor actor = command.actor();
        switch (actor.role()) {
            case UNIT -> {
                if (actor.side().filesOn() != command.list()) {
                    throw new AccessDeniedException("a " + actor.side() + " unit files only on the "
                            + actor.side().filesOn() + " list (" + actor.side().filesOn().chineseName() + ")");
                }
                if (!actor.covers(command.regionCode())) {
                    throw new AccessDeniedException("a unit files only in its own region (" + actor.region() + ")");
                }
                if (!actor.unit().equals(command.requesterUnit())) {
                    throw new AccessDeniedException("a unit files only in its own name (" + actor.unit() + ")");
                }
            }
            case OFFICE -> {
                if (!actor.covers(command.regionCode())) {
                    throw new AccessDeniedException("an office files only in its own region (" + actor.region() + ")");
                }
            }
            case LEADER -> throw new AccessDeniedException("leadership groups read; they do not file requests");
        }
    }

    private void requireOfficeOfTheRegion(Actor actor, String action) {
        if (actor.role() != ActorRole.OFFICE) {
            throw new AccessDeniedException("only the dual-support office may " + action + " a request");
        }
        if (!actor.covers(regionCode)) {
            throw new AccessDeniedException("only the office of region " + regionCode + " (or above it) may " + action + " this request");
        }
    }

    private void requireFiled(String action) {
        if (status != TaskStatus.SUBMITTED) {
            throw new StateConflictException("task " + id + " is " + status + "; only a SUBMITTED task can be " + action);
        }
    }

    @EventSourcingHandler
    void on(TaskFiledEvent event) {
        id = event.taskId();
        status = TaskStatus.SUBMITTED;
        list = event.list();
        regionCode = event.regionCode();
        year = event.year();
        title = event.title();
        content = event.content();
        category = event.category();
        requesterUnit = event.requesterUnit();
        contact = event.contact();
        filedAt = event.filedAt();
    }

    @EventSourcingHandler
    void on(TaskRegisteredEvent event) {
        status = TaskStatus.REGISTERED;
        responsibleUnit = event.responsibleUnit();
        coUnits = event.coUnits();
        deadline = event.deadline();
        qualityRequirement = event.qualityRequirement();
        registeredAt = event.registeredAt();
    }

    @EventSourcingHandler
    void on(TaskClaimedEvent event) {
        status = TaskStatus.CLAIMED;
        claimedAt = event.claimedAt();
    }

    @EventSourcingHandler
    void on(TaskReturnedEvent event) {
        status = TaskStatus.RETURNED;
        returnReason = event.reason();
    }

    @EventSourcingHandler
    void on(TaskReassignedEvent event) {
        status = TaskStatus.REGISTERED;
        responsibleUnit = event.responsibleUnit();
        coUnits = event.coUnits();
        deadline = event.deadline();
        returnReason = null;
    }

    @EventSourcingHandler
    void on(ExtensionRequestedEvent event) {
        requestedDeadline = event.requestedDeadline();
    }

    @EventSourcingHandler
    void on(ExtensionApprovedEvent event) {
        deadline = event.newDeadline();
        requestedDeadline = null;
    }

    @EventSourcingHandler
    void on(ExtensionRefusedEvent event) {
        requestedDeadline = null;
    }

    @EventSourcingHandler
    void on(TaskClosedEvent event) {
        status = TaskStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(TaskAmendedEvent event) {
        title = event.title();
        content = event.content();
        coUnits = event.coUnits();
    }

    @EventSourcingHandler
    void on(TaskReopenedEvent event) {
        status = TaskStatus.CLAIMED;
        deadline = event.deadline();
        requestedDeadline = null;
        reopenings++;
    }

    @EventSourcingHandler
    void on(TaskWithdrawnEvent event) {
        status = TaskStatus.WITHDRAWN;
        withdrawReason = event.reason();
    }

    @EventSourcingHandler
    void on(TaskDeclinedEvent event) {
        status = TaskStatus.DECLINED;
        declineReason = event.reason();
        declinedAt = event.declinedAt();
    }

    /** @param version the aggregate's version as the repository loaded it: its last event's sequence */
    public TaskView view(long version) {
        return new TaskView(id, status, list, regionCode, year, title, content, category, requesterUnit,
                contact.name(), contact.phone(), filedAt, responsibleUnit, coUnits, deadline, qualityRequirement,
                registeredAt, declineReason, declinedAt, claimedAt, returnReason, withdrawReason, requestedDeadline,
                reopenings, version);
    }
}
