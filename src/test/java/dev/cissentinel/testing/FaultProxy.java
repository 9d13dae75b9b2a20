package dev.cissentinel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy between the real SDK and moto_server that injects faults per AWS action: throttling,
 * 500/503, AccessDenied, delay, a cut connection, a malformed body, or (for BatchImportFindings) one rejected
 * finding; or it answers in the emulator's place with a recorded response ({@link #reply}). Point clients at
 * {@link #endpoint()}; every request not matched by a rule is forwarded unchanged.
 *
 * <p>The action is read the way AWS routes it: {@code X-Amz-Target} (JSON protocols), {@code Action=} in a form
 * body (query protocols), the last path segment of an RPC v2 path, or Security Hub's REST paths.
 */
public final class FaultProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding");

    /** What to do to a matched request. */
    public enum Kind {
        THROTTLE, SERVER_ERROR_500, UNAVAILABLE_503, ACCESS_DENIED, INVALID_ACCESS, DELAY, CUT, MALFORMED, REJECT_ONE,
        /** Answer with a recorded AWS response instead of the emulator's: for APIs moto lacks (TestMetricFilter). */
        REPLY
    }

    /**
     * @param reply for {@link Kind#REPLY}, the JSON 1.1 body sent with status 200
     * @param bodyContains matches only requests whose (URL-decoded) body contains this; empty matches all
     */
    private record Rule(String action, Kind kind, int skip, int times, Duration delay, AtomicInteger seen,
            String reply, String bodyContains) {
    }

    private final URI target;
    private final HttpServer server;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faulted = new ConcurrentHashMap<>();
    private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();

    private FaultProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** A proxy in front of {@code target} (the emulator). */
    public static FaultProxy in(URI target) {
        return new FaultProxy(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Applies {@code kind} to {@code action} (e.g. DescribeTrails) {@code times} times, after skipping some. */
    public FaultProxy fault(String action, Kind kind, int skip, int times, Duration delay) {
        rules.add(new Rule(action, kind, skip, times, delay, new AtomicInteger(), "", ""));
        return this;
    }

    /**
     * Applies {@code kind} to every call of {@code action} whose request body, URL-decoded, contains
     * {@code bodyContains}: e.g. AssumeRole into one account's role only.
     */
    public FaultProxy alwaysWhen(String action, String bodyContains, Kind kind) {
        rules.add(new Rule(action, kind, 0, Integer.MAX_VALUE, Duration.ZERO, new AtomicInteger(), "", bodyContains));
        return this;
    }

    /** Answers every call of {@code action} (a JSON-protocol API) with {@code body}, status 200, never forwarding. */
    public FaultProxy reply(String action, String body) {
        rules.add(new Rule(action, Kind.REPLY, 0, Integer.MAX_VALUE, Duration.ZERO, new AtomicInteger(), body, ""));
        return this;
    }

    /** The bodies of the requests seen for {@code action}, in order (for what a reply stood in for). */
    public List<String> bodies(String action) {
        return bodies.getOrDefault(action, List.of());
    }

    /** Applies {@code kind} to every call of {@code action}. */
    public FaultProxy always(String action, Kind kind) {
        return fault(action, kind, 0, Integer.MAX_VALUE, Duration.ZERO);
    }

    public FaultProxy clear() {
        rules.clear();
        requests.clear();
        faulted.clear();
        bodies.clear();
        return this;
    }

    /** Requests seen per action, faulted or not. */
    public int requests(String action) {
        return requests.getOrDefault(action, new AtomicInteger()).get();
    }

    /** Every action seen since the last {@link #clear()}, for messages. */
    public Set<String> actionsSeen() {
        return Set.copyOf(requests.keySet());
    }

    /** Faults injected per action. */
    public int faults(String action) {
        return faulted.getOrDefault(action, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String action = action(exchange, body);
        requests.computeIfAbsent(action, key -> new AtomicInteger()).incrementAndGet();
        bodies.computeIfAbsent(action, key -> new CopyOnWriteArrayList<>()).add(new String(body,
                StandardCharsets.UTF_8));
        Rule rule = matching(action, decoded(body));
        if (rule != null) {
            faulted.computeIfAbsent(action, key -> new AtomicInteger()).incrementAndGet();
            switch (rule.kind()) {
                case DELAY:
                    pause(rule.delay());
                    break;
                case CUT:
                    // No response at all: the server drops the connection, as a network cut would.
                    throw new IllegalStateException("fault: connection cut for " + action);
                case REJECT_ONE:
                    forwardAndRejectOne(exchange, body);
                    return;
                case REPLY:
                    reply(exchange, 200, "application/x-amz-json-1.1", rule.reply(), Map.of());
                    return;
                default:
                    error(exchange, rule.kind(), action);
                    return;
            }
        }
        forward(exchange, body);
    }

    /** The body URL-decoded (query protocols), or as it is when it is not URL-encoded. */
    private static String decoded(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return text;
        }
    }

    private Rule matching(String action, String body) {
        for (Rule rule : rules) {
            if (rule.action().equals(action) && body.contains(rule.bodyContains())) {
                int n = rule.seen().incrementAndGet();
                if (n > rule.skip() && n <= (long) rule.skip() + rule.times()) {
                    return rule;
                }
            }
        }
        return null;
    }

    static String action(HttpExchange exchange, byte[] body) {
        String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (targetHeader != null) {
            return targetHeader.substring(targetHeader.lastIndexOf('.') + 1);
        }
        String path = exchange.getRequestURI().getPath();
        if (path.contains("/operation/")) {
            return path.substring(path.lastIndexOf('/') + 1);
        }
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.startsWith("Action=")) {
                    return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        String method = exchange.getRequestMethod();
        if (path.equals("/findings/import")) {
            return "BatchImportFindings";
        }
        if (path.equals("/findings")) {
            return "GetFindings";
        }
        if (path.equals("/listRegions")) {
            return "ListRegions";
        }
        if (path.equals("/accounts")) {
            return method.equals("GET") ? "DescribeHub" : "EnableSecurityHub";
        }
        return method + " " + path;
    }

    private static void error(HttpExchange exchange, Kind kind, String action) throws IOException {
        int status;
        String code;
        switch (kind) {
            case THROTTLE:
                status = 400;
                code = "ThrottlingException";
                break;
            case SERVER_ERROR_500:
                status = 500;
                code = "InternalFailure";
                break;
            case UNAVAILABLE_503:
                status = 503;
                code = "ServiceUnavailable";
                break;
            case ACCESS_DENIED:
                status = 403;
                code = "AccessDeniedException";
                break;
            case INVALID_ACCESS:
                // What Security Hub answers when it is not enabled in the account and region.
                status = 401;
                code = "InvalidAccessException";
                break;
            default:
                reply(exchange, 200, "application/x-amz-json-1.1", "{{{ not json <<< not xml",
                        Map.of());
                return;
        }
        String message = "fault injected by the test proxy for " + action;
        if (isQuery(exchange)) {
            String queryCode = kind == Kind.THROTTLE ? "Throttling" : kind == Kind.ACCESS_DENIED ? "AccessDenied" : code;
            reply(exchange, status, "text/xml", "<ErrorResponse><Error><Type>"
                    + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>" + queryCode + "</Code><Message>"
                    + message + "</Message></Error><RequestId>fault</RequestId></ErrorResponse>", Map.of());
        } else {
            if (kind == Kind.THROTTLE && !exchange.getRequestHeaders().containsKey("X-Amz-Target")) {
                status = 429;
                code = "TooManyRequestsException";
            }
            reply(exchange, status, "application/x-amz-json-1.1", "{\"__type\":\"" + code + "\",\"message\":\""
                    + message + "\"}", Map.of("x-amzn-ErrorType", code));
        }
    }

    private static boolean isQuery(HttpExchange exchange) {
        return String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpResponse<byte[]> response = send(exchange, body);
        relay(exchange, response, response.body());
    }

    /** Forwards, then reports the last finding of the batch as rejected, as Security Hub may. */
    private void forwardAndRejectOne(HttpExchange exchange, byte[] body) throws IOException {
        HttpResponse<byte[]> response = send(exchange, body);
        JsonNode request = JSON.readTree(body);
        JsonNode findings = request.path("Findings");
        String rejected = findings.get(findings.size() - 1).path("Id").asText();
        ObjectNode reply = (ObjectNode) JSON.readTree(response.body());
        reply.put("FailedCount", 1);
        reply.put("SuccessCount", findings.size() - 1);
        reply.putArray("FailedFindings").addObject().put("Id", rejected).put("ErrorCode", "InvalidInput")
                .put("ErrorMessage", "rejected by the fault proxy");
        relay(exchange, response, JSON.writeValueAsBytes(reply));
    }

    private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding to the emulator", e);
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response, byte[] body) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body,
            Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
