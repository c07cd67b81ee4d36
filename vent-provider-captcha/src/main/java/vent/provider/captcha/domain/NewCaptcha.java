package vent.provider.captcha.domain;

/**
 * A freshly created captcha, as handed to the caller. The answer is not part of it.
 *
 * @param id 128 random bits as 32 lower-case hex characters
 * @param png the PNG image, 160x60 pixels
 * @param expiresAtMs when the stored answer is forgotten, milliseconds since the Unix epoch (UTC)
 */
public record NewCaptcha(String id, byte[] png, long expiresAtMs) {}
