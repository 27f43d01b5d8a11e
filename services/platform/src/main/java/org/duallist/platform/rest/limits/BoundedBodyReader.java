package org.duallist.platform.rest.limits;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body as the resource's reader takes them and stops at the path's
 * limit with {@link RequestBodyTooLargeException} (413 problem+json): a chunked body declares no
 * length, so only counting finds it too large, and it is never held whole in memory.
 */
@Provider
public class BoundedBodyReader implements ReaderInterceptor {

    private final RequestBodyLimits limits;
    private final CurrentVertxRequest request;

    BoundedBodyReader(RequestBodyLimits limits, CurrentVertxRequest request) {
        this.limits = limits;
        this.request = request;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String path = request.getCurrent().normalizedPath();
        context.setInputStream(new BoundedInputStream(context.getInputStream(), limits.limitFor(path), path));
        return context.proceed();
    }

    static final class BoundedInputStream extends FilterInputStream {

        private final long limit;
        private final String path;
        private long count;

        BoundedInputStream(InputStream in, long limit, String path) {
            super(in);
            this.limit = limit;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long bytes) throws RequestBodyTooLargeException {
            count += bytes;
            if (count > limit) {
                throw new RequestBodyTooLargeException(limit, path);
            }
        }
    }
}
