package org.duallist.supervision.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.config.Configurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.platform.metrics.MetricNames;

/**
 * Counts the supervision notices (督办单) this service issues, by grade and by what issued them (the
 * schedule of the rules or the office by hand), once the notice's event is committed. Every grade is
 * registered at 0 from the start, so that an increase shows from the first notice on.
 */
@ApplicationScoped
public class NoticeMetrics {

    static final String PROCESSOR = "supervision-notice-metrics";
    static final String SCHEDULE = "schedule";
    static final String MANUAL = "manual";

    private final Map<SupervisionGrade, Counter> scheduled = new EnumMap<>(SupervisionGrade.class);
    private final Map<SupervisionGrade, Counter> manual = new EnumMap<>(SupervisionGrade.class);

    NoticeMetrics(MeterRegistry registry) {
        for (SupervisionGrade grade : SupervisionGrade.values()) {
            scheduled.put(grade, counter(registry, grade, SCHEDULE));
            manual.put(grade, counter(registry, grade, MANUAL));
        }
    }

    private static Counter counter(MeterRegistry registry, SupervisionGrade grade, String trigger) {
        return Counter.builder(MetricNames.SUPERVISION_NOTICES)
                .description("Supervision notices issued, by grade and by what issued them")
                .tag("grade", grade.name())
                .tag("trigger", trigger)
                .register(registry);
    }

    /** Counts in the publishing unit of work (a subscribing processor), so that only committed notices count. */
    public void register(Configurer configurer) {
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(PROCESSOR)
                .registerEventHandler(c -> new NoticeCounter(this));
    }

    void issued(SupervisionNoticeIssuedEvent notice) {
        Counter counter = (notice.manual() ? manual : scheduled).get(notice.grade());
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> counter.increment());
        } else {
            counter.increment();
        }
    }

    @ProcessingGroup(PROCESSOR)
    static final class NoticeCounter {
        private final NoticeMetrics metrics;

        NoticeCounter(NoticeMetrics metrics) {
            this.metrics = metrics;
        }

        @EventHandler
        void on(SupervisionNoticeIssuedEvent notice) {
            metrics.issued(notice);
        }
    }
}
