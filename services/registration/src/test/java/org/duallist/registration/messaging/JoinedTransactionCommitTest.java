package org.duallist.registration.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.util.concurrent.atomic.AtomicInteger;
import org.duallist.platform.axon.AxonRuntime;
import org.duallist.platform.axon.CommitAwareEventStore;
import org.duallist.platform.axon.JtaTransactionManager;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/**
 * A command sent with an Idempotency-Key runs in the request's transaction, which Axon's unit of
 * work joins: over the service's real transaction manager, the event store's processors are woken
 * once that transaction has committed (not when the unit of work ends, before the events are
 * committed, and not at all when it rolls back), so the publisher does not wait a fetch delay for them.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "registration"))
class JoinedTransactionCommitTest {

    @Inject
    TransactionManager jta;

    @Inject
    AxonRuntime axon;

    @Test
    void theStepAfterAJoinedTransactionRunsOnceItHasCommittedAndNeverWhenItRollsBack() {
        AtomicInteger woken = new AtomicInteger();
        JtaTransactionManager transactions = new JtaTransactionManager(jta, woken::incrementAndGet);

        QuarkusTransaction.requiringNew().run(() -> {
            transactions.startTransaction().commit(); // joins the request's transaction
            assertThat(woken).as("not before the request's transaction commits").hasValue(0);
        });
        assertThat(woken).as("once it has committed").hasValue(1);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            transactions.startTransaction().commit();
            throw new IllegalStateException("the request failed after its command");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(woken).as("a rolled-back transaction stored nothing").hasValue(1);

        // a unit of work that owns its transaction commits it itself, and Axon wakes the store then
        transactions.startTransaction().commit();
        assertThat(woken).hasValue(1);
    }

    @Test
    void theServicesEventStoreIsTheCommitAwareOne() {
        assertThat(axon.configuration().eventStore()).isInstanceOf(CommitAwareEventStore.class);
    }
}
