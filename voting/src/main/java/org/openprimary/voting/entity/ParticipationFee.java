package org.openprimary.voting.entity;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import org.openprimary.common.InvalidInputException;

/**
 * What a citizen pays to take part (the 2017 open primaries asked 1 euro), in the currency's
 * smallest unit: {@code 100} EUR is 1,00 €. Zero is no fee. The bounds: at least
 * {@value #MIN_CENTS} (the smallest charge Stripe accepts in euros) and at most {@value #MAX_CENTS}
 * (100 €: a participation fee, not a membership), in a currency with cents (two decimals), so the
 * amount always reads as "x,yy".
 */
public record ParticipationFee(long cents, String currency) {

    public static final String DEFAULT_CURRENCY = "EUR";
    public static final long MIN_CENTS = 50;
    public static final long MAX_CENTS = 10_000;
    public static final ParticipationFee NONE = new ParticipationFee(0, DEFAULT_CURRENCY);

    /** The seal's {@code registration.fee} value when there is no fee. */
    public static final String SEAL_NONE = "none";

    public ParticipationFee {
        if (cents < 0 || cents > MAX_CENTS || cents > 0 && cents < MIN_CENTS) {
            throw new InvalidInputException("feeCents", "a participation fee is 0 (none) or " + MIN_CENTS + " to "
                    + MAX_CENTS + " cents, not " + cents);
        }
        currency = checkedCurrency(currency);
    }

    /**
     * Reads an organizer's request: {@code cents} a whole number of cents ({@code null}: no fee),
     * {@code currency} an ISO 4217 code with cents ({@code null} or blank: EUR).
     */
    public static ParticipationFee of(BigDecimal cents, String currency) {
        if (cents == null || cents.signum() == 0) {
            return new ParticipationFee(0, currency);
        }
        if (cents.signum() < 0) {
            throw new InvalidInputException("feeCents", "a participation fee cannot be negative");
        }
        BigDecimal whole = cents.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new InvalidInputException("feeCents", "the fee is a whole number of cents, e.g. 100 for 1,00 €");
        }
        if (whole.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
            throw new InvalidInputException("feeCents", "a participation fee is at most " + MAX_CENTS
                    + " cents (100,00 €)");
        }
        return new ParticipationFee(whole.longValueExact(), currency);
    }

    /** Whether citizens pay to be on the roll. */
    public boolean charged() {
        return cents > 0;
    }

    /** The seal's {@code registration.fee} value: {@code none}, or the cents and the currency, e.g. {@code 100 EUR}. */
    public String sealValue() {
        return charged() ? cents + " " + currency : SEAL_NONE;
    }

    private static String checkedCurrency(String code) {
        if (code == null || code.isBlank()) {
            return DEFAULT_CURRENCY;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        Currency found;
        try {
            found = upper.matches("[A-Z]{3}") ? Currency.getInstance(upper) : null;
        } catch (IllegalArgumentException e) {
            found = null;
        }
        if (found == null || found.getDefaultFractionDigits() != 2) {
            throw new InvalidInputException("feeCurrency", "'" + code + "' is not the ISO 4217 code of a currency"
                    + " with cents, such as EUR");
        }
        return upper;
    }
}
