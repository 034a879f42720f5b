package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Builds, dates, Python-style pre-releases and prefixes, from real images' tag lists and from the
 * tables other updaters test against: WUD's tag regressions (app/tag/regression.test.ts, issue
 * numbers in the comments), Renovate's docker versioning spec, Diun's tag-sort list. Columns as in
 * {@link NewestTagTableTest}: policy ("default" = what {@link PolicyResolver} picks without a
 * label), current tag, available tags, include, exclude, expected newest tag (empty = none). Where
 * Refit deliberately answers differently from a peer, the row says so and README's "Version
 * policies" section explains it.
 */
class RealTagListsTableTest {

  @ParameterizedTest(name = "[{index}] {0} {1} -> {5}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          # LinuxServer (lscr.io/linuxserver/sonarr, qbittorrent): the ls build counts up (WUD #1261)
          default      ; 4.0.13.2932-ls274 ; 4.0.9.1000-ls50, 4.0.13.2932-ls274, 4.0.13.2933-ls275, 4.0.14.3000-ls280, 4.0.14.3000, latest, develop ; ; ; 4.0.14.3000-ls280
          default      ; 4.0.14.2939-ls274 ; 4.0.14.2939-ls274, 4.0.14.2939-ls275, 4.0.14.2939                    ; ; ; 4.0.14.2939-ls275
          default      ; 4.0.15.2941-ls291 ; 4.0.15.2941-ls290, 4.0.15.2941                                       ; ; ;
          default      ; 5.1.2-r2-ls415    ; 5.1.2-r2-ls416, 5.1.2-r3-ls417, 5.1.3-r0-ls418, 5.1.3                 ; ; ; 5.1.3-r0-ls418
          semver:patch ; 5.1.2-r2-ls415    ; 5.1.2-r2-ls416, 5.1.2-r3-ls417, 5.2.0-r0-ls420                       ; ; ; 5.1.2-r3-ls417
          default      ; 4.0.14.2939       ; 4.0.14.2939-ls275, 4.0.15.2941-ls291, 4.0.15.2941                    ; ; ; 4.0.15.2941
          default      ; version-4.0.14.2939 ; version-4.0.15.2941, 4.0.15.2941-ls291, 4.0.16.2944               ; ; ; version-4.0.15.2941
          default      ; 5.27.5.10198-ls283 ; 5.27.5.10198-ls284, 5.28.0.10274-ls285                             ; ; ; 5.28.0.10274-ls285
          semver:minor ; 4.0.13.2932-ls274 ; 4.0.14.3000-ls280                                                     ; ; -ls280$ ;

          # Red Hat UBI (registry.access.redhat.com/ubi8/ubi): the number after the version is a build
          default      ; 8.7-923           ; 8.7-1049, 8.7-1054, 8.8-854, 8.8, 8.7, 9.3-1552                      ; ; ; 8.8-854
          semver:patch ; 8.7-923           ; 8.7-1049, 8.7-1054, 8.8-854                                          ; ; ; 8.7-1054
          default      ; 7.1-0.1           ; 7.2-0.1, 7.2-0.3, 7.1-0.2                                            ; ; ; 7.2-0.3
          semver:patch ; 7.1-0.1           ; 7.2-0.1, 7.1-0.2, 7.1                                                ; ; ; 7.1-0.2

          # Bitnami: the revision r<n> follows the distro suffix, which must still match
          default      ; 16.1.0-debian-11-r20 ; 16.1.0-debian-11-r21, 16.2.0-debian-11-r0, 16.2.0-debian-12-r1, 17.0.0-debian-11-r0, 16.2.0 ; ; ; 16.2.0-debian-11-r0
          semver:patch ; 16.1.0-debian-11-r20 ; 16.1.0-debian-11-r21, 16.1.0-debian-11-r3, 16.2.0-debian-11-r0      ; ; ; 16.1.0-debian-11-r21

          # eclipse-temurin: _<build> is Java's build number, -jre-alpine stays
          default      ; 17.0.1_12-jre-alpine ; 17.0.2_8-jre-alpine, 17.0.2_8-jdk-alpine, 17.0.10_7-jre-alpine, 17.0.10_7-jre, 21.0.1_12-jre-alpine ; ; ; 17.0.10_7-jre-alpine
          semver:patch ; 21.0.1_12-jre-alpine ; 21.0.1_13-jre-alpine, 21.0.2_13-jre-alpine, 21.1.0_1-jre-alpine     ; ; ; 21.0.2_13-jre-alpine
          default      ; 21.0.2_13-jdk-jammy  ; 21.0.2_13-jdk-jammy, 21-jdk-jammy, 21.0.2-jdk-jammy                 ; ; ;
          default      ; jdk-21.0.1_12        ; jdk-21.0.2_13, 21.0.2_13-jdk, 21.0.3_9                              ; ; ; jdk-21.0.2_13

          # openjdk early access: ea is a pre-release, the number after it its build
          default      ; 22-ea-32-jdk-slim-bookworm ; 22-ea-33-jdk-slim-bookworm, 22-ea-33-jdk-slim, 23-ea-1-jdk-slim-bookworm ; ; ; 22-ea-33-jdk-slim-bookworm
          default      ; 22-ea-32-jdk-slim-bookworm ; 22-ea-33-jdk-slim-bookworm, 22-jdk-slim-bookworm                    ; ; ; 22-jdk-slim-bookworm
          default      ; 22-jdk-slim-bookworm       ; 22-ea-33-jdk-slim-bookworm, 23-ea-1-jdk-slim-bookworm               ; ; ;

          # git describe: commits since the tag count, the hash does not
          default      ; 1.2.3-12-gabc1234 ; 1.2.3-15-g0f1e2d3, 1.2.3-9-gdeadbee, 1.2.4, 1.2.4-2-g1234abc           ; ; ; 1.2.4-2-g1234abc
          default      ; 1.2.3             ; 1.2.3-12-gabc1234, 1.2.4-2-g1234abc, 1.2.4                              ; ; ; 1.2.4
          default      ; 1.2.3-12-gabc1234 ; 1.2.3-12-g9999999                                                      ; ; ;

          # Windows Server Core (mcr.microsoft.com/windows/servercore): monthly KB builds
          default      ; 1809-KB5032196-amd64 ; 1809-KB5034127-amd64, 1809-KB5034127, ltsc2022-KB5034129-amd64, 1809-amd64, 1809 ; ; ; 1809-KB5034127-amd64
          default      ; 1809-KB4546852       ; 1809-KB5032196, 1809-KB5034127                                            ; ; ; 1809-KB5034127
          default      ; ltsc2022-KB5033118-amd64 ; ltsc2022-KB5034129-amd64                                              ; ; ;
          regex:^ltsc2022-KB(?<version>\\d+)-amd64$ ; ltsc2022-KB5033118-amd64 ; ltsc2022-KB5034129-amd64, ltsc2022-KB5041160, ltsc2025-KB5050000-amd64 ; ; ; ltsc2022-KB5034129-amd64

          # SQL Server (mcr.microsoft.com/mssql/server): cumulative updates CU<n>, then the OS suffix
          default      ; 2019-CU24-ubuntu-20.04 ; 2019-CU25-ubuntu-20.04, 2019-CU25-ubuntu-22.04, 2022-CU10-ubuntu-22.04, 2019-latest ; ; ; 2019-CU25-ubuntu-20.04

          # .NET Framework (mcr.microsoft.com/dotnet/framework/runtime): dated rebuilds
          default      ; 4.8-20240109-windowsservercore-ltsc2022 ; 4.8-20240213-windowsservercore-ltsc2022, 4.8-20240213-windowsservercore-ltsc2019, 4.8.1-20240213-windowsservercore-ltsc2022 ; ; ; 4.8-20240213-windowsservercore-ltsc2022

          # Checkmk: patch letters p<n> (WUD #1276)
          default      ; 2.5.0p13          ; 2.5.0p9, 2.5.0p13, 2.5.0p14                                            ; ; ; 2.5.0p14
          default      ; 2.2.0             ; 2.2.0p1, 2.2.0p13                                                      ; ; ; 2.2.0p13
          default      ; 2.2.0p25          ; 2.3.0, 2.3.0p5, 2.3.0b4                                                ; ; ; 2.3.0p5

          # Python-style pre-releases (Renovate's "sorts unstable"; python, home-assistant images)
          default      ; 3.7.0b1           ; 3.7.0b5, 3.7.0, 3.8.0b1                                                ; ; ; 3.7.0
          default      ; 3.7.0b1           ; 3.7.0b5, 3.8.0b1-alpine, 3.8.0b1                                       ; ; ; 3.7.0b5
          default      ; 3.12.1-slim-bookworm ; 3.13.0a2-slim-bookworm, 3.12.2-slim-bookworm, 3.12.2rc1-slim-bookworm ; ; ; 3.12.2-slim-bookworm
          semver:all   ; 3.12.1            ; 3.13.0a1, 3.13.0rc1, 3.13.0b2                                          ; ; ; 3.13.0rc1
          default      ; 3.6.0rc1          ; 3.6.0rc2, 3.6.0, 3.7.0a1                                               ; ; ; 3.6.0
          default      ; 1.0.dev3          ; 1.0.dev4, 1.0, 1.0.post1                                               ; ; ; 1.0.post1
          default      ; 1.0               ; 1.0.dev4, 1.0.post1, 1.0.post2                                         ; ; ; 1.0.post2
          semver:major ; 2023.12.4         ; 2024.1.0b3, 2024.1.0b4                                                 ; ; ;
          default      ; 2024.1.0b3        ; 2024.1.0b4, 2024.1.0, 2024.2.0b0                                       ; ; ; 2024.1.0
          default      ; 10.8.13           ; 10.9.0-unstable, 10.8.13-unstable                                      ; ; ;
          semver:minor ; 10.9.0-unstable   ; 10.9.0-rc1, 10.9.0                                                     ; ; ; 10.9.0

          # WUD's regressions (#1278): variants, pre-releases, hashes, calendar tags, prefixes
          semver:major ; 8                 ; 8, 32bit-stretch, 8-libreoffice-cloudrun, 9                            ; ; ; 9
          semver:major ; 18                ; 18, 19beta3-trixie, 19                                                 ; ; ; 19
          semver:major ; 2                 ; 2-slim-rootless, 3-slim-rootless                                       ; ; ;
          default      ; 8.8-alpine        ; 8.8-trixie, 17.2-bookworm, 8.9-alpine                                  ; ; ; 8.9-alpine
          semver:major ; 16.3              ; 17.2-bullseye, 17.2                                                    ; ; ; 17.2
          default      ; 18.0-trixie       ; 18.0-trixie, 18rc1-trixie, 18.1-trixie                                 ; ; ; 18.1-trixie
          default      ; 2025.10           ; 2025.10, 2025.12-rc2, 2025.12                                           ; ; ; 2025.12
          default      ; 2021.9.1          ; 2021.9.1, 13696b1, 2021.9.2, 2021.9.1-rc3                              ; ; ; 2021.9.2
          default      ; 5.7.0             ; 5.7.0, fix__69, 5.8.0, feature__502_specific_triggers                  ; ; ; 5.8.0
          semver:major ; 10.11.4           ; 2021.12.16, 10.11.5                                                    ; ; ; 10.11.5
          default      ; 4.9.0.12          ; 4.9.0.9, 4.9.0.13                                                      ; ; ; 4.9.0.13
          default      ; 2.27.1            ; windowsltsc2022-amd64-2.29.0, 2.27.2                                   ; ; ; 2.27.2
          default      ; linux-amd64-2.11.1-alpine ; linux-amd64-2.9.3-alpine, linux-amd64-2.13.1-alpine, 2.14.0-alpine, linux-arm64-2.14.0-alpine ; ; ; linux-amd64-2.13.1-alpine
          default      ; 2025-08-05        ; 2025-06-03, 2025-09-01, 2025.09.02, 20250903, 2026-01-01               ; ; ; 2025-09-01
          semver:major ; 2025-08-05        ; 2025-09-01, 2026-01-01                                                 ; ; ; 2026-01-01
          default      ; 1.43.3.10896-cb3ebc72d ; 1.43.3.10861-07dfddaeb, 1.43.3.10897-abcdef123                    ; ; ; 1.43.3.10897-abcdef123
          # deliberate difference: WUD compares the number inside a suffix, Refit keeps the suffix as written
          semver:minor ; 18-vectorchord1.1.1 ; 18-vectorchord0.5.3, 18-vectorchord1.1.2                             ; ; ;
          # deliberate difference: WUD never moves a SemVer tag to 20.04.1; Refit does under major
          semver:major ; 4.6.2             ; 20.04.1, 4.6.3                                                         ; ; ; 20.04.1
          semver:minor ; 4.6.2             ; 20.04.1, 4.6.3                                                         ; ; ; 4.6.3

          # ISO dates and other date spellings stay dates, each in its own spelling
          regex:^\\d{4}-\\d{2}-\\d{2}$  ; 2025-08-05 ; 2025-06-03, 2025-09-01, 2025-10-01-rc, 2026-01-01, latest     ; ; ; 2026-01-01
          regex:^\\d{4}\\.\\d{2}\\.\\d{2}$ ; 2025.08.05 ; 2025.09.01, 2025.10.1, 2024.12.31                          ; ; ; 2025.09.01
          regex:^\\d{8}$               ; 20250805 ; 20250901, 20260101, 2025090                                      ; ; ; 20260101
          default      ; 2025.08.05        ; 2025.09.01, 2026.01.01, 2025-09-02                                     ; ; ; 2025.09.01
          default      ; bookworm-20240110 ; bookworm-20240211, bullseye-20240211, bookworm-20240211-slim, bookworm  ; ; ; bookworm-20240211

          # regex policies: tags that differ only after the version are ranked by the whole tag
          regex:^(?<version>\\d+\\.\\d+)-r\\d+$ ; 3.18-r0 ; 3.18-r5, 3.18-r1, 3.17-r9                             ; ; ; 3.18-r5
          regex:^(?<version>\\d+\\.\\d+)-\\d+$  ; 8.7-923 ; 8.7-1049, 8.6-2000, 8.7-99                              ; ; ; 8.7-1049
          regex:^(?P<version>\\d+\\.\\d+)-\\d+$ ; 8.7-923 ; 8.7-1049, 8.6-2000                                      ; ; ; 8.7-1049
          regex:^(?<version>\\d+\\.\\d+)-r\\d+$ ; 3.18-r5 ; 3.18-r5, 3.18-r1                                        ; ; ;

          # real official images: suffixes must match
          default      ; 7.2.4-alpine3.19  ; 7.2.5-alpine3.19, 7.2.5-alpine3.20, 7.2.5-alpine, 7.4.0-alpine3.20      ; ; ; 7.2.5-alpine3.19
          default      ; 1.25.3-alpine3.18-perl ; 1.25.4-alpine3.18-perl, 1.25.4-alpine-perl, 1.25.4-alpine3.18      ; ; ; 1.25.4-alpine3.18-perl
          default      ; 3.18.4            ; 3.18.5, 3.19.0, 20231219, edge                                         ; ; ; 3.19.0
          default      ; 16.1-bookworm     ; 16.2-bookworm, 16.2-alpine3.19, 16.2                                   ; ; ; 16.2-bookworm

          # Diun's tag-sort list: other prefixes (alpine-5.0, ubuntu-5.0) are other lines
          default      ; 4.20.1 ; 0.1.0, 0.4.0, 3.0.0-beta.1, 4, 4.0.0, 4.0.0-beta.1, 4.19.0, 4.2.0, 4.20, 4.20.0, 4.20.1, 4.21, 4.21.0, 4.9.0, ubuntu-5.0, alpine-5.0, edge, latest ; ; ; 4.21.0
          semver:major ; 4.21.0 ; 4.21.0, ubuntu-5.0, alpine-5.0, edge, latest                                       ; ; ;
          default      ; alpine-4.21 ; alpine-5.0, ubuntu-5.0, alpine-4.22                                            ; ; ; alpine-4.22
          semver:minor ; 3.0.0-beta.1 ; 3.0.0-beta.3, 3.0.0-beta.4, 4.0.0                                            ; ; ; 3.0.0-beta.4

          # hotio: a release-line prefix (v4-) must match
          default      ; v4-4.0.0.439      ; v4-4.0.0.500, v3-3.0.10.1567, 4.0.0.600                                ; ; ; v4-4.0.0.500
          """)
  void picksTheNewestAllowedTag(
      String policy,
      String currentTag,
      String availableTags,
      String include,
      String exclude,
      String expected) {
    assertThat(NewestTagTableTest.newest(policy, currentTag, availableTags, include, exclude))
        .isEqualTo(Optional.ofNullable(expected));
  }
}
