package vent.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * DELETE /me body: {@code {password, captchaId?, captchaAnswer?}}, the account's current password,
 * re-confirmed; the captcha only once the auth provider asks for it with 400 CAPTCHA_REQUIRED.
 */
public record DeleteAccountRequest(
    @NotBlank @Size(max = 1024) String password,
    @Size(max = 128) String captchaId,
    @Size(max = 64) String captchaAnswer) {}
