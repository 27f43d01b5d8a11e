package org.duallist.contracts;

import java.util.List;

/**
 * Kafka topic names: logical wire names that stay stable when classes are renamed. Every topic is
 * keyed by task id, so that one task's events stay in order within a partition, and keeps its
 * events forever so that a new consumer can replay from the beginning.
 */
public final class Topics {

    /** Events of the registration service (需求提报, 立项交办, 不予立项 …). */
    public static final String REGISTRATION = "dual-list.registration.v1";

    /** Events of the progress service (进度反馈, 办结反馈, 验收, 评议 …). */
    public static final String PROGRESS = "dual-list.progress.v1";

    /** Events of the supervision service (预警, 督办单, 整改反馈, 核查 …). */
    public static final String SUPERVISION = "dual-list.supervision.v1";

    public static final List<String> ALL = List.of(REGISTRATION, PROGRESS, SUPERVISION);

    private Topics() {
    }
}
