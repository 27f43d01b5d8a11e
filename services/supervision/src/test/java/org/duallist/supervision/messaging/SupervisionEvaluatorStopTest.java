package org.duallist.supervision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.ShutdownEvent;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.platform.time.BusinessClock;
import org.duallist.supervision.command.EvaluateSupervisionCommand;
import org.duallist.supervision.command.SupervisionPolicy;
import org.duallist.supervision.query.TaskFactsLookup;
import org.junit.jupiter.api.Test;

/**
 * A pass over tens of thousands of tasks must not outlive the service: once it stops, the command bus
 * and the database go away, and each task left would fail and be logged (142,466 warnings once).
 */
class SupervisionEvaluatorStopTest {

    @Test
    void aPassEndsWhenTheServiceStopsAndLeavesTheRestToTheNextPass() {
        List<UUID> tasks = Stream.generate(UUID::randomUUID).limit(3).toList();
        List<Object> sent = new ArrayList<>();
        AtomicReference<SupervisionEvaluator> evaluator = new AtomicReference<>();
        // the service stops while the first task is judged
        CommandGateway commands = (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("sendAndWait")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    sent.add(arguments[0]);
                    evaluator.get().stopping(new ShutdownEvent());
                    return List.of();
                });
        TaskFactsLookup facts = new TaskFactsLookup() {
            @Override
            public List<Supervised> supervisedTasks(Supervised after, int limit) {
                return after == null ? tasks.stream().map(id -> new Supervised(id, LocalDate.of(2026, 6, 30), 1, 0)).toList() : List.of();
            }

            @Override
            public Optional<VersionedSnapshot> findVersioned(UUID taskId) {
                // facts newer than the listing's: the pass judges the task and does not remember it as quiet
                return Optional.of(new VersionedSnapshot(null, 2));
            }
        };
        evaluator.set(new SupervisionEvaluator(commands, facts, new BusinessClock(false), new SupervisionPolicy(3, 10, 2, 3, 3, 1), 1));

        EvaluationReport report = evaluator.get().evaluateAll();

        assertThat(sent).singleElement().isInstanceOfSatisfying(EvaluateSupervisionCommand.class,
                command -> assertThat(command.taskId()).isEqualTo(tasks.get(0)));
        assertThat(report.evaluated()).isEqualTo(1);
        assertThat(report.deferred()).isEqualTo(2);
        assertThat(report.emitted()).isEmpty();
    }
}
