package org.openprimary.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.openprimary.admin.accounts.AccountsResource;
import org.openprimary.admin.elections.ElectionsAdminResource;
import org.openprimary.admin.notifications.OutboxResource;
import org.openprimary.admin.registration.RollAdminResource;
import org.openprimary.admin.seal.BailiffResource;
import org.openprimary.admin.system.SystemResource;
import org.openprimary.common.web.DomainExceptionMapper;
import org.openprimary.common.web.MalformedJsonMapper;
import org.openprimary.common.web.OriginCheckFilter;
import org.openprimary.common.web.UnexpectedExceptionMapper;
import org.openprimary.common.web.WebApplicationExceptionMapper;

/**
 * The admin REST API, under {@code /admin/api}. Every call but the sign-in ({@code /admin/api/session})
 * needs a signed-in account: a session opened with a password and a TOTP code, or HTTP Basic in the
 * demo only ({@code ConsoleAuthentication}); WEB-INF/web.xml says which role may do what.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "OpenPrimary admin API", version = "0.1",
        description = "Organizers draft elections and run their lifecycle."))
public class AdminApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ElectionsAdminResource.class,
                org.openprimary.admin.elections.MinutesResource.class,
                org.openprimary.admin.elections.ElectionCampaignsResource.class,
                org.openprimary.admin.support.SupportResource.class,
                SystemResource.class,
                org.openprimary.admin.session.SessionResource.class,
                RollAdminResource.class,
                org.openprimary.admin.registration.StrikeOffsResource.class,
                org.openprimary.admin.registration.StrikeOffDecisionResource.class,
                org.openprimary.admin.registration.AppealsResource.class,
                org.openprimary.admin.registration.AppealConfirmationResource.class,
                org.openprimary.admin.registration.RollLedgerResource.class,
                org.openprimary.admin.registration.RollSearchResource.class,
                org.openprimary.admin.registration.MemberImportResource.class,
                org.openprimary.admin.registration.FunnelResource.class,
                org.openprimary.admin.dashboard.TimelineResource.class,
                BailiffResource.class,
                AccountsResource.class,
                org.openprimary.admin.trustees.TrusteeResource.class,
                org.openprimary.admin.audit.AuditResource.class,
                org.openprimary.admin.audit.AuditFilter.class,
                OutboxResource.class, org.openprimary.admin.notifications.CampaignsResource.class,
                org.openprimary.admin.notifications.DeliverabilityResource.class,
                DomainExceptionMapper.class,
                WebApplicationExceptionMapper.class,
                MalformedJsonMapper.class,
                org.openprimary.common.web.ProblemLanguageFilter.class,
                UnexpectedExceptionMapper.class,
                OriginCheckFilter.class,
                org.openprimary.common.web.JsonBodyGuard.class,
                org.openprimary.common.web.RequestHeaderGuard.class);
    }
}
