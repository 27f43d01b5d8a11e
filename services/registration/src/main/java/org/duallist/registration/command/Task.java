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
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.platform.domain.FieldError;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.domain.StateConflictException;
import org.duallist.contracts.BusinessTime;

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
    private String contactName;
    private String contactPhone;
    private Instant filedAt;
    private String responsibleUnit;
    private List<String> coUnits = List.of();
    private LocalDate deadline;
    private String qualityRequirement;
    private Instant registeredAt;
    private String declineReason;
    private Instant declinedAt;

    protected Task() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Task(FileTaskCommand command) {
        if (!command.category().belongsTo(command.list())) {
            throw new InvalidFieldsException("category", "category " + command.category() + " ("
                    + command.category().chineseName() + ") is not on the " + command.list() + " list ("
                    + command.list().chineseName() + ")");
        }
        apply(new TaskFiledEvent(command.taskId(), command.list(), command.regionCode(), command.year(),
                command.title(), command.content(), command.category(), command.requesterUnit(),
                command.contactName(), command.contactPhone(), command.issuedAt()));
    }

    @CommandHandler
    public void handle(RegisterTaskCommand command) {
        requireFiled("registered");
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(command.issuedAt(), BusinessTime.ZONE);
        if (command.deadline().isBefore(today)) {
            errors.add(new FieldError("deadline", "must not be in the past (today is " + today + " in Asia/Shanghai)"));
        }
        if (command.coUnits().contains(command.responsibleUnit())) {
            errors.add(new FieldError("coUnits", "must not repeat the responsible unit"));
        }
        if (command.coUnits().stream().distinct().count() != command.coUnits().size()) {
            errors.add(new FieldError("coUnits", "must not name a unit twice"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        apply(new TaskRegisteredEvent(id, command.responsibleUnit(), command.coUnits(), command.deadline(),
                command.qualityRequirement(), command.issuedAt()));
    }

    @CommandHandler
    public void handle(DeclineTaskCommand command) {
        requireFiled("declined");
        apply(new TaskDeclinedEvent(id, command.reason(), command.issuedAt()));
    }

    private void requireFiled(String action) {
        if (status != TaskStatus.FILED) {
            throw new StateConflictException("task " + id + " is " + status + "; only a FILED task can be " + action);
        }
    }

    @EventSourcingHandler
    void on(TaskFiledEvent event) {
        id = event.taskId();
        status = TaskStatus.FILED;
        list = event.list();
        regionCode = event.regionCode();
        year = event.year();
        title = event.title();
        content = event.content();
        category = event.category();
        requesterUnit = event.requesterUnit();
        contactName = event.contactName();
        contactPhone = event.contactPhone();
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
    void on(TaskDeclinedEvent event) {
        status = TaskStatus.DECLINED;
        declineReason = event.reason();
        declinedAt = event.declinedAt();
    }

    /** @param version the aggregate's version as the repository loaded it: its last event's sequence */
    public TaskView view(long version) {
        return new TaskView(id, status, list, regionCode, year, title, content, category, requesterUnit,
                contactName, contactPhone, filedAt, responsibleUnit, coUnits, deadline, qualityRequirement,
                registeredAt, declineReason, declinedAt, version);
    }
}
