package org.duallist.platform.axon;

import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Lets Axon's units of work run in the service's JTA transaction (Narayana), so that appending
 * events, updating a processor's token and writing a projection commit or roll back together,
 * on request threads and on Axon's own processor threads alike. Axon 4 ships no JTA bridge.
 * A unit of work that finds a transaction already active joins it and leaves the outcome to its owner;
 * once that transaction has committed, {@code joinedTransactionCommitted} runs, as Axon's own
 * after-commit work ran too early (see {@link CommitAwareEventStore}).
 */
public class JtaTransactionManager implements TransactionManager {

    private final jakarta.transaction.TransactionManager jta;
    private final Runnable joinedTransactionCommitted;

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta, Runnable joinedTransactionCommitted) {
        this.jta = jta;
        this.joinedTransactionCommitted = joinedTransactionCommitted;
    }

    @Override
    public Transaction startTransaction() {
        try {
            boolean owner = jta.getStatus() == Status.STATUS_NO_TRANSACTION;
            if (owner) {
                jta.begin();
            }
            return new Transaction() {
                @Override
                public void commit() {
                    if (!owner) {
                        afterJoinedTransactionCommits();
                        return;
                    }
                    try {
                        if (jta.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                            jta.rollback();
                            throw new IllegalStateException("transaction was marked for rollback");
                        }
                        jta.commit();
                    } catch (Exception e) {
                        throw asRuntime("commit", e);
                    }
                }

                @Override
                public void rollback() {
                    try {
                        if (owner) {
                            jta.rollback();
                        } else if (jta.getStatus() == Status.STATUS_ACTIVE) {
                            jta.setRollbackOnly();
                        }
                    } catch (Exception e) {
                        throw asRuntime("rollback", e);
                    }
                }
            };
        } catch (jakarta.transaction.NotSupportedException | SystemException e) {
            throw asRuntime("begin", e);
        }
    }

    private void afterJoinedTransactionCommits() {
        try {
            jta.getTransaction().registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to do before
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        joinedTransactionCommitted.run();
                    }
                }
            });
        } catch (RollbackException e) {
            // marked for rollback: it will not commit, and there is nothing to announce
        } catch (SystemException e) {
            throw asRuntime("registering the after-commit step", e);
        }
    }

    private static RuntimeException asRuntime(String step, Exception e) {
        return e instanceof RuntimeException re ? re : new IllegalStateException("JTA " + step + " failed", e);
    }
}
