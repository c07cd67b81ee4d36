package vent.web.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * PUT /me/password body: {@code {currentPassword, newPassword, captchaId?, captchaAnswer?}} (new:
 * 8-72 UTF-8 bytes, checked by auth). The captcha only once the auth provider asks for it with
 * 400 CAPTCHA_REQUIRED (after repeated wrong current passwords or failed logins of the user).
 */
public record ChangePasswordRequest(
    @NotEmpty @Size(max = 1024) String currentPassword,
    @NotNull @Size(max = 1024) String newPassword,
    @Size(max = 128) String captchaId,
    @Size(max = 64) String captchaAnswer) {}
