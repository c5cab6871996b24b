package org.openprimary.registration.boundary;

import java.time.Instant;
import org.openprimary.registration.entity.ConsoleCode;
import org.openprimary.registration.entity.PhoneNumber;

/** A code the demo's console stand-in sent, with the number masked. */
public record ConsoleCodeView(String phone, String code, String channel, Instant sentAt, Instant expiresAt,
        boolean used) {

    static ConsoleCodeView of(ConsoleCode code) {
        return new ConsoleCodeView(PhoneNumber.mask(code.phone()), code.code(), code.channel(), code.createdAt(),
                code.expiresAt(), code.used());
    }
}
