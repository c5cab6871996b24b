package org.openprimary.common.web;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code field},
 * {@code reason} and {@code code} are OpenPrimary's extension members: which input is at fault, why
 * (in the language the client asked for, {@link Reasons}), and, when the reason is a known one, a
 * stable code for programs, the same in every language. {@code code} is left out when null.
 */
public record Problem(String type, String title, int status, String detail, String field, String reason, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String field, String reason) {
        return new Problem("about:blank", title, status, reason, field, reason, null);
    }

    /** The same problem with its reason said in {@code language} ({@code fr} or {@code en}) and its code. */
    public Problem in(String language) {
        Reasons.Said said = Reasons.shipped().say(reason, language);
        return said == null ? this : new Problem(type, title, status, said.text(), field, said.text(), said.code());
    }
}
