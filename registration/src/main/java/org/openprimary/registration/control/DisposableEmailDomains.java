package org.openprimary.registration.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Domains of throw-away mailboxes, refused at registration. The list ships in the module
 * ({@code disposable-email-domains.txt}, from the npm package of that name; refreshed by
 * {@code scripts/update-disposable-email-domains.sh}). A subdomain of a listed domain is refused too.
 */
public final class DisposableEmailDomains {

    private static final String RESOURCE = "/disposable-email-domains.txt";

    private final Set<String> domains;

    private DisposableEmailDomains(Set<String> domains) {
        this.domains = domains;
    }

    /** The shipped list. */
    public static DisposableEmailDomains shipped() {
        return Holder.SHIPPED;
    }

    static DisposableEmailDomains of(Set<String> domains) {
        return new DisposableEmailDomains(Set.copyOf(domains));
    }

    /** Whether the mailbox's domain, or a domain it belongs to, is a disposable one. */
    public boolean isDisposable(String emailAddress) {
        String domain = emailAddress.substring(emailAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        while (domain.contains(".")) {
            if (domains.contains(domain)) {
                return true;
            }
            domain = domain.substring(domain.indexOf('.') + 1);
        }
        return false;
    }

    public int size() {
        return domains.size();
    }

    private static final class Holder {
        static final DisposableEmailDomains SHIPPED = load();

        private static DisposableEmailDomains load() {
            Set<String> domains = new HashSet<>();
            try (InputStream in = DisposableEmailDomains.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the registration module");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String domain = line.strip();
                    if (!domain.isEmpty() && !domain.startsWith("#")) {
                        domains.add(domain.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new DisposableEmailDomains(domains);
        }
    }
}
