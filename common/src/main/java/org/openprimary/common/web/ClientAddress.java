package org.openprimary.common.web;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request comes from, for the per-address limits of registration, voting and the console's sign-in. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The connection's address, or, behind a load balancer the operator trusts
     * ({@code openprimary.http.trust-forwarded-for}), the first address of {@code X-Forwarded-For}.
     */
    public static String of(HttpServletRequest request, boolean trustForwardedFor) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustForwardedFor && forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return request.getRemoteAddr();
    }
}
