package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.duallist.local.faults.CrashTest;
import org.duallist.local.faults.CrashTestReport;
import org.duallist.local.faults.ReplicaAgreement;
import org.junit.jupiter.api.Test;

/**
 * The short run of the crash test (the long one is {@code ./dual-list crash-test}): two replicas of
 * every service under a steady load of commands, each replica killed with -9 in turn, the broker
 * killed and hung, PostgreSQL shut down immediately; nothing answered may be lost or doubled, and
 * the query read model must equal its rebuild from Kafka. Before the load, the two replicas race the
 * same command, and must agree: the same answers to the same questions, another region's callers
 * refused everywhere, webhooks and supervision notices once.
 */
class CrashUnderLoadIT {

    @Test
    void commands_answered_while_every_part_crashes_are_stored_and_projected_exactly_once() throws Exception {
        Path root = Path.of(System.getProperty("dual-list.root", "../..")).toAbsolutePath().normalize();
        StackConfig config = CrashTestCommand.crashTestStack(root, 2).withDataDir(root.resolve("deploy/local/target/crash-test-stack"));
        CrashTest.Settings settings = new CrashTest.Settings(15, 8, 1, 400, Duration.ofSeconds(35), 7, false);

        CrashTestReport report = CrashTestCommand.run(config, settings, System.out);
        report.print(System.out);

        assertThat(report.sent()).isGreaterThanOrEqualTo(400);
        assertThat(report.faults()).extracting(CrashTest.FaultOutcome::fault)
                .contains("kill -9 query", "kill -9 query-2", "kill -9 registration", "kill -9 registration-2",
                        "kill -9 progress", "kill -9 progress-2", "kill -9 supervision", "kill -9 supervision-2",
                        "kill -9 kafka", "postgres stop -m immediate", "SIGSTOP kafka 35 s");
        assertThat(report.lost()).as("answered 2xx but not stored: %s", report.problems()).isZero();
        assertThat(report.duplicated()).as("stored twice: %s", report.problems()).isZero();
        assertThat(report.refused()).as("refused: %s", report.problems()).isZero();
        assertThat(report.missingInReadModels()).as("not exactly once in a read model: %s", report.problems()).isZero();
        assertThat(report.caughtUp()).as("every read model caught up").isTrue();
        assertThat(report.rebuildDifferences()).as("query read model differs from its rebuild").isEmpty();
        assertThat(report.rebuild().events()).isPositive();
        assertThat(report.race()).as("the race of one command to two replicas").isNotNull();
        assertThat(report.race().otherAnswerSamples()).as("answers other than 2xx or 409 in the race").isEmpty();
        assertThat(report.race().passed()).as("race: %s", report.race()).isTrue();
        ReplicaAgreement.Outcome agreement = report.agreement();
        assertThat(agreement).as("the agreement of the two replicas").isNotNull();
        assertThat(agreement.comparisons()).as("GETs compared").isGreaterThan(100);
        assertThat(agreement.differing()).as("answers differing between the replicas: %s", agreement.problems()).isZero();
        assertThat(agreement.serverErrors()).as("5xx answers: %s", agreement.problems()).isZero();
        assertThat(agreement.refusalsChecked()).as("outsiders' calls").isGreaterThan(100);
        assertThat(agreement.notRefused()).as("outsiders' calls not refused: %s", agreement.problems()).isZero();
        assertThat(agreement.eventsChangedByRefusals()).as("events stored by refused calls").isZero();
        assertThat(agreement.listLeaks()).as("lists showing what the caller may not read: %s", agreement.problems()).isZero();
        assertThat(agreement.ownTasksNotShown()).as("lists hiding the caller's own tasks: %s", agreement.problems()).isZero();
        assertThat(agreement.webhookEvents()).as("notifications of the watched unit").isGreaterThanOrEqualTo(5);
        assertThat(agreement.webhookDoubled()).as("webhook posts doubled: %s", agreement.problems()).isZero();
        assertThat(agreement.webhookMissing()).as("webhook posts missing: %s", agreement.problems()).isZero();
        assertThat(agreement.badSignatures()).as("webhook posts badly signed").isZero();
        assertThat(agreement.deliveryRowsNotOne()).as("webhook_delivery rows: %s", agreement.problems()).isZero();
        assertThat(agreement.noticesNotOnce()).as("notices and lights of one evaluation on both replicas: %s",
                agreement.problems()).isZero();
        assertThat(agreement.eventsPublished()).as("stored events looked for on Kafka").isPositive();
        assertThat(agreement.publishedNotOnce()).as("stored events not on Kafka exactly once: %s", agreement.problems()).isZero();
        assertThat(agreement.passed()).as("agreement: %s", agreement).isTrue();
        assertThat(report.processesLeft()).as("processes left behind").isZero();
        assertThat(report.answered()).as("commands answered").isGreaterThan(report.sent() * 9 / 10);
    }
}
