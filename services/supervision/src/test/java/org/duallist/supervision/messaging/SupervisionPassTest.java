package org.duallist.supervision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.platform.time.BusinessClock;
import org.duallist.supervision.command.EvaluateSupervisionCommand;
import org.duallist.supervision.command.SupervisionPolicy;
import org.duallist.supervision.command.TaskSnapshot;
import org.duallist.supervision.query.TaskFactsLookup;
import org.junit.jupiter.api.Test;

/**
 * The pass reads the supervised tasks a page at a time and judges a page on several threads: every
 * task is judged once, the report keeps the tasks' order, its list of what was emitted stays bounded,
 * and the memory of quiet tasks forgets those no longer supervised.
 */
class SupervisionPassTest {

    private static final SupervisionPolicy POLICY = new SupervisionPolicy(7, 20, 7, 14, 14, 5);
    private static final LocalDate DEADLINE = LocalDate.of(2026, 6, 30);

    /** Supervised tasks in the order of their deadlines, listed a page at a time as the database would. */
    private static final class Listing extends TaskFactsLookup {
        final List<Supervised> tasks = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> pageSizes = Collections.synchronizedList(new ArrayList<>());

        Listing(int count) {
            // two deadlines, so that a page boundary falls among tasks of the same deadline
            IntStream.range(0, count).forEach(i -> tasks.add(new Supervised(UUID.randomUUID(), DEADLINE.plusDays(i % 2), 1, 0)));
            tasks.sort(Comparator.comparing(Supervised::deadline).thenComparing(Supervised::taskId));
        }

        @Override
        public List<Supervised> supervisedTasks(Supervised after, int limit) {
            List<Supervised> page = tasks.stream()
                    .filter(task -> after == null || task.deadline().isAfter(after.deadline())
                            || task.deadline().equals(after.deadline()) && task.taskId().compareTo(after.taskId()) > 0)
                    .limit(limit).toList();
            pageSizes.add(page.size());
            return page;
        }

        @Override
        public Optional<VersionedSnapshot> findVersioned(UUID taskId) {
            return Optional.of(new VersionedSnapshot(new TaskSnapshot("150102", "某部", "市民政局", List.of(), "REGISTERED",
                    DEADLINE, null, 0, false, 0, 0), 1));
        }
    }

