package vent.web.api;

import jakarta.validation.constraints.NotBlank;

/**
 * DELETE /me body: {@code {password, captchaId?, captchaAnswer?}}, the account's current password,
 * re-confirmed; the captcha only once the auth provider asks for it with 400 CAPTCHA_REQUIRED.
 */
public record DeleteAccountRequest(
    @NotBlank @CodePoints(max = 1024) String password,
    @CodePoints(max = 128) String captchaId,
    @CodePoints(max = 64) String captchaAnswer) {}
