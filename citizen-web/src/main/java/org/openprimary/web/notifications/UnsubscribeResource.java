package org.openprimary.web.notifications;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.notifications.boundary.NotificationService;
import org.openprimary.notifications.boundary.SubscriptionView;

/**
 * The unsubscribe link of news emails. Opening it only shows a page with a button (link scanners
 * open links too); the button, or a mail provider's one-click unsubscribe (RFC 8058), posts to the
 * same address. Codes, voting links and receipts still go: only news, reminders and campaigns stop.
 */
@Path("unsubscribe/{token}")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class UnsubscribeResource {

    @EJB
    NotificationService notifications;

    @GET
    @Operation(summary = "The unsubscribe page: the address (masked) and a button")
    public String page(@PathParam("token") String token) {
        SubscriptionView subscription = notifications.subscription(token);
        if (subscription.unsubscribed()) {
            return done(subscription);
        }
        return page("Se désabonner · Unsubscribe",
                "<p>Ne plus recevoir d'informations ni de rappels d'OpenPrimary à l'adresse <b>" + escape(subscription.address())
                        + "</b>&nbsp;? Les codes, liens de vote et récépissés continueront d'arriver.</p>"
                        + "<p lang=\"en\">No more news or reminders from OpenPrimary to <b>" + escape(subscription.address())
                        + "</b>? Codes, voting links and receipts will still arrive.</p>"
                        + "<form method=\"post\"><button type=\"submit\">Me désabonner · Unsubscribe</button></form>");
    }

    @POST
    @Operation(summary = "Unsubscribe the link's address from news (also RFC 8058 one-click)")
    public String unsubscribe(@PathParam("token") String token) {
        return done(notifications.unsubscribe(token));
    }

    private static String done(SubscriptionView subscription) {
        return page("Désabonnement enregistré · Unsubscribed",
                "<p>C'est fait : " + escape(subscription.address()) + " ne recevra plus d'informations ni de rappels.</p>"
                        + "<p lang=\"en\">Done: " + escape(subscription.address()) + " will get no more news or reminders.</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><main><h1>"
                + title + "</h1>" + body + "</main></body></html>";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
