package org.duallist.platform.messaging;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a projection's transaction collects to write in one round trip rather than one per event (a
 * consumer's poll applies hundreds): written just before the transaction commits, still inside it, so
 * only if it commits; or earlier, when {@link #flush()} is called because a statement must see it.
 * Each transaction collects its own items; the instance is shared by the threads of a service.
 */
public final class BeforeCommitBatch<T> {

    private final TransactionSynchronizationRegistry transactions;
    private final Consumer<List<T>> write;
    /** Key of the current transaction's items not written yet. */
    private final Object key = new Object();

    /** {@code write} gets the items in the order they were added, never an empty list. */
    public BeforeCommitBatch(TransactionSynchronizationRegistry transactions, Consumer<List<T>> write) {
        this.transactions = transactions;
        this.write = write;
    }

    /** Must run inside a transaction. */
    public void add(T item) {
        pending().add(item);
    }

    /** Writes what the current transaction has collected so far, if anything. */
    public void flush() {
        @SuppressWarnings("unchecked")
        List<T> pending = (List<T>) transactions.getResource(key);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        write.accept(pending);
        pending.clear();
    }

    @SuppressWarnings("unchecked")
    private List<T> pending() {
        List<T> pending = (List<T>) transactions.getResource(key);
        if (pending == null) {
            pending = new ArrayList<>();
            transactions.putResource(key, pending);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    flush();
                }

                @Override
                public void afterCompletion(int status) {
                    // nothing kept beyond the transaction
                }
            });
        }
        return pending;
    }
}
