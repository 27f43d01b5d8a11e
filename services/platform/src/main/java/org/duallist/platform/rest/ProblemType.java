package org.duallist.platform.rest;

/** The kinds of problem the suite answers with; the URIs name them and resolve nowhere. */
public enum ProblemType {
    VALIDATION("validation", "The request is invalid", 400),
    MALFORMED("malformed-request", "The request body cannot be read", 400),
    UNAUTHORIZED("unauthorized", "Authentication is required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NOT_FOUND("not-found", "Not found", 404),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    RATE_LIMITED("rate-limited", "Too many requests; retry later", 429),
    STATE_CONFLICT("state-conflict", "The task is not in a state that allows this", 409),
    CONCURRENT_UPDATE("concurrent-update", "The task was changed at the same time; retry", 409),
    HTTP("http", "HTTP error", 0),
    UNAVAILABLE("unavailable", "Temporarily unavailable; retry", 503),
    INTERNAL("internal", "Internal error", 500);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return "urn:dual-list:problem:" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
