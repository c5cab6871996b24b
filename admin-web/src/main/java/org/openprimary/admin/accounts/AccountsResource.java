package org.openprimary.admin.accounts;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openprimary.voting.boundary.AdminAccounts;
import org.openprimary.voting.boundary.CreatedAccount;
import org.openprimary.voting.boundary.NewAccount;

/** Organizers create the console's accounts (bailiffs, trustees, operators, auditors, other organizers) and reset a lost second factor. */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    @EJB
    AdminAccounts accounts;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account {username, roles}; its first password is in the answer, once")
    public Response create(NewAccount request) {
        CreatedAccount created = accounts.create(request, security.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(created).build();
    }

    @POST
    @Path("{username}/second-factor/reset")
    @Operation(summary = "Remove another account's second factor (a lost phone): they enrol a new one at their next sign-in")
    public Response resetSecondFactor(@PathParam("username") String username) {
        accounts.resetSecondFactor(username, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }
}
