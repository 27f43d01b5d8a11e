package org.duallist.local.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * The proportions of a mixed day (workload 2): what offices, units and leaders do through the day,
 * per hundred operations. Reads outnumber commands; each step of a task's way is a little rarer
 * than the one before it (not every filed request is registered the same day, not every claimed
 * task is completed), so that tasks pile up in every state as on a real day. Drawn from a seeded
 * {@link Random}: the same seed gives the same sequence.
 */
public final class OperationMix {

    /** An operation of the mixed day, its weight per hundred, and the operation that makes a task it needs. */
    public enum Operation {
        FILE(10, null, "file (requester unit, POST /api/tasks)"),
        REGISTER(9, FILE, "register (office, POST /api/tasks/{id}/registration)"),
        CLAIM(8, REGISTER, "claim (responsible unit, POST /api/tasks/{id}/claim)"),
        PROGRESS(16, CLAIM, "progress report (responsible unit, POST /api/tasks/{id}/progress)"),
        COMPLETE(6, CLAIM, "completion (responsible unit, POST /api/tasks/{id}/completion)"),
        ACCEPT(5, COMPLETE, "acceptance (requester unit, POST /api/tasks/{id}/acceptance)"),
        LIST(16, null, "ledger page (office, GET /api/tasks?size=20)"),
        DETAIL(18, null, "task detail (office, GET /api/tasks/{id})"),
        OVERDUE(6, null, "overdue list (leader, GET /api/tasks/overdue?size=20)"),
        STATS(6, null, "statistics (leader, GET /api/stats)");

        private final int weight;
        private final Operation prerequisite;
        private final String description;

        Operation(int weight, Operation prerequisite, String description) {
            this.weight = weight;
            this.prerequisite = prerequisite;
            this.description = description;
        }

        public int weight() {
            return weight;
        }

        /** The operation that makes a task this one needs (null when it needs none). */
        public Operation prerequisite() {
            return prerequisite;
        }

        public String description() {
            return description;
        }

        public boolean isCommand() {
            return ordinal() <= ACCEPT.ordinal();
        }
    }

    private static final int TOTAL = java.util.Arrays.stream(Operation.values()).mapToInt(Operation::weight).sum();

    private final Random random;

    public OperationMix(long seed) {
        this.random = new Random(seed);
    }

    /** The weights, per hundred operations. */
    public static Map<Operation, Integer> weights() {
        Map<Operation, Integer> weights = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            weights.put(operation, operation.weight());
        }
        return Collections.unmodifiableMap(weights);
    }

    /** The next operation of the day. */
    public Operation next() {
        int draw = random.nextInt(TOTAL);
        for (Operation operation : Operation.values()) {
            draw -= operation.weight();
            if (draw < 0) {
                return operation;
            }
        }
        throw new IllegalStateException("weights sum to " + TOTAL);
    }

    /** A number from the same seeded sequence (the content of a command: which task, how far). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
