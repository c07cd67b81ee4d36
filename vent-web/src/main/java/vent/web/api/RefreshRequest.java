package vent.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /sessions/refresh body: {@code {refreshToken}}. */
public record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {}
