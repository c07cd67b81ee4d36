package vent.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Answers a single-resource read with an {@code ETag}, and with {@code 304 Not Modified} (no body)
 * when the request's {@code If-None-Match} matches it: one of its tags, or {@code *} (RFC 9110
 * section 13.1.2; Jersey's {@link Request#evaluatePreconditions(EntityTag)} compares weakly, as
 * that section requires for {@code If-None-Match}).
 *
 * <p>The tag is <b>strong</b>: {@code "<22 characters>"}, the first 128 bits of the SHA-256 of the
 * exact JSON bytes sent, base64url without padding. The body is serialized here, once, and those
 * very bytes are the entity, so two 200s with the same tag are byte-for-byte the same
 * representation, which is what a strong validator promises (a weak one would only promise semantic
 * equivalence, and would rule out range requests and some caches for nothing). Content coding is
 * Jetty's business: its gzip handler suffixes the tag of a compressed answer and strips the suffix
 * from {@code If-None-Match}.
 *
 * <p>{@code Cache-Control: no-cache} on anonymous reads (a cache may keep the answer, but must
 * revalidate it each time, which the tag makes cheap); {@code private, no-cache} on authenticated
 * ones, which no shared cache may keep. The 304 carries the same {@code ETag}, {@code
 * Cache-Control} and {@code Vary} as the 200 would.
 */
public final class ConditionalGet {

  /** Bytes of the tag: 128 bits make an accidental collision between two versions negligible. */
  private static final int TAG_BYTES = 16;

  /** Serializes bodies exactly as Dropwizard's own mapper does (same modules, same features). */
  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  private ConditionalGet() {}

  /**
   * @param request the JAX-RS request ({@code @Context Request})
   * @param body the representation, serialized to JSON here
   * @param authenticated the answer depends on the caller's token: {@code private}
   * @param varyOnAuthorization the answer (200 or 404, or its content) depends on whether and which
   *     bearer token was sent: {@code Vary: Authorization}
   * @return 200 with the JSON body, or 304 without one
   */
  public static Response ok(
      Request request, Object body, boolean authenticated, boolean varyOnAuthorization) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + body.getClass().getName(), e);
    }
    EntityTag tag = tagOf(json);
    CacheControl cache = new CacheControl();
    cache.setNoCache(true);
    cache.setNoTransform(false);
    cache.setPrivate(authenticated);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    Response.ResponseBuilder answer =
        notModified != null
            ? notModified.tag(tag)
            : Response.ok(json, MediaType.APPLICATION_JSON_TYPE).tag(tag);
    answer.cacheControl(cache);
    if (varyOnAuthorization) {
      answer.header("Vary", "Authorization");
    }
    return answer.build();
  }

  /** The strong tag of {@code json}: base64url of its SHA-256's first 16 bytes. */
  static EntityTag tagOf(byte[] json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return new EntityTag(
          Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TAG_BYTES)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
