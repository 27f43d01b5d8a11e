package org.duallist.registration.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.duallist.platform.axon.AxonRuntime;
import org.duallist.registration.command.Task;
import org.duallist.registration.command.TaskView;

/**
 * Reads a task's current state from its events, for the answers of the registration API: the
 * caller sees its own change at once, before the query service has projected it.
 */
@ApplicationScoped
public class TaskStateLookup {

    private final AxonRuntime axon;

    TaskStateLookup(AxonRuntime axon) {
        this.axon = axon;
    }

    /**
     * The task's state, or empty when nothing was filed under this id. Asks the event store for the
     * stream's last sequence number first: loading an unknown aggregate fails with an exception that
     * Axon's repository logs as a warning with its stack, once per new row of every list import.
     */
    public Optional<TaskView> findIfFiled(UUID taskId) {
        if (axon.configuration().eventStore().lastSequenceNumberFor(taskId.toString()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(find(taskId));
    }

    /** @throws org.axonframework.modelling.command.AggregateNotFoundException for an unknown task */
    public TaskView find(UUID taskId) {
        Repository<Task> repository = axon.configuration().repository(Task.class);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<Task> task = repository.load(taskId.toString());
            TaskView view = task.invoke(t -> t.view(task.version()));
            unitOfWork.rollback();
            return view;
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }
}
