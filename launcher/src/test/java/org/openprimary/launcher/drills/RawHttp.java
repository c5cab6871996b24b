package org.openprimary.launcher.drills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client over a plain socket, one connection per request ({@code Connection: close}),
 * so a drill can send what {@code java.net.http} refuses to: bytes that are not UTF-8, header
 * values with line breaks, any method with any body, no {@code Content-Type} at all.
 */
public final class RawHttp {

    /** What was sent, printable: the drills name the failing request with it. */
    public record Request(String method, String target, List<String[]> headers, byte[] body) {

        public String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(abbreviate(target, 300));
            for (String[] header : headers) {
                text.append("\n  ").append(header[0]).append(": ").append(abbreviate(escape(header[1]), 200));
            }
            text.append("\n  body (").append(body.length).append(" bytes): ")
                    .append(abbreviate(escape(new String(body, StandardCharsets.UTF_8)), 400));
            return text.toString();
        }
    }

    /** The answer: status, headers by lower-case name, body as UTF-8. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Response send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.write(("Host: " + host + ":" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
            for (String[] header : request.headers()) {
                head.write((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            head.write(("Content-Length: " + request.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head.toByteArray());
            try {
                out.write(request.body());
                out.flush();
            } catch (IOException refusedMidway) {
                // the server may answer (413, 400) and close before a huge body is all sent: read its answer
            }
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no HTTP answer (" + all.length + " bytes): "
                    + abbreviate(new String(all, StandardCharsets.ISO_8859_1), 200));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().limit(2_000).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x200b && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfffd) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
