package org.duallist.platform.rest.limits;

import java.io.IOException;

/**
 * A request body went past its limit while it was read; answered 413 problem+json. An IOException,
 * as a failing stream's would be, so that JSON readers pass it on as it is instead of wrapping it
 * into a parse error.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;
    private final String path;

    public RequestBodyTooLargeException(long limit, String path) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
        this.path = path;
    }

    public long limit() {
        return limit;
    }

    public String path() {
        return path;
    }
}
