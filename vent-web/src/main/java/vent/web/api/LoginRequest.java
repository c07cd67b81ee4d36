package vent.web.api;

import jakarta.validation.constraints.NotEmpty;

/**
 * POST /sessions body: {@code {username, password, captchaId?, captchaAnswer?}} (the captcha only
 * once the auth provider asks for it with 400 CAPTCHA_REQUIRED).
 */
public record LoginRequest(
    @NotEmpty @CodePoints(max = 64) String username,
    @NotEmpty @CodePoints(max = 1024) String password,
    @CodePoints(max = 128) String captchaId,
    @CodePoints(max = 64) String captchaAnswer) {}
