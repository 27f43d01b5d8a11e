package org.duallist.testing.fuzz;

/** What a fuzzed request tries; each has a weight in the draw, among those that fit the operation. */
public enum Attack {
    /** A body, parameters and headers drawn from the schema and the known values: may well succeed. */
    VALID(12),
    WRONG_TYPE(8),
    MISSING_REQUIRED(6),
    EXTRA_FIELDS(4),
    NULLS(5),
    /** Not an object at all, truncated, trailing garbage, comments, a byte-order mark … */
    BODY_SHAPE(6),
    HUGE_STRING(3),
    /** A body of half a megabyte to four, on both sides of the usual body limit. */
    HUGE_BODY(1),
    /** JSON nested thousands of levels deep. */
    DEEP_NESTING(3),
    INVALID_UTF8(7),
    UNUSUAL_UNICODE(12),
    ODD_DATE(8),
    ODD_NUMBER(8),
    PATH_INJECTION(9),
    QUERY_INJECTION(9),
    CONTENT_TYPE(5),
    HEADERS(4),
    NO_OR_BAD_TOKEN(2);

    private final int weight;

    Attack(int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }
}
