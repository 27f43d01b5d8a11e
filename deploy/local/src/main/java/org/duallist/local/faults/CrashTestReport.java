package org.duallist.local.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.duallist.local.ReadModelRebuild;

/**
 * What a crash test found: commands sent, answered, retried, lost (must be 0), duplicated (must be
 * 0), the longest lag of each read model, each fault's recovery, and whether the query read model
 * equals a rebuild from Kafka.
 */
public record CrashTestReport(
        CrashTest.Settings settings,
        int sent,
        int answered,
        int retried,
        int lost,
        int duplicated,
        int refused,
        int unanswered,
        int missingInReadModels,
        List<String> problems,
        Map<String, Duration> longestLag,
        boolean caughtUp,
        List<CrashTest.FaultOutcome> faults,
        ReadModelRebuild.Result rebuild,
        List<String> rebuildDifferences,
        Duration loadTime,
        ReplicaRace.Outcome race,
        ReplicaAgreement.Outcome agreement,
        Set<Long> pids,
        int processesLeft) {

    public CrashTestReport withProcessesLeft(int left) {
        return new CrashTestReport(settings, sent, answered, retried, lost, duplicated, refused, unanswered, missingInReadModels,
                problems, longestLag, caughtUp, faults, rebuild, rebuildDifferences, loadTime, race, agreement, pids, left);
    }

    /**
     * Nothing lost, nothing doubled, every answer in every read model, the rebuild equal; with two
     * replicas also the race and the agreement of the replicas passed.
     */
    public boolean passed() {
        return lost == 0 && duplicated == 0 && refused == 0 && missingInReadModels == 0 && caughtUp
                && rebuildDifferences.isEmpty() && answered > 0 && processesLeft == 0 && (race == null || race.passed())
                && (agreement == null || agreement.passed());
    }

    public void print(PrintStream out) {
        out.println();
        out.println("Crash test: " + (passed() ? "PASSED" : "FAILED"));
        out.printf(Locale.ROOT, "  commands     sent %,d, answered %,d, retried %,d (requests sent again with the same key)%n",
                sent, answered, retried);
        out.printf(Locale.ROOT, "  lost         %d (answered 2xx, not in the event store)%n", lost);
        out.printf(Locale.ROOT, "  duplicated   %d (stored more than once)%n", duplicated);
        out.printf(Locale.ROOT, "  refused      %d, unanswered %d (given up after retries; stored at most once)%n", refused, unanswered);
        out.printf(Locale.ROOT, "  read models  %d answered commands missing or not exactly once; all caught up: %s%n",
                missingInReadModels, caughtUp ? "yes" : "NO");
        new TreeMap<>(longestLag).forEach((group, lag) ->
                out.printf(Locale.ROOT, "  longest lag  %-24s %6.1f s%n", group, lag.toMillis() / 1000.0));
        out.printf(Locale.ROOT, "  rebuild      query read model replayed: %,d events in %.1f s (%,.0f events/s); equal to before: %s%n",
                rebuild.events(), rebuild.replay().toMillis() / 1000.0, rebuild.eventsPerSecond(),
                rebuildDifferences.isEmpty() ? "yes" : "NO, differs in " + rebuildDifferences);
        if (race != null) {
            out.printf(Locale.ROOT, "  race         %d pairs of one command sent to two replicas at once: %d succeeded, %d refused 409, "
                            + "%d other answers (must be 0), claims won twice %d, lost or doubled %d%n", race.pairs(), race.succeeded(),
                    race.conflicts(), race.otherAnswers(), race.claimsWonTwice(), race.lostOrDoubled());
            race.otherAnswerSamples().forEach(sample -> out.println("  ! race: " + sample));
        }
        if (agreement != null) {
            out.printf(Locale.ROOT, "  agreement    %d tasks of two regions; %d GETs asked of both replicas: %d answers differ, %d 5xx "
                            + "(must be 0); %s in %.1f s%n", agreement.tasksFiled(), agreement.comparisons(), agreement.differing(),
                    agreement.serverErrors(), agreement.passed() ? "PASSED" : "FAILED", agreement.took().toMillis() / 1000.0);
            out.printf(Locale.ROOT, "  outsiders    %d reads and commands on another region's task, or by an uninvolved unit, on both "
                            + "replicas: %d not refused 403, %d events stored by them; %d lists: %d leaks, %d own tasks not shown%n",
                    agreement.refusalsChecked(), agreement.notRefused(), agreement.eventsChangedByRefusals(), agreement.listsChecked(),
                    agreement.listLeaks(), agreement.ownTasksNotShown());
            out.printf(Locale.ROOT, "  webhook      %d notifications, %d posts received: %d doubled, %d missing, %d badly signed, "
                            + "%d delivery rows not exactly one%n", agreement.webhookEvents(), agreement.webhookDeliveriesReceived(),
                    agreement.webhookDoubled(), agreement.webhookMissing(), agreement.badSignatures(), agreement.deliveryRowsNotOne());
            out.printf(Locale.ROOT, "  supervision  one evaluation on both replicas at once: %d of %d notices and lights not stored exactly once%n",
                    agreement.noticesNotOnce(), agreement.noticesExpected());
            out.printf(Locale.ROOT, "  publishers   %d stored events, %d not on their topic exactly once%n", agreement.eventsPublished(),
                    agreement.publishedNotOnce());
            agreement.problems().forEach(problem -> out.println("  ! agreement: " + problem));
        }
        out.printf(Locale.ROOT, "  processes    %d of %d left behind after the stop%n", processesLeft, pids.size() + 1);
        out.printf(Locale.ROOT, "  load         %.0f s at %.0f commands/s, %d rounds of faults%n", loadTime.toMillis() / 1000.0,
                settings.rate(), settings.rounds());
        out.println("  faults (part back / read models within 2 s of the end again):");
        for (CrashTest.FaultOutcome fault : faults) {
            out.printf(Locale.ROOT, "    %-34s %6.1f s %s%n", fault.fault(), fault.partBackAfter().toMillis() / 1000.0,
                    fault.caughtUpAfter() == null ? "(not waited for)"
                            : String.format(Locale.ROOT, "%6.1f s", fault.caughtUpAfter().toMillis() / 1000.0));
        }
        problems.forEach(problem -> out.println("  ! " + problem));
    }
}
