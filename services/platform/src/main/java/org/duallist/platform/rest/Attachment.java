package org.duallist.platform.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} of a file to download, named in Chinese where browsers allow (RFC 6266). */
public final class Attachment {

    private Attachment() {
    }

    /**
     * @param asciiName what older clients save it as
     * @param name      what people see: UTF-8, percent-encoded as {@code filename*}
     */
    public static String disposition(String asciiName, String name) {
        return "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