    private static CommandGateway gateway(Function<EvaluateSupervisionCommand, List<?>> judge) {
        return (CommandGateway) Proxy.newProxyInstance(SupervisionPassTest.class.getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("sendAndWait")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return judge.apply((EvaluateSupervisionCommand) arguments[0]);
                });
    }

    private static WarningLightChangedEvent light(UUID taskId, WarningLight light) {
        return new WarningLightChangedEvent(taskId, light, null, "测试", DEADLINE, Instant.parse("2026-06-01T01:00:00Z"), null);
    }

    @Test
    void everyTaskOnEveryPageIsJudgedOnceOnSeveralThreadsAndReportedInTheListingsOrder() throws Exception {
        Listing listing = new Listing(SupervisionEvaluator.PAGE_SIZE * 2 + 37);
        Map<UUID, Integer> judged = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // the first four commands meet before any of them answers: the pass judges them at the same time
        CyclicBarrier together = new CyclicBarrier(4);
        CommandGateway commands = gateway(command -> {
            judged.merge(command.taskId(), 1, Integer::sum);
            threads.add(Thread.currentThread().getName());
            if (judged.size() <= 4) {
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new AssertionError("the pass did not judge four tasks at once", e);
                }
            }
            return List.of(light(command.taskId(), WarningLight.GREEN));
        });
        SupervisionEvaluator evaluator = new SupervisionEvaluator(commands, listing, new BusinessClock(false), POLICY, 4);

        EvaluationReport report = evaluator.evaluateAll();

        assertThat(judged).hasSize(listing.tasks.size()).allSatisfy((task, times) -> assertThat(times).isEqualTo(1));
        assertThat(threads).hasSizeGreaterThan(1).allMatch(name -> name.startsWith("supervision-pass-"));
        assertThat(listing.pageSizes).containsExactly(SupervisionEvaluator.PAGE_SIZE, SupervisionEvaluator.PAGE_SIZE, 37, 0);
        assertThat(report.evaluated()).isEqualTo(listing.tasks.size());
        assertThat(report.emittedCount()).isEqualTo(listing.tasks.size());
        assertThat(report.emitted()).extracting(EvaluationReport.Emitted::taskId)
                .containsExactlyElementsOf(listing.tasks.stream().map(TaskFactsLookup.Supervised::taskId).toList());
    }

    @Test
    void theReportCountsEverythingEmittedButListsTheFirstTenThousand() {
        Listing listing = new Listing(1_203);
        // a first pass after a long pause: a light and eight notices for every task
        CommandGateway commands = gateway(command -> Collections.nCopies(9, light(command.taskId(), WarningLight.RED)));
        SupervisionEvaluator evaluator = new SupervisionEvaluator(commands, listing, new BusinessClock(false), POLICY, 2);

        EvaluationReport report = evaluator.evaluateAll();

        assertThat(report.emittedCount()).isEqualTo(1_203 * 9);
        assertThat(report.emitted()).hasSize(EvaluationReport.LISTED);
        assertThat(report.emitted().get(0).taskId()).isEqualTo(listing.tasks.get(0).taskId());
    }

    @Test
    void aTaskJustLitIsPassedOverWhileItsStreamEndsWithWhatThePassAppended() {
        Listing listing = new Listing(2);
        Map<UUID, Integer> judged = new ConcurrentHashMap<>();
        CommandGateway commands = gateway(command -> judged.merge(command.taskId(), 1, Integer::sum) == 1
                ? List.of(light(command.taskId(), WarningLight.GREEN)) : List.of());
        SupervisionEvaluator evaluator = new SupervisionEvaluator(commands, listing, new BusinessClock(false), POLICY, 1);
        assertThat(evaluator.evaluateAll().emittedCount()).isEqualTo(2);

        // the database now lists the first task's stream one event longer, as the pass left it, and the second's
        // two longer: another instance judged it meanwhile
        TaskFactsLookup.Supervised first = listing.tasks.get(0);
        TaskFactsLookup.Supervised second = listing.tasks.get(1);
        listing.tasks.set(0, new TaskFactsLookup.Supervised(first.taskId(), first.deadline(), first.factsVersion(), first.lastSequence() + 1));
        listing.tasks.set(1, new TaskFactsLookup.Supervised(second.taskId(), second.deadline(), second.factsVersion(), second.lastSequence() + 2));
        EvaluationReport next = evaluator.evaluateAll();

        assertThat(next.unchanged()).isEqualTo(1);
        assertThat(next.evaluated()).isEqualTo(1);
        assertThat(judged).containsEntry(first.taskId(), 1).containsEntry(second.taskId(), 2);
    }

    @Test
    void aQuietTaskNoLongerSupervisedIsForgottenAndJudgedAfreshWhenItComesBack() {
        Listing listing = new Listing(3);
        List<UUID> sent = Collections.synchronizedList(new ArrayList<>());
        CommandGateway commands = gateway(command -> {
            sent.add(command.taskId());
            return List.of();
        });
        SupervisionEvaluator evaluator = new SupervisionEvaluator(commands, listing, new BusinessClock(false), POLICY, 1);
        TaskFactsLookup.Supervised leaving = listing.tasks.get(1);

        assertThat(evaluator.evaluateAll().evaluated()).isEqualTo(3);
        assertThat(evaluator.evaluateAll().unchanged()).isEqualTo(3);
        listing.tasks.remove(leaving);
        assertThat(evaluator.evaluateAll().unchanged()).isEqualTo(2);
        // back under supervision with the same versions (a completion's acceptance undone): judged, not assumed quiet
        listing.tasks.add(1, leaving);
        sent.clear();
        EvaluationReport back = evaluator.evaluateAll();

        assertThat(sent).containsExactly(leaving.taskId());
        assertThat(back.evaluated()).isEqualTo(1);
        assertThat(back.unchanged()).isEqualTo(2);
    }
}
