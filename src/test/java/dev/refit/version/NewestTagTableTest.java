package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-world tag lists and the update each policy should pick. Columns: policy ("default" = what
 * {@link PolicyResolver} picks without a label), current tag, available tags, include filter,
 * exclude filter, expected newest tag (empty = none).
 */
class NewestTagTableTest {

  @ParameterizedTest(name = "[{index}] {0} {1} -> {5}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          # nginx: the suffix must match exactly, part counts must match
          semver:minor ; 1.25.3-alpine ; 1.25.4-alpine, 1.25.4, 1.26.0-alpine, 1.26.0-perl, 1.25.4-alpine-slim ; ; ; 1.26.0-alpine
          semver:patch ; 1.25.3-alpine ; 1.25.4-alpine, 1.25.4, 1.26.0-alpine, 1.26.0-perl, 1.25.4-alpine-slim ; ; ; 1.25.4-alpine
          semver:major ; 1.25.3-alpine ; 1.25.4-alpine, 1.26.0-alpine, 2.0.0, 2.0.0-alpine, 2.0.0-alpine-slim  ; ; ; 2.0.0-alpine
          semver:minor ; 1.25.3        ; 1.25.4, 1.25.4-alpine, 1.26.0-alpine, 1.26.0-perl, 1.26, mainline, latest ; ; ; 1.25.4
          semver:minor ; 1.25          ; 1.25, 1.26, 1.25.4, 1.27-alpine, 2.0                       ; ; ; 1.26
          default      ; 1.25.3        ; 1.25.4, 1.26.0, 2.0.0, latest                              ; ; ; 1.26.0

          # postgres: 12.14 is a two-part stream
          semver:minor ; 12.14         ; 12.15, 12.15.0, 13.1, 12.14-alpine, 12                     ; ; ; 12.15
          semver:major ; 12.14         ; 12.15, 13.1, 16.1, 16.1-bookworm, 16                       ; ; ; 16.1
          semver:patch ; 12.14         ; 12.15, 12.14.1                                             ; ; ;
          semver:minor ; 16-alpine     ; 16-alpine, 17-alpine, 16.1-alpine                          ; ; ;
          semver:major ; 16-alpine     ; 17-alpine, 17, 17.2-alpine                                 ; ; ; 17-alpine

          # traefik: the v prefix must match
          semver:minor ; v2.10.4       ; v2.10.5, v2.10.7, v2.11.0-rc1, v3.0.0, 2.10.8, latest       ; ; ; v2.10.7
          semver:major ; v2.10.4       ; v2.10.7, v3.0.0, v3.0.0-beta5, 3.0.1                       ; ; ; v3.0.0
          semver:minor ; 2.10.4        ; v2.10.7, 2.10.5                                            ; ; ; 2.10.5
          semver:minor ; V1.2.3        ; v1.2.4, V1.2.5                                             ; ; ; V1.2.5

          # four numeric parts
          semver:patch ; 1.2.3.4       ; 1.2.3.5, 1.2.4.0, 1.3.0.0, 1.2.4                           ; ; ; 1.2.4.0
          semver:minor ; 1.2.3.4       ; 1.2.3.5, 1.3.0.0, 2.0.0.0, 1.4.0                           ; ; ; 1.3.0.0
          semver:major ; 1.2.3.4       ; 1.2.3.5, 1.3.0.0, 2.0.0.0, 1.4.0                           ; ; ; 2.0.0.0

          # tags that are not versions stay on their digest
          default      ; latest        ; latest, 1.25.4, stable                                     ; ; ;
          default      ; stable        ; 1.0.0, stable-alpine                                       ; ; ;
          default      ; stable-alpine ; 1.0.0-alpine, stable                                       ; ; ;
          default      ; a1b2c3d       ; a1b2c3d, b2c3d4e, 1.0.0                                    ; ; ;
          default      ; 1.2.3_alpine  ; 1.2.4_alpine, 1.2.4-alpine                                 ; ; ;
          semver:minor ; 1.2.3         ; a1b2c3d, 1.2.4, 1234567, 1.2.4.RELEASE                     ; ; ; 1.2.4

          # calendar versions: patch = same month, minor = same year; part counts may differ
          semver:patch ; 2022.12       ; 2022.12.1, 2022.12.2, 2023.01                              ; ; ; 2022.12.2
          semver:minor ; 2022.12       ; 2022.12.1, 2023.01, 2023.1.0                               ; ; ; 2022.12.1
          semver:major ; 2022.12       ; 2022.12.1, 2023.01, 2023.02.1                              ; ; ; 2023.02.1
          semver:major ; 2022.12.1     ; 2023.01, 2022.12.2                                         ; ; ; 2023.01
          semver:minor ; 20230115      ; 20230201, 20240101, 20230229, 2023.02, 99999999             ; ; ; 20230201
          semver:patch ; 20230115      ; 20230120, 20230201                                         ; ; ; 20230120
          semver:major ; 1.2           ; 2023.1, 1.3                                                ; ; ; 1.3

          # home-assistant
          semver:minor ; 2023.12.4     ; 2023.12.3, 2024.1.0, 2024.1.0b3, stable, latest, 2023.12   ; ; ;
          semver:major ; 2023.12.4     ; 2024.1.0, 2024.1.1, 2024.1.0b3, 2024.1                     ; ; ; 2024.1.1
          semver:major ; 2023.12.4     ; 2024.1, 2024.1.0                                           ; ; ; 2024.1.0
          semver:major ; 2023.12       ; 2024.1.0, 2024.1                                           ; ; ; 2024.1

          # leading zeros: same value, not newer
          semver:minor ; 2023.01       ; 2023.1, 2023.02                                            ; ; ; 2023.02
          semver:minor ; 2023.01       ; 2023.1                                                     ; ; ;
          semver:patch ; 1.02.3        ; 1.2.4                                                      ; ; ; 1.2.4

          # big numbers must not overflow
          semver:major ; 20230115123045 ; 20230115123046, 99999999999999999999                      ; ; ; 99999999999999999999

          # python: multi-segment suffixes; 3.13.0a2 is not a version
          semver:minor ; 3.11.7-slim-bookworm ; 3.11.8-slim-bookworm, 3.12.1-slim-bookworm, 3.12.1-slim-bullseye, 3.12.1-slim, 3.13.0a2-slim-bookworm, 3.12.0rc1-slim-bookworm ; ; ; 3.12.1-slim-bookworm
          semver:patch ; 3.11.7-slim-bookworm ; 3.11.8-slim-bookworm, 3.12.1-slim-bookworm             ; ; ; 3.11.8-slim-bookworm
          semver:minor ; 3.11-slim     ; 3.11-slim, 3.12-slim, 3.12.1-slim                          ; ; ; 3.12-slim

          # pre-releases
          semver:minor ; 1.2.3-rc.1    ; 1.2.3-rc.2, 1.2.3                                          ; ; ; 1.2.3
          semver:minor ; 1.2.3-rc.1    ; 1.2.3-rc.2, 1.2.3-rc.10, 1.2.3-beta.5                      ; ; ; 1.2.3-rc.10
          semver:minor ; 1.2.3-rc.1    ; 1.3.0-beta.1, 1.2.3-rc.2                                   ; ; ; 1.2.3-rc.2
          semver:minor ; 1.2.3-rc.1    ; 1.2.4, 1.3.0-rc.1, 1.2.3                                   ; ; ; 1.2.4
          semver:major ; 1.2.3         ; 1.3.0-rc.1, 2.0.0-beta.1                                   ; ; ;
          semver:all   ; 1.2.3         ; 1.3.0-rc.1, 1.2.4                                          ; ; ; 1.3.0-rc.1
          semver:all   ; 1.2.3         ; 1.3.0-rc.1, 1.3.0                                          ; ; ; 1.3.0
          semver:minor ; 1.2.3-rc.1-alpine ; 1.2.3-alpine, 1.2.3, 1.2.3-rc.2-alpine                 ; ; ; 1.2.3-alpine
          semver:minor ; 1.0.0-alpha   ; 1.0.0-alpha.1, 1.0.0-beta, 1.0.0-rc1                       ; ; ; 1.0.0-rc1
          semver:patch ; 5.0.0-M1      ; 5.0.0-M2, 5.0.0-M10, 5.0.0-RC1                             ; ; ; 5.0.0-RC1
          semver:patch ; 5.0.0-M2      ; 5.0.0-M10, 5.0.0-M3                                        ; ; ; 5.0.0-M10
          semver:minor ; 1.0.0-SNAPSHOT ; 1.0.0-alpha.1                                             ; ; ; 1.0.0-alpha.1

          # mutable one- and two-part tags: only their own kind
          semver:minor ; 1             ; 1, 2, 1.1                                                  ; ; ;
          semver:major ; 1             ; 2, 3, 3.1, 3-alpine                                        ; ; ; 3
          semver:patch ; 1.2           ; 1.2, 1.3, 1.2.1                                            ; ; ;

          # regex policies: full match, named group, version or natural order
          regex:^build-(?<version>\\d+)$ ; build-99 ; build-100, build-98, build-100-debug, build-7 ; ; ; build-100
          regex:^\\d+\\.\\d+\\.\\d+-ubuntu$ ; 1.2.3-ubuntu ; 1.10.0-ubuntu, 1.9.0-ubuntu, 2.0.0-ubuntu-rc, 1.10.0 ; ; ; 1.10.0-ubuntu
          regex:.*     ; 1.2.3         ; latest, sha256-abc.sig, 1.2.4, 1.3.0-rc.1                  ; ; ; 1.3.0-rc.1
          regex:^(?<version>\\d+)-x$ ; 5-x ; 10-x, 9-x, 11-y                                        ; ; ; 10-x
          regex:^v\\d+ ; v12           ; v13, v13-beta, v2                                          ; ; ; v13
          regex:\\d+   ; 12            ; 14-rc, 13                                                  ; ; ; 13
          regex:^\\d+$ ; latest        ; 1, 2                                                       ; ; ;
          regex:^(?<version>\\d+\\.\\d+)-r\\d+$ ; 3.18-r0 ; 3.19-r9, 3.19-r10, 3.2-r5                ; ; ; 3.19-r10

          # signature and attestation tags never come out, whatever the policy
          regex:.*     ; rel-1         ; rel-2, sha256-abc.sig, sha256-def.att, sha256-0a1b.sbom    ; ; ; rel-2
          regex:.*     ; sha256-abc.sig ; sha256-abd.sig, sha256-fff.att                            ; ; ;
          semver:all   ; 1.0.0         ; sha256-abc.sig, 1.0.1                                      ; ; ; 1.0.1

          # include and exclude filters
          semver:minor ; 1.25.3        ; 1.25.4, 1.26.0, 1.27.0                                     ;                 ; ^1\\.27     ; 1.26.0
          semver:major ; 1.0.0         ; 1.1.0, 2.0.0, 3.0.0                                        ; ^1\\.,^2\\.     ;             ; 2.0.0
          regex:.*     ; 1.0           ; 1.1, 1.2-debug, 1.3                                        ;                 ; debug,^1\\.3$ ; 1.1
          semver:major ; 1.0.0         ; 1.0.1, 10.0.0, 1000.0.0                                    ; ^\\d{1,2}\\.    ;             ; 10.0.0
          semver:major ; 1.0.0         ; 2.0.0, 3.0.0                                               ; ^4\\.           ;             ;
          """)
  void picksTheNewestAllowedTag(
      String policy,
      String currentTag,
      String availableTags,
      String include,
      String exclude,
      String expected) {
    assertThat(newest(policy, currentTag, availableTags, include, exclude))
        .isEqualTo(Optional.ofNullable(expected));
  }

  /**
   * The newest tag a table row allows: {@code policy} "default" is what {@link PolicyResolver}
   * picks without a label; tags are comma-separated. Shared by every tag table.
   */
  static Optional<String> newest(
      String policy, String currentTag, String availableTags, String include, String exclude) {
    VersionPolicy versionPolicy =
        policy.equals("default")
            ? new PolicyResolver(PolicyDefaults.standard()).resolve(currentTag, null)
            : VersionPolicy.parse(policy);
    return versionPolicy.newestTag(currentTag, tags(availableTags), TagFilter.of(include, exclude));
  }

  private static List<String> tags(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
  }
}
