package org.duallist.local.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.duallist.local.bench.OperationMix.Operation;

/**
 * Workload 2, a mixed day: {@code concurrency} callers (closed loop) each draw the next operation
 * from the {@link OperationMix} of their own seed and do it with the token of whoever does it on a
 * real day: the requester unit files and accepts, the office registers and reads the ledger and
 * tasks, the responsible unit claims, reports progress and completion, the leader reads the
 * overdue list and the statistics. An operation that needs a task in a state nobody has reached
 * yet does the step before it instead (a claim with nothing registered files or registers), so the
 * proportions done are reported as measured.
 *
 * <p>The progress service learns claims from registration's events over Kafka: a progress report
 * or completion on a task claimed less than {@link #CLAIM_SETTLED} ago is not tried, and a 404/409
 * from the progress service on a claimed task (it has not learned the claim yet) is counted apart
 * as expected and the task is tried again later. Likewise a task detail right after filing may be
 * 404 until the query service has the task. Every other answer that is not 2xx is a failure.
 */
public final class MixedDay {

    static final Duration CLAIM_SETTLED = Duration.ofSeconds(1);
    private static final int KNOWN_IDS = 4_096;

    private final BenchHttp http;
    private final long seed;

    public MixedDay(BenchHttp http, long seed) {
        this.http = http;
        this.seed = seed;
    }

    /** What a mixed day did: operations/s, latency per operation, and answers that were not 2xx. */
    public record Result(int concurrency, double seconds, long operations, double operationsPerSecond, Latencies.Summary all,
                         Map<Operation, Latencies.Summary> byOperation, Map<Operation, double[]> curves,
                         Map<String, Long> notAnswered2xx, Map<String, Long> expectedNot2xx) {
    }

    private record Claimed(String id, long claimedAt, int percent) {
    }

    /** The tasks of the day by the state they are in, shared by all callers. */
    private static final class Tasks {
        final Queue<String> submitted = new ConcurrentLinkedQueue<>();
        final Queue<String> registered = new ConcurrentLinkedQueue<>();
        final Queue<Claimed> claimed = new ConcurrentLinkedQueue<>();
        final Queue<String> completed = new ConcurrentLinkedQueue<>();
        final AtomicReferenceArray<String> known = new AtomicReferenceArray<>(KNOWN_IDS);
        final AtomicLong knownCount = new AtomicLong();

        void know(String id) {
            known.set((int) (knownCount.getAndIncrement() % KNOWN_IDS), id);
        }

        String someKnown(int draw) {
            long count = Math.min(knownCount.get(), KNOWN_IDS);
            return count == 0 ? null : known.get((int) (draw % count));
        }
    }

