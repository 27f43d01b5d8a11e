package org.duallist.contracts;

/**
 * An event at a revision of its type that this build cannot read: written by a newer producer (the
 * reading service must be upgraded first), or a revision that never existed. Readers refuse such an
 * event rather than read it into the wrong shape, and do not pass over it either: the Kafka consumers
 * retry it until they can read it, so nothing is lost.
 */
public final class UnsupportedRevisionException extends RuntimeException {

    private final String typeName;
    private final int revision;

    public UnsupportedRevisionException(EventType type, int revision) {
        super(revision > type.revision()
                ? type.name() + " at revision " + revision + " is newer than this build reads (revisions 1 to "
                        + type.revision() + "); upgrade this service to read it"
                : "there is no revision " + revision + " of " + type.name() + " (revisions 1 to " + type.revision() + ")");
        this.typeName = type.name();
        this.revision = revision;
    }

    public String typeName() {
        return typeName;
    }

    public int revision() {
        return revision;
    }
}
