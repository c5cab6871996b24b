package org.openprimary.common.json;

import jakarta.json.spi.JsonProvider;

/**
 * JSON-P's provider, looked up once for the application. {@code jakarta.json.Json.create...} looks
 * the provider up on every call, and on Payara Server that lookup scans the class path: it was most
 * of the CPU spent queuing a 500,000-recipient campaign (two builders a recipient). Use
 * {@code Jsonp.PROVIDER.createObjectBuilder()} and the like instead.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
