package org.duallist.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void userAndSystemTicksAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 56 0 0 20 0 38 0 100 0 0";

        assertThat(CpuTimes.userPlusSystemTicks(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void coresAreTheCpuSecondsOfEachProcessOverTheWallTime() {
        Map<String, Double> cores = CpuTimes.coresBetween(Map.of("registration", 10.0, "kafka", 4.0),
                Map.of("registration", 22.0, "kafka", 5.0), 20.0);

        assertThat(cores.get("registration")).isCloseTo(0.6, within(1e-9));
        assertThat(cores.get("kafka")).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        CpuTimes own = new CpuTimes(Map.of("bench", ProcessHandle.current().pid()), -1);

        assertThat(own.now()).containsOnlyKeys("bench");
        assertThat(own.now().get("bench")).isPositive();
    }

    @Test
    void onlyHotSpotsCompilerThreadsCountAsCompiling() {
        assertThat(CpuTimes.isCompilerThread("77 (C2 CompilerThre) S 1 2 3 0 -1 0 0 0 0 0 900 10 0 0")).isTrue();
        assertThat(CpuTimes.isCompilerThread("78 (C1 CompilerThre) S 1 2 3 0 -1 0 0 0 0 0 90 1 0 0")).isTrue();
        assertThat(CpuTimes.isCompilerThread("79 (executor-thread) S 1 2 3 0 -1 0 0 0 0 0 900 10 0 0")).isFalse();
        assertThat(CpuTimes.isCompilerThread("80 (VM Thread) S 1 2 3 0 -1 0 0 0 0 0 900 10 0 0")).isFalse();
    }

    @Test
    void thisJvmsCompilerThreadsHaveCompiledSomething() {
        // the test framework's start has kept the compilers busy already; a hot loop makes sure of it
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Integer.toString(i).hashCode();
        }
        assertThat(sum).isNotZero();
        CpuTimes own = new CpuTimes(Map.of("bench", ProcessHandle.current().pid()), -1);

        assertThat(own.compilingNow()).containsOnlyKeys("bench");
        assertThat(own.compilingNow().get("bench")).isPositive().isLessThanOrEqualTo(own.now().get("bench"));
    }
}
