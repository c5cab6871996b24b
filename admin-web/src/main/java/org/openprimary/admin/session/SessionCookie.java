package org.openprimary.admin.session;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The console's session cookie: {@code OPENPRIMARY_CONSOLE}, HttpOnly, {@code SameSite=Strict} (a
 * page of another site can never make the browser send it), Secure whenever the request came over
 * TLS (Payara's default). Name and HttpOnly through the Servlet API; Payara 6 ignores a SameSite set
 * there or in web.xml and reads it from payara-web.xml's {@code cookie-properties} ({@code cookieSameSite}),
 * where it is; the attribute is set here too for a container that follows Servlet 6.
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
