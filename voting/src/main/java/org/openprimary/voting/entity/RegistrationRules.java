package org.openprimary.voting.entity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.boundary.Factor;
import org.openprimary.registration.boundary.RollMode;

/**
 * How citizens get on an election's roll: the factors they must verify, the countries whose
 * mobile numbers may register, and the roll mode. Defaults: phone and email, France and its
 * overseas departments, open registration.
 */
public record RegistrationRules(Set<Factor> requiredFactors, List<String> allowedCountries, RollMode rollMode) {

    /** Metropolitan France, Guadeloupe, Martinique, French Guiana, Réunion, Mayotte. */
    public static final List<String> FRANCE_AND_OVERSEAS_DEPARTMENTS = List.of("FR", "GP", "MQ", "GF", "RE", "YT");
    public static final RegistrationRules DEFAULT = new RegistrationRules(
            EnumSet.of(Factor.PHONE, Factor.EMAIL), FRANCE_AND_OVERSEAS_DEPARTMENTS, RollMode.OPEN);

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public RegistrationRules {
        if (requiredFactors == null || requiredFactors.isEmpty()) {
            throw new InvalidInputException("requiredFactors", "an election requires at least one factor");
        }
        if (allowedCountries == null || allowedCountries.isEmpty()) {
            throw new InvalidInputException("allowedCountries", "an election allows at least one country");
        }
        requiredFactors = Set.copyOf(EnumSet.copyOf(requiredFactors));
        allowedCountries = List.copyOf(new LinkedHashSet<>(allowedCountries));
        if (rollMode == null) {
            throw new InvalidInputException("rollMode", "the roll mode is OPEN or IMPORTED");
        }
    }

    /** Reads an organizer's request; absent parts take the defaults. */
    public static RegistrationRules of(List<String> factors, List<String> countries, String rollMode) {
        return new RegistrationRules(
                factors == null ? DEFAULT.requiredFactors() : parseFactors(factors),
                countries == null ? DEFAULT.allowedCountries() : parseCountries(countries),
                rollMode == null ? DEFAULT.rollMode() : parseRollMode(rollMode));
    }

    private static Set<Factor> parseFactors(List<String> names) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            try {
                factors.add(Factor.valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("requiredFactors[" + i + "]",
                        "'" + name + "' is not a factor; use PHONE, EMAIL or CARD");
            }
        }
        return factors;
    }

    private static List<String> parseCountries(List<String> codes) {
        List<String> countries = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = String.valueOf(codes.get(i)).trim().toUpperCase(Locale.ROOT);
            if (!ISO_COUNTRIES.contains(code)) {
                throw new InvalidInputException("allowedCountries[" + i + "]",
                        "'" + codes.get(i) + "' is not an ISO 3166 country code such as FR");
            }
            countries.add(code);
        }
        return countries;
    }

    private static RollMode parseRollMode(String mode) {
        try {
            return RollMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("rollMode", "'" + mode + "' is not a roll mode; use OPEN or IMPORTED");
        }
    }
}
