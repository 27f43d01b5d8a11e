package org.duallist.local;

import java.util.List;

/** Another launcher holds the data directory's lock. */
public class AlreadyRunningException extends RuntimeException {

    private final String pid;
    private final List<String> urls;

    public AlreadyRunningException(String pid, List<String> urls) {
        super("Dual List is already running (pid " + pid + "): " + String.join(" ", urls));
        this.pid = pid;
        this.urls = List.copyOf(urls);
    }

    public String pid() {
        return pid;
    }

    public List<String> urls() {
        return urls;
    }
}
