package vent.web.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * POST /sessions body: {@code {username, password, captchaId?, captchaAnswer?}} (the captcha
 * only once the auth provider asks for it with 400 CAPTCHA_REQUIRED).
 */
public record LoginRequest(
    @NotEmpty @Size(max = 64) String username,
    @NotEmpty @Size(max = 1024) String password,
    @Size(max = 128) String captchaId,
    @Size(max = 64) String captchaAnswer) {}
