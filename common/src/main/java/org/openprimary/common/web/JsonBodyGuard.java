package org.openprimary.common.web;

import org.openprimary.common.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.WebApplicationException;
import org.openprimary.common.InvalidInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * Checks a JSON request body before it is bound, so that what JSON-B would let through silently,
 * or what PostgreSQL would fail on, is the caller's 400 naming the field (found by issue 5's
 * bad-input drill, {@code BadInputIT}):
 *
 * <ul>
 * <li>bytes that are not UTF-8 (an overlong {@code /}, a lone surrogate): the decoder would have
 * replaced them with U+FFFD and the platform stored what the caller never sent;
 * <li>a NUL character ({@code \u0000}) in any string or name: PostgreSQL cannot store it in text,
 * and answered with a 500;
 * <li>a body that is not a JSON object where the resource reads one ({@code [{}]}, {@code null}):
 * JSON-B bound it to an empty object, and an empty update was applied.
 * </ul>
 *
 * An empty body and a body that is not JSON at all go on unchanged: the reader and
 * {@link MalformedJsonMapper} answer for them.
 */
@Provider
public class JsonBodyGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !isJson(type)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        if (blank(body)) {
            return context.proceed();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset == null || charset.equalsIgnoreCase("UTF-8")) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            } catch (CharacterCodingException e) {
                throw refused("body", "the request body is not valid UTF-8");
            }
            try {
                check(text, expectsObject(context.getType()));
            } catch (InvalidInputException refused) {
                throw refused(refused.field().orElse("body"), refused.reason());
            }
        }
        return context.proceed();
    }

    /**
     * Walks the JSON: the first value must be an object when one is expected; no string or name holds NUL.
     *
     * @throws InvalidInputException naming the field
     */
    static void check(String text, boolean object) {
        Deque<Object> path = new ArrayDeque<>();
        boolean[] whole = {false};
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
            boolean first = true;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (first) {
                    first = false;
                    if (object && event != JsonParser.Event.START_OBJECT) {
                        throw new InvalidInputException("body", "send a JSON object");
                    }
                }
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        advance(path);
                        path.push(event == JsonParser.Event.START_ARRAY ? (Object) (-1) : "");
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        whole[0] = path.isEmpty();
                    }
                    case KEY_NAME -> {
                        path.pop();
                        if (parser.getString().indexOf('\0') >= 0) {
                            throw new InvalidInputException(render(path), "a name may not contain the NUL character");
                        }
                        path.push(parser.getString());
                    }
                    case VALUE_STRING -> {
                        advance(path);
                        if (parser.getString().indexOf('\0') >= 0) {
                            throw new InvalidInputException(render(path), "text may not contain the NUL character (\\u0000)");
                        }
                    }
                    default -> advance(path);
                }
            }
        } catch (InvalidInputException refused) {
            throw refused;
        } catch (jakarta.json.JsonException | java.util.NoSuchElementException | IllegalStateException notJson) {
            if (whole[0]) {
                // {"a":1}, or {"a":1}{...}: a lenient reader would take the first value and drop the rest
                throw new InvalidInputException("body", "nothing may follow the JSON value");
            }
            // not JSON: the reader refuses it, MalformedJsonMapper answers
        } catch (RuntimeException tooDeep) {
            // Parsson's "Input is too deeply nested 1,000" (a plain RuntimeException), once a 500
            throw new InvalidInputException("body", "the request body is nested too deeply (1,000 levels at most)");
        }
    }

    /** In an array, the next value has the next index. */
    private static void advance(Deque<Object> path) {
        if (!path.isEmpty() && path.peek() instanceof Integer index) {
            path.pop();
            path.push(index + 1);
        }
    }

    private static String render(Deque<Object> path) {
        StringBuilder text = new StringBuilder();
        java.util.Iterator<Object> outermostFirst = path.descendingIterator();
        while (outermostFirst.hasNext()) {
            Object part = outermostFirst.next();
            if (part instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else if (!part.toString().isEmpty()) {
                text.append(text.length() == 0 ? "" : ".").append(part);
            }
        }
        return text.length() == 0 ? "body" : text.toString();
    }

    private static boolean expectsObject(Class<?> type) {
        if (JsonObject.class.isAssignableFrom(type)) {
            return true;
        }
        return !(type == Object.class || type.isArray() || type.isPrimitive() || Collection.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type) || JsonValue.class.isAssignableFrom(type)
                || Number.class.isAssignableFrom(type) || type == Boolean.class || InputStream.class.isAssignableFrom(type)
                || Reader.class.isAssignableFrom(type));
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json");
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static WebApplicationException refused(String field, String reason) {
        return new WebApplicationException(ProblemResponses.of(400, "Bad Request", field, reason));
    }
}
