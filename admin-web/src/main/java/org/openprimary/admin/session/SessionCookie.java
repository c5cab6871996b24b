package org.openprimary.admin.session;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The console's session cookie: {@code OPENPRIMARY_CONSOLE}, HttpOnly, {@code SameSite=Strict} (a
 * page of another site can never make the browser send it), Secure whenever the request came over
 * TLS (Payara's default). Set through the Servlet 6 API, which Payara honours where web.xml's
 * {@code <cookie-config><attribute>} is not read.
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    public static final String NAME = "OPENPRIMARY_CONSOLE";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setName(NAME);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");
    }
}
