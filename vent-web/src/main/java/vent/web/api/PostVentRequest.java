package vent.web.api;

/**
 * POST /vents body: {@code {text, audience, expiresInSeconds?}}. Nothing is checked by Bean
 * Validation: {@code audience} and {@code expiresInSeconds} by the resource (INVALID_AUDIENCE,
 * INVALID_EXPIRY), {@code text} by the rules of {@code vent.post.v1.CreateVentRequest} before the
 * call and by the post provider (INVALID_TEXT, also when missing).
 *
 * @param text 1-500 code points after NFC normalisation; newlines allowed, other control and format
 *     characters not
 * @param audience {@code public}, {@code followers} or {@code mutuals}
 * @param expiresInSeconds 3,600..2,592,000 (one hour to 30 days); absent or null keeps the vent
 */
public record PostVentRequest(String text, String audience, Long expiresInSeconds) {}
