package org.openprimary.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.openprimary.common.web.DomainExceptionMapper;
import org.openprimary.common.web.MalformedJsonMapper;
import org.openprimary.common.web.OriginCheckFilter;
import org.openprimary.common.web.UnexpectedExceptionMapper;
import org.openprimary.common.web.WebApplicationExceptionMapper;
import org.openprimary.web.elections.PublicElectionsResource;
import org.openprimary.web.registration.RegistrationResource;

/** The public REST API, under {@code /api}: anyone may call it, no sign-in. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "OpenPrimary public API", version = "0.1",
        description = "What anyone can see of the elections: those open for registration, their candidates."))
public class PublicApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                PublicElectionsResource.class,
                org.openprimary.web.voting.VotingResource.class,
                RegistrationResource.class, org.openprimary.web.registration.AppealResource.class,
                org.openprimary.web.notifications.UnsubscribeResource.class,
                org.openprimary.web.notifications.TwilioStatusResource.class,
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
