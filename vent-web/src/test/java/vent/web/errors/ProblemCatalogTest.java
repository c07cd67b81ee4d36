package vent.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import dev.vent.api.rules.ErrorReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProblemCatalogTest {

  /** An upper-case snake-case string literal: how vent-web's sources spell a problem code. */
  private static final Pattern CODE_LITERAL =
      Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

  /** Literals of that shape in vent-web's sources that are not problem codes. */
  private static final Set<String> NOT_CODES = Set.of();

  @Test
  void everyCodeVentWebCanAnswerWithHasAPage() throws IOException {
    Set<String> codes = new TreeSet<>();
    // The codes of bare statuses (Jersey's and Jetty's errors).
    for (int status = 400; status < 600; status++) {
      codes.add(Problems.codeForStatus(status));
    }
    // Every reason a provider can send, passed through as the code.
    ErrorReasons.all().forEach(v -> codes.add(v.getName()));
    // Every code literal in vent-web's own sources: constants, ProblemException and
    // VentException codes alike.
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = CODE_LITERAL.matcher(Files.readString(file));
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    }
    codes.removeAll(NOT_CODES);
    assertThat(codes).contains("INVALID_CURSOR", "REGISTRATION_DISABLED", "USER_NOT_FOUND");
    Set<String> missing = new TreeSet<>();
    for (String code : codes) {
      if (ProblemCatalog.find(code).isEmpty()) {
        missing.add(code);
      }
    }
    assertThat(missing).as("codes without a page under /api/v1/problems").isEmpty();
  }

  @Test
  void idlReasonsTakeTheirStatusAndMeaningFromTheIdl() {
    ProblemCatalog.Entry taken = ProblemCatalog.find("USERNAME_TAKEN").orElseThrow();
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.title()).isEqualTo("Conflict");
    assertThat(taken.meaning()).isEqualTo("The username is taken (case-insensitively).");
    assertThat(taken.source()).isEqualTo("vent/user/v1/error_reason.proto");
    assertThat(taken.type()).isEqualTo("/api/v1/problems/USERNAME_TAKEN");
    // A comment of several lines is one sentence.
    assertThat(ProblemCatalog.find("INVALID_DISPLAY_NAME").orElseThrow().meaning())
        .isEqualTo(
            "Display name is empty, longer than 50 code points, or holds a control or format"
                + " (Unicode Cf: bidi, zero-width) character.");
    for (EnumValueDescriptor value : ErrorReasons.all()) {
      ProblemCatalog.Entry entry = ProblemCatalog.find(value.getName()).orElseThrow();
      assertThat(entry.meaning()).as(value.getName()).isNotBlank().doesNotStartWith("See the");
      assertThat(entry.action()).as(value.getName()).isNotBlank();
    }
  }

  @Test
  void ventWebsOwnMeaningWinsWhereTheIdlHasTheSameCode() {
    ProblemCatalog.Entry limited = ProblemCatalog.find("RATE_LIMITED").orElseThrow();
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.source()).isEqualTo("vent-web");
  }

  @Test
  void codesAreFoundInEitherSpellingAndUnknownOnesAreNot() {
    assertThat(ProblemCatalog.find("user-not-found")).isPresent();
    assertThat(ProblemCatalog.find("USER_NOT_FOUND")).isPresent();
    assertThat(ProblemCatalog.find("NO_SUCH_CODE")).isEmpty();
    assertThat(ProblemCatalog.find(null)).isEmpty();
    assertThat(ProblemCatalog.all()).extracting(ProblemCatalog.Entry::code).isSorted();
  }

  @Test
  void aProblemsTypeIsThePageOfItsCode() {
    Problem problem = Problems.of(404, "USER_NOT_FOUND", "no such user", "/x", java.util.List.of());
    assertThat(problem.type()).isEqualTo("/api/v1/problems/USER_NOT_FOUND");
  }
}
