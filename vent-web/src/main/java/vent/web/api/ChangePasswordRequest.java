package vent.web.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * PUT /me/password body: {@code {currentPassword, newPassword, captchaId?, captchaAnswer?}} (new:
 * 8-72 UTF-8 bytes, checked by auth). The captcha only once the auth provider asks for it with 400
 * CAPTCHA_REQUIRED (after repeated wrong current passwords or failed logins of the user).
 */
public record ChangePasswordRequest(
    @NotEmpty @CodePoints(max = 1024) String currentPassword,
    @NotNull @CodePoints(max = 1024) String newPassword,
    @CodePoints(max = 128) String captchaId,
    @CodePoints(max = 64) String captchaAnswer) {}
