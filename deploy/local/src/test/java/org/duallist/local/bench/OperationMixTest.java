package org.duallist.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.duallist.local.bench.OperationMix.Operation;
import org.junit.jupiter.api.Test;

class OperationMixTest {

    @Test
    void theWeightsAreShareOfAHundredAndEveryLifecycleStepIsThere() {
        assertThat(OperationMix.weights().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(OperationMix.weights().keySet()).containsExactly(Operation.values());
        assertThat(Operation.ACCEPT.prerequisite()).isEqualTo(Operation.COMPLETE);
        assertThat(Operation.COMPLETE.prerequisite()).isEqualTo(Operation.CLAIM);
        assertThat(Operation.CLAIM.prerequisite()).isEqualTo(Operation.REGISTER);
        assertThat(Operation.REGISTER.prerequisite()).isEqualTo(Operation.FILE);
        assertThat(Operation.FILE.prerequisite()).isNull();
    }

    @Test
    void drawsTheOperationsInTheirProportions() {
        OperationMix mix = new OperationMix(7);
        Map<Operation, Integer> drawn = new EnumMap<>(Operation.class);
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            drawn.merge(mix.next(), 1, Integer::sum);
        }
        for (Operation operation : Operation.values()) {
            double share = 100.0 * drawn.get(operation) / draws;
            assertThat(share).as(operation.name()).isCloseTo(operation.weight(), org.assertj.core.data.Offset.offset(0.5));
        }
    }

    @Test
    void theSameSeedGivesTheSameDayAndAnotherSeedAnother() {
        assertThat(sequence(7)).isEqualTo(sequence(7));
        assertThat(sequence(7)).isNotEqualTo(sequence(8));
    }

    private static List<String> sequence(long seed) {
        OperationMix mix = new OperationMix(seed);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            drawn.add(mix.next() + ":" + mix.nextInt(100));
        }
        return drawn;
    }
}
