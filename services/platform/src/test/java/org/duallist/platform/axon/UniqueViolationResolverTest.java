package org.duallist.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

class UniqueViolationResolverTest {

    private final UniqueViolationResolver resolver = new UniqueViolationResolver();

    @Test
    void aBatchWhoseStatementHitTheUniqueKeyIsADuplicate() {
        // as pgjdbc reports a batched append: the batch's state and the statement's as its next exception
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry … was aborted", "23505", new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed", batch))).isTrue();

        BatchUpdateException stateOnlyOnTheNext = new BatchUpdateException("aborted", null, new int[0]);
        stateOnlyOnTheNext.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(stateOnlyOnTheNext)).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNotDuplicates() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("permission denied for table domainevententry", "42501"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no database at all"))).isFalse();
        SQLException loop = new SQLException("a chain that points back at itself", "40001");
        loop.setNextException(loop);
        assertThat(resolver.isDuplicateKeyViolation(loop)).isFalse();
    }
}
