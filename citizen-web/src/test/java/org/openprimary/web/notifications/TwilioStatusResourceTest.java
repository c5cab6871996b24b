package org.openprimary.web.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openprimary.common.web.OriginCheckFilter;
import org.openprimary.notifications.boundary.CallbackRefusedException;
import org.openprimary.notifications.boundary.DeliveryService;

/** The webhook hands Twilio's form and signature to the notifications module, and the Origin check lets Twilio in. */
class TwilioStatusResourceTest {

    /** The facade, recording what the webhook handed it. */
    static final class RecordingDelivery extends DeliveryService {
        String signature;
        Map<String, String> form;
        String message;
        RuntimeException refusal;

        @Override
        public void twilioStatus(String signature, Map<String, String> form, String message) {
            this.signature = signature;
            this.form = form;
            this.message = message;
            if (refusal != null) {
                throw refusal;
            }
        }
    }

    private static MultivaluedHashMap<String, String> twilioForm() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("MessageSid", "SM00000000000000000000000000000042");
        form.putSingle("MessageStatus", "delivered");
        form.putSingle("To", "+33612345678");
        form.put("Empty", List.of());
        return form;
    }

    @Test
    void theFormAndTheSignatureGoToTheModuleUnchanged() {
        TwilioStatusResource resource = new TwilioStatusResource();
        RecordingDelivery delivery = new RecordingDelivery();
        resource.delivery = delivery;

        resource.status("c2lnbmF0dXJl", "0b7e0f52-6a43-4c1e-9f39-2f6c1b1d0a11", twilioForm());

        assertEquals("c2lnbmF0dXJl", delivery.signature);
        assertEquals("0b7e0f52-6a43-4c1e-9f39-2f6c1b1d0a11", delivery.message, "the callback URL's ?m= too");
        assertEquals(Map.of("MessageSid", "SM00000000000000000000000000000042", "MessageStatus", "delivered",
                "To", "+33612345678", "Empty", ""), delivery.form);
    }

    @Test
    void aRefusalOfTheModuleIsNotSwallowed() {
        TwilioStatusResource resource = new TwilioStatusResource();
        RecordingDelivery delivery = new RecordingDelivery();
        delivery.refusal = new CallbackRefusedException("X-Twilio-Signature", "this signature is not Twilio's");
        resource.delivery = delivery;
        // The DomainExceptionMapper makes it a 403 problem+json.
        assertSame(delivery.refusal, assertThrows(CallbackRefusedException.class,
                () -> resource.status(null, null, twilioForm())));
    }

    @Test
    void theOriginCheckLetsTwiliosPostThrough() {
        AtomicBoolean aborted = new AtomicBoolean();
        // What Twilio sends: no Origin, no Sec-Fetch-Site (it is not a browser).
        Map<String, String> headers = Map.of("Host", "primaire.example", "Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8", "X-Twilio-Signature", "c2lnbmF0dXJl",
                "User-Agent", "TwilioProxy/1.1");
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "getMethod" -> "POST";
                            case "getHeaderString" -> headers.get((String) args[0]);
                            case "abortWith" -> {
                                aborted.set(true);
                                yield null;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
        new OriginCheckFilter().filter(request);
        assertFalse(aborted.get(), "Twilio's callback is not refused as cross-site");
    }
}
