package org.openprimary.admin.elections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openprimary.voting.boundary.ElectionService;

/**
 * The console's checklists are said in the page's language (its Accept-Language): French where the
 * reason catalog knows the item, with the item's values carried over; English as the domain lists
 * them otherwise, and by default.
 */
class ChecklistTest {

    private static final String NBSP = "\u00a0";

    /** The seal's checklist of an election still in draft, with no schedule and no trustee. */
    static final class Missing extends ElectionService {
        @Override
        public List<String> missingBeforeSeal(String id) {
            return List.of("the election is DRAFT, not REGISTRATION", "the voting schedule is not set",
                    "no trustees are named: name the trustees and how many of them are needed to count",
                    "the first round's roll is still being carried over: 16 of 29 voters so far",
                    "something the catalog does not know");
        }
    }

    private static HttpHeaders acceptLanguage(String value) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return HttpHeaders.ACCEPT_LANGUAGE.equalsIgnoreCase((String) args[0]) ? value : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<String> sealChecklist(String acceptLanguage) {
        ElectionsAdminResource resource = new ElectionsAdminResource();
        resource.elections = new Missing();
        resource.headers = acceptLanguage(acceptLanguage);
        return resource.sealChecklist("e-1").missing();
    }

    @Test
    void aFrenchConsoleReadsTheChecklistInFrench() {
        assertEquals(List.of("l’élection est DRAFT, pas REGISTRATION", "le calendrier du vote n’est pas fixé",
                "aucun gardien n’est nommé" + NBSP + ": nommez les gardiens et combien d’entre eux sont nécessaires"
                        + " pour dépouiller",
                "la liste du premier tour est encore en cours de reprise" + NBSP + ": 16 électeurs sur 29 pour"
                        + " l’instant",
                "something the catalog does not know"), sealChecklist("fr-FR,fr;q=0.9,en;q=0.8"));
    }

    @Test
    void anEnglishConsoleOrNoLanguageReadsTheItemsAsTheDomainListsThem() {
        List<String> asListed = new Missing().missingBeforeSeal("e-1");
        assertEquals(asListed, sealChecklist("en-GB,fr;q=0.5"));
        assertEquals(asListed, sealChecklist(null));
    }

    @Test
    void anEmptyChecklistStaysEmpty() {
        assertEquals(List.of(), ElectionsAdminResource.Checklist.in(List.of(), "fr").missing());
    }
}