    public Result run(int concurrency, Duration warmUp, Duration duration) throws InterruptedException {
        Tasks tasks = new Tasks();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        Map<Operation, Latencies> latencies = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            latencies.put(operation, new Latencies());
        }
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
        String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(3).toString();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            OperationMix mix = new OperationMix(seed * 10_000 + 2_000 + c);
            Thread caller = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    Operation operation = feasible(mix.next(), tasks);
                    long start = System.nanoTime();
                    try {
                        Outcome outcome = perform(operation, tasks, mix, ++n, deadline);
                        long took = System.nanoTime() - start;
                        if (outcome.failure() != null) {
                            (outcome.expected() ? expected : failures).computeIfAbsent(outcome.failure(), k -> new AtomicLong())
                                    .incrementAndGet();
                        } else if (measuring.get() && !outcome.skipped()) {
                            latencies.get(operation).record(took);
                        }
                    } catch (IOException e) {
                        failures.computeIfAbsent(operation + " " + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-mixed-" + c);
            caller.start();
            callers.add(caller);
        }
        Thread.sleep(warmUp.toMillis());
        // what went wrong while warming up counts too: only latencies are left out
        measuring.set(true);
        long begin = System.nanoTime();
        Thread.sleep(duration.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - begin) / 1e9;
        running.set(false);
        for (Thread caller : callers) {
            caller.join();
        }
        Latencies all = new Latencies();
        Map<Operation, Latencies.Summary> byOperation = new EnumMap<>(Operation.class);
        Map<Operation, double[]> curves = new EnumMap<>(Operation.class);
        latencies.forEach((operation, l) -> {
            all.addAll(l);
            byOperation.put(operation, l.summary());
            curves.put(operation, l.curve());
        });
        Latencies.Summary summary = all.summary();
        return new Result(concurrency, seconds, summary.count(), summary.count() / seconds, summary, byOperation, curves,
                counts(failures), counts(expected));
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** The operation itself when a task for it is there, else the step that makes one. */
    private static Operation feasible(Operation operation, Tasks tasks) {
        Operation step = operation;
        while (step != null && !hasTaskFor(step, tasks)) {
            step = step.prerequisite();
        }
        return step == null ? Operation.FILE : step;
    }

    private static boolean hasTaskFor(Operation operation, Tasks tasks) {
        return switch (operation) {
            case REGISTER -> !tasks.submitted.isEmpty();
            case CLAIM -> !tasks.registered.isEmpty();
            case PROGRESS, COMPLETE -> {
                Claimed oldest = tasks.claimed.peek();
                yield oldest != null && System.nanoTime() - oldest.claimedAt() >= CLAIM_SETTLED.toNanos();
            }
            case ACCEPT -> !tasks.completed.isEmpty();
            case DETAIL -> tasks.knownCount.get() > 0;
            default -> true;
        };
    }

    /** What an operation came to: nothing (2xx), or why not, and whether that is an expected answer. */
    private record Outcome(String failure, boolean expected, boolean skipped) {
        static final Outcome DONE = new Outcome(null, false, false);
        /** Another caller took the last task for it in the meantime: nothing was sent, nothing is timed. */
        static final Outcome NOTHING_LEFT = new Outcome(null, false, true);

        Outcome(String failure, boolean expected) {
            this(failure, expected, false);
        }

        static Outcome failed(Operation operation, HttpResponse<String> answer) {
            return new Outcome(operation + " " + answer.statusCode(), false);
        }
    }

    private Outcome perform(Operation operation, Tasks tasks, OperationMix mix, int n, String deadline)
            throws IOException, InterruptedException {
        BenchHttp.Tokens who = http.tokens();
        URI registration = http.registration();
        return switch (operation) {
            case FILE -> {
                HttpResponse<String> filed = http.post(registration, "api/tasks", who.requester(), CommandWorkload.filingBody(mix.nextInt(1_000_000), n));
                if (filed.statusCode() != 201) {
                    yield Outcome.failed(operation, filed);
                }
                String id = BenchHttp.Json.MAPPER.readTree(filed.body()).path("id").asText();
                tasks.submitted.add(id);
                yield Outcome.DONE;
            }
            case REGISTER -> take(tasks.submitted, operation, id -> http.post(registration, "api/tasks/" + id + "/registration",
                    who.office(), CommandWorkload.registrationBody(deadline)), tasks.registered);
            case CLAIM -> {
                String id = tasks.registered.poll();
                if (id == null) {
                    yield Outcome.NOTHING_LEFT;
                }
                HttpResponse<String> claimed = http.post(registration, "api/tasks/" + id + "/claim", who.responsible(), null);
                if (claimed.statusCode() / 100 != 2) {
                    yield Outcome.failed(operation, claimed);
                }
                tasks.claimed.add(new Claimed(id, System.nanoTime(), 0));
                tasks.know(id);
                yield Outcome.DONE;
            }
            case PROGRESS, COMPLETE -> {
                Claimed task = tasks.claimed.poll();
                if (task == null) {
                    yield Outcome.NOTHING_LEFT;
                }
                boolean completing = operation == Operation.COMPLETE;
                int percent = Math.min(95, task.percent() + 5 + mix.nextInt(25));
                ObjectNode body = BenchHttp.Json.MAPPER.createObjectNode();
                if (completing) {
                    body.put("summary", "已按要求办结，现场已验收，附照片和会议纪要。");
                    body.putArray("evidenceLinks").add("/files/bench/" + task.id() + ".pdf");
                } else {
                    body.put("percent", percent).put("narrative", "已协调相关部门推进，完成第" + (percent / 10 + 1) + "阶段工作。");
                }
                HttpResponse<String> answer = http.post(http.progress(), "api/tasks/" + task.id() + (completing ? "/completion" : "/progress"),
                        who.responsible(), body.toString());
                int status = answer.statusCode();
                if (status / 100 == 2) {
                    if (completing) {
                        tasks.completed.add(task.id());
                    } else {
                        tasks.claimed.add(new Claimed(task.id(), task.claimedAt(), percent));
                    }
                    yield Outcome.DONE;
                }
                if (status == 404 || status == 409) {
                    // the progress service has not learned the claim from Kafka yet: again later
                    tasks.claimed.add(new Claimed(task.id(), System.nanoTime(), task.percent()));
                    yield new Outcome(operation + " " + status + " (progress service had not learned the claim yet)", true);
                }
                yield Outcome.failed(operation, answer);
            }
            case ACCEPT -> take(tasks.completed, operation, id -> http.post(http.progress(), "api/tasks/" + id + "/acceptance",
                    who.requester(), null), null);
            case LIST -> read(operation, http.get(http.query(), "api/tasks?size=20&sort=updatedAt,desc", who.office()));
            case DETAIL -> {
                String id = tasks.someKnown(mix.nextInt(Integer.MAX_VALUE));
                HttpResponse<String> answer = http.get(http.query(), "api/tasks/" + id, who.office());
                if (answer.statusCode() == 404) {
                    yield new Outcome("DETAIL 404 (a task registered moments ago was not in the read model yet)", true);
                }
                yield read(operation, answer);
            }
            case OVERDUE -> read(operation, http.get(http.query(), "api/tasks/overdue?size=20", who.leader()));
            case STATS -> read(operation, http.get(http.query(), "api/stats", who.leader()));
        };
    }

    @FunctionalInterface
    private interface Command {
        HttpResponse<String> send(String id) throws IOException, InterruptedException;
    }

    private static Outcome take(Queue<String> from, Operation operation, Command command, Queue<String> to)
            throws IOException, InterruptedException {
        String id = from.poll();
        if (id == null) {
            return Outcome.NOTHING_LEFT;
        }
        HttpResponse<String> answer = command.send(id);
        if (answer.statusCode() / 100 != 2) {
            return Outcome.failed(operation, answer);
        }
        if (to != null) {
            to.add(id);
        }
        return Outcome.DONE;
    }

    private static Outcome read(Operation operation, HttpResponse<String> answer) {
        return answer.statusCode() == 200 ? Outcome.DONE : Outcome.failed(operation, answer);
    }
}
