package io.fleetwright.app.codec;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call the codec endpoint: a caller that shows the token, either as {@code Authorization:
 * Bearer <token>} (the Temporal CLI's {@code --codec-auth}, curl) or as the first path segment,
 * {@code /<token>/decode} (the Web UI, which can only be given an endpoint URL: it sends the user's
 * OIDC access token, never a fixed one), and, from a browser, only from a configured UI origin.
 */
final class EndpointGate {
  /** {@code /encode}, {@code /decode}, optionally below one path segment (the token). */
  private static final Pattern PATH = Pattern.compile("^/(?:([^/]+)/)?(encode|decode)$");

  /** What the gate decided for one request. */
  sealed interface Verdict {}

  /** Refused with this status and one-line reason. */
  record Refused(int status, String reason) implements Verdict {}

  /** A CORS preflight from an allowed origin (or none): answer 204. */
  record Preflight() implements Verdict {}

  /** Let through to {@code /encode} or {@code /decode}. */
  record Allowed(String operation) implements Verdict {}

  private final byte[] token;
  private final Set<String> origins;

  EndpointGate(String token, List<String> allowedOrigins) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.origins = Set.copyOf(allowedOrigins);
  }

  Verdict check(HttpExchange exchange) {
    Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
    if (!path.matches()) {
      return new Refused(404, "only /encode and /decode are served here");
    }
    Optional<String> origin = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Origin"));
    if (origin.isPresent() && !originAllowed(origin.get())) {
      return new Refused(403, "this origin is not in codec.cors_origins");
    }
    if (exchange.getRequestMethod().equals("OPTIONS")) {
      return new Preflight();
    }
    if (!authenticated(path.group(1), exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new Refused(
          401,
          "send the codec endpoint token as Authorization: Bearer <token>, or call"
              + " /<token>/decode");
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      return new Refused(405, "use POST with {\"payloads\":[...]}");
    }
    return new Allowed(path.group(2));
  }

  boolean originAllowed(String origin) {
    return origins.contains(origin) || origins.contains("*");
  }

  private boolean authenticated(String pathToken, String authorization) {
    if (pathToken != null) {
      return same(pathToken);
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return same(authorization.substring(7).strip());
  }

  /** Compares in constant time, so the answer's timing tells nothing about the token. */
  private boolean same(String presented) {
    return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
