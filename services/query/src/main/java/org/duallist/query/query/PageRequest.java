package org.duallist.query.query;

/** A page of results and its order; {@code sortField} is one of {@link TaskQueries#SORTABLE}. */
public record PageRequest(int page, int size, String sortField, boolean ascending) {
}
