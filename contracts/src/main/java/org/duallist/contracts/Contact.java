package org.duallist.contracts;

/**
 * The person a request's requester unit names for questions about it (联系人) and their phone
 * (联系电话): given, shown and changed together, so one value rather than two loose fields.
 */
public record Contact(String name, String phone) {
}
