package vent.web.api;

import jakarta.validation.constraints.NotBlank;

/** POST /sessions/refresh body: {@code {refreshToken}}. */
public record RefreshRequest(@NotBlank @CodePoints(max = 512) String refreshToken) {}
