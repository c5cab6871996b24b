package org.openprimary.registration.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import java.util.Locale;
import org.openprimary.common.ConflictException;
import org.openprimary.common.InvalidInputException;

/**
 * The demo's stand-in for Stripe's PaymentIntents: no provider, no money. The "payment" is a test
 * card number typed in the demo page: Stripe's test cards that succeed (e.g. 4242 4242 4242 4242 or
 * 4000 0025 0000 3155) pay, its declined test card {@value #DECLINED} does not, as Stripe's test
 * mode would answer. The payment id carries the registration it belongs to; the amount and currency
 * are the election's. Refused in production, like the demo's card imprint.
 */
@Stateless
@LocalBean
public class DemoFeeCollector implements FeeCollector {

    static final String PREFIX = "pi_demo_";
    /** Stripe's test card that is always declined. */
    static final String DECLINED = "4000000000000002";

    @Override
    public Payment start(String registrantId, long amountCents, String currency, String previousPaymentId) {
        return new Payment(PREFIX + registrantId, PREFIX + registrantId + "_secret_demo", "pk_demo",
                "requires_payment_method");
    }

    @Override
    public Paid paid(String paymentId, String registrantId, long amountCents, String currency, String demoCard) {
        if (paymentId == null || !paymentId.startsWith(PREFIX)) {
            throw new InvalidInputException("paymentId", "no payment has this id");
        }
        if (!(PREFIX + registrantId).equals(paymentId)) {
            throw new InvalidInputException("paymentId", "this payment belongs to another registration");
        }
        String digits = demoCard == null ? "" : demoCard.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}")) {
            throw new InvalidInputException("demoCard", "type a test card number, e.g. 4242 4242 4242 4242");
        }
        if (digits.equals(DECLINED)) {
            throw new ConflictException("paymentId", "the payment did not go through (status requires_payment_method);"
                    + " pay in the page, then try again");
        }
        return new Paid(paymentId, amountCents, currency.toUpperCase(Locale.ROOT));
    }
}
