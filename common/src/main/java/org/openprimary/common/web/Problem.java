package org.openprimary.common.web;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code field} and
 * {@code reason} are OpenPrimary's extension members: which input is at fault and why.
 */
public record Problem(String type, String title, int status, String detail, String field, String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String field, String reason) {
        return new Problem("about:blank", title, status, reason, field, reason);
    }
}
