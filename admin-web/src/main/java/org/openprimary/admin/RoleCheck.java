package org.openprimary.admin;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Collection;
import org.openprimary.common.ForbiddenException;

/**
 * Where a resource narrows what web.xml lets through (web.xml gives a path to the console's staff;
 * a resource may keep a read to fewer of them): one way to say no, a 403 problem+json on
 * {@code role} with who may.
 */
public final class RoleCheck {

    private RoleCheck() {
    }

    /**
     * Refuses the caller unless they hold one of {@code roles} (lowercase, as {@code isUserInRole}
     * reads them); {@code who} says who may, e.g. "the funnel is read by organizers and auditors".
     */
    public static void require(SecurityContext security, Collection<String> roles, String who) {
        if (roles.stream().noneMatch(security::isUserInRole)) {
            throw new ForbiddenException("role", who);
        }
    }
}
