package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTagTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          # tag                                 ; prefix        ; numbers      ; pre-release ; build (segments) ; suffix
          1.25.3-alpine                         ;               ; 1.25.3       ;          ;                   ; alpine
          v2.10.4                               ; v             ; 2.10.4       ;          ;                   ;
          V1                                    ; V             ; 1            ;          ;                   ;
          1.2.3-rc.1-alpine                     ;               ; 1.2.3        ; rc.1     ;                   ; alpine
          3.11.7-slim-bookworm                  ;               ; 3.11.7       ;          ;                   ; slim-bookworm
          1.2.3-rc1                             ;               ; 1.2.3        ; rc1      ;                   ;
          1.0.0-SNAPSHOT                        ;               ; 1.0.0        ; SNAPSHOT ;                   ;
          5.0.0-M1                              ;               ; 5.0.0        ; M1       ;                   ;
          1.2.3-m                               ;               ; 1.2.3        ;          ;                   ; m
          1.2.3-beta-2                          ;               ; 1.2.3        ; beta     ; 2                 ;
          1.2.3-alpine-rc1                      ;               ; 1.2.3        ;          ;                   ; alpine-rc1
          1.2.3-rc.                             ;               ; 1.2.3        ;          ;                   ; rc.
          1.2.3-alpine3.18                      ;               ; 1.2.3        ;          ;                   ; alpine3.18
          1.2.3-preview.4                       ;               ; 1.2.3        ; preview.4 ;                  ;
          1.2.3-nightly_x                       ;               ; 1.2.3        ;          ;                   ; nightly_x
          2023.01                               ;               ; 2023.1       ;          ;                   ;
          1.2.3.4                               ;               ; 1.2.3.4      ;          ;                   ;
          7.4-1                                 ;               ; 7.4          ;          ; 1                 ;
          # builds count up (LinuxServer, Alpine revisions, Red Hat UBI, Java, Windows, SQL Server)
          4.0.14.2939-ls274                     ;               ; 4.0.14.2939  ;          ; ls274             ;
          5.1.2-r2-ls415                        ;               ; 5.1.2        ;          ; r2 ls415          ;
          7.2-0.3                               ;               ; 7.2          ;          ; 0.3               ;
          8.7-1049                              ;               ; 8.7          ;          ; 1049              ;
          22-ea-32-jdk-slim-bookworm            ;               ; 22           ; ea       ; 32                ; jdk-slim-bookworm
          1.2.3-12-gabc1234                     ;               ; 1.2.3        ;          ; 12 gabc1234       ;
          1809-KB5032196-amd64                  ;               ; 1809         ;          ; KB5032196         ; amd64
          2022-CU10-ubuntu-22.04                ;               ; 2022         ;          ; CU10              ; ubuntu-22.04
          4.8-20240109-windowsservercore-ltsc2022 ;             ; 4.8          ;          ; 20240109          ; windowsservercore-ltsc2022
          17.0.1_12-jre-alpine                  ;               ; 17.0.1       ;          ; _12               ; jre-alpine
          16.1.0-debian-11-r20                  ;               ; 16.1.0       ;          ; r20               ; debian-11
          1.43.3.10896-cb3ebc72d                ;               ; 1.43.3.10896 ;          ; cb3ebc72d         ;
          2.5.0p13                              ;               ; 2.5.0        ;          ; p13               ;
          1.0.post1                             ;               ; 1.0          ;          ; post1             ;
          # Python pre-releases, unstable
          3.7.0a1                               ;               ; 3.7.0        ; a1       ;                   ;
          3.6.0rc1                              ;               ; 3.6.0        ; rc1      ;                   ;
          1.0.dev3                              ;               ; 1.0          ; dev3     ;                   ;
          2024.1.0b3                            ;               ; 2024.1.0     ; b3       ;                   ;
          3.13.0a2-slim-bookworm                ;               ; 3.13.0       ; a2       ;                   ; slim-bookworm
          19beta3-trixie                        ;               ; 19           ; beta3    ;                   ; trixie
          10.9.0-unstable                       ;               ; 10.9.0       ; unstable ;                   ;
          # ISO dates and prefixes other than v
          2025-08-05                            ;               ; 2025.8.5     ;          ;                   ;
          2025-08-05-alpine                     ;               ; 2025.8.5     ;          ;                   ; alpine
          jdk-21.0.1_12                         ; jdk-          ; 21.0.1       ;          ; _12               ;
          linux-amd64-2.11.1-alpine             ; linux-amd64-  ; 2.11.1       ;          ;                   ; alpine
          version-4.0.14.2939                   ; version-      ; 4.0.14.2939  ;          ;                   ;
          v4-4.0.0.439                          ; v4-           ; 4.0.0.439    ;          ;                   ;
          """)
  void splitsTagIntoParts(
      String tag, String prefix, String numbers, String preRelease, String build, String suffix) {
    VersionTag version = VersionTag.parse(tag).orElseThrow();

    assertThat(version.tag()).isEqualTo(tag);
    assertThat(version.prefix()).isEqualTo(orEmpty(prefix));
    assertThat(version.numbers()).isEqualTo(bigIntegers(numbers));
    assertThat(version.preRelease()).isEqualTo(orEmpty(preRelease));
    assertThat(version.build().segments())
        .containsExactlyElementsOf(build == null ? List.of() : List.of(build.split(" ")));
    assertThat(version.suffix()).isEqualTo(orEmpty(suffix));
    assertThat(version.isPreRelease()).isEqualTo(preRelease != null);
  }

  @ParameterizedTest(name = "{0}")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "latest", "stable", "stable-alpine", "main", "alpine", "a1b2c3d", "v", "vv1", "x1.2",
        "1.", ".1", "1..2", "1.2.3-", "1.2.3--alpine", "1.2.3-alpine-", "1.2.3.RELEASE",
        "1.2.3_alpine", "1.2.3+build", "1.2.3-rc.1+build", "sha256-abc.sig", " 1.2.3", "1.2.3 ",
        "13696b1", "0a1b2c3d", "sha-1234567", "32bit-stretch", "fix__69", "ltsc2022-KB5041160",
        "windowsservercore-ltsc2022", "feature__502_specific_triggers", "1.2.3a", "8u402-b06-jre"
      })
  void rejectsTagsThatAreNotVersions(String tag) {
    assertThat(VersionTag.parse(tag)).isEmpty();
  }

  @Test
  void keepsNumbersBeyondLongRange() {
    VersionTag huge = VersionTag.parse("99999999999999999999").orElseThrow();
    VersionTag timestamp = VersionTag.parse("20230115123045").orElseThrow();

    assertThat(huge.numbers()).containsExactly(new BigInteger("99999999999999999999"));
    assertThat(huge).isGreaterThan(timestamp);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2023.01, true",
    "2023.12.4, true",
    "v2023.1, true",
    "1970.1, true",
    "2199.12, true",
    "1969.1, false",
    "2200.1, false",
    "02023.1, false",
    "2023, false",
    "20230115, true",
    "20240229, true",
    "20230229, false",
    "20231301, false",
    "20230100, false",
    "19691231, false",
    "020230115, false",
    "20230115123045, false",
    "1.2, false",
    "12.14, false",
    "2025-08-05, true",
    "bookworm-20240110, true",
    "2025-13-05, false",
  })
  void recognisesCalendarVersions(String tag, boolean calendar) {
    assertThat(VersionTag.parse(tag).orElseThrow().isCalendar()).isEqualTo(calendar);
  }

  @ParameterizedTest(name = "{0} -> {1} parts, mutable {2}")
  @CsvSource({
    "1, 1, true",
    "1.2, 2, true",
    "1.2-alpine, 2, true",
    "v1.2, 2, true",
    "1.2.3, 3, false",
    "1.2.3-alpine, 3, false",
    "1.2.3.4, 4, false",
    "8.7-1049, 2, false",
    "7.2-0.3, 2, false",
    "1809-KB5032196-amd64, 1, false",
    "build-12, 1, false",
    "alpine-3.18, 2, true",
    "2025-08-05, 3, false",
  })
  void knowsSizeAndMutability(String tag, int size, boolean mutable) {
    VersionTag version = VersionTag.parse(tag).orElseThrow();

    assertThat(version.size()).isEqualTo(size);
    assertThat(version.isMutable()).isEqualTo(mutable);
  }

  @Test
  void ordersVersionsAndPreReleases() {
    List<String> ordered =
        List.of(
            "1.2.2",
            "1.2.3-dev",
            "1.2.3-snapshot.3",
            "1.2.3-alpha",
            "1.2.3-alpha.1",
            "1.2.3-alpha.2",
            "1.2.3-beta",
            "1.2.3-beta.2",
            "1.2.3-M3",
            "1.2.3-pre.1",
            "1.2.3-rc1",
            "1.2.3-rc.2",
            "1.2.3-rc.10",
            "1.2.3",
            "1.2.4",
            "1.10.0",
            "2.0.0");
    List<VersionTag> shuffled =
        new ArrayList<>(ordered.stream().map(tag -> VersionTag.parse(tag).orElseThrow()).toList());
    Collections.shuffle(shuffled, new Random(42));

    Collections.sort(shuffled);

    assertThat(shuffled).extracting(VersionTag::tag).containsExactlyElementsOf(ordered);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          3.7.0a1, 3.7.0a2, 3.7.0b5, 3.7.0rc1, 3.7.0, 3.7.0.post1, 3.7.1
          1.0.dev3, 1.0a1, 1.0, 1.0.post1, 1.0.post2
          2.5.0p9, 2.5.0p13, 2.5.0p14, 2.5.1
          4.0.13.2932-ls9, 4.0.13.2932-ls10, 4.0.13.2932-ls274, 4.0.13.2933-ls1
          5.1.2-r2-ls415, 5.1.2-r2-ls416, 5.1.2-r3-ls417, 5.1.3-r0-ls418
          7.1-0.1, 7.2-0.1, 7.2-0.3, 7.2-0.10, 7.2-1.0
          17.0.1_12, 17.0.2_8, 17.0.10_7, 21.0.1_12
          22-ea-9, 22-ea-32, 22-ea-33, 22
          1.2.3, 1.2.3-9-gdeadbee, 1.2.3-12-gabc1234, 1.2.4
          1809-KB4546852, 1809-KB5032196, 1809-KB5034127
          2025-06-03, 2025-08-05, 2025-09-01, 2026-01-01
          10.9.0-unstable, 10.9.0-rc1, 10.9.0
          """)
  void ordersBuildsDatesAndPythonPreReleases(String ascending) {
    List<String> ordered = Arrays.stream(ascending.split(",")).map(String::strip).toList();
    List<VersionTag> shuffled =
        new ArrayList<>(ordered.stream().map(tag -> VersionTag.parse(tag).orElseThrow()).toList());
    Collections.shuffle(shuffled, new Random(7));

    Collections.sort(shuffled);

    assertThat(shuffled).extracting(VersionTag::tag).containsExactlyElementsOf(ordered);
  }

  /** Renovate's docker versioning spec, "sorts unstable": suffixes do not take part in order. */
  @Test
  void sortsAsRenovateDoes() {
    List<String> input =
        List.of(
            "3.7.0", "3.7-alpine", "3.7.0b1", "3.7.0b5", "3.8.0b1-alpine", "3.8.0-alpine", "3.8.2",
            "3.8.0");
    List<VersionTag> sorted =
        new ArrayList<>(input.stream().map(tag -> VersionTag.parse(tag).orElseThrow()).toList());

    Collections.sort(sorted);

    assertThat(sorted)
        .extracting(VersionTag::tag)
        .containsExactly(
            "3.7.0b1", "3.7.0b5", "3.7.0", "3.7-alpine", "3.8.0b1-alpine", "3.8.0-alpine", "3.8.0",
            "3.8.2");
  }

  /** Renovate's isStable table, and WUD's pre-release rows. */
  @ParameterizedTest(name = "{0} stable {1}")
  @CsvSource({
    "3.7.0, true",
    "3.7.0b1, false",
    "3.7-alpine, true",
    "3.8.0-alpine, true",
    "3.8.0b1-alpine, false",
    "3.8.2, true",
    "3.8.3-SNAPSHOT, false",
    "3.8.3-1-SNAPSHOT, false",
    "19beta3-trixie, false",
    "2025.12-rc2, false",
    "1.2.3-beta1, false",
    "1.2.3-alpine-rc1, true",
  })
  void tellsReleasesFromPreReleases(String tag, boolean stable) {
    assertThat(VersionTag.parse(tag).orElseThrow().isPreRelease()).isEqualTo(!stable);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "1.2, 1.2.0",
    "2023.01, 2023.1",
    "1.2.3-rc1, 1.2.3-rc.1",
    "1.2.3-RC.1, 1.2.3-rc.1",
    "v1.2.3, 1.2.3",
    "1.2.3-alpine, 1.2.3",
    "3.7.0a1, 3.7.0-alpha.1",
    "1.43.3.10896-cb3ebc72d, 1.43.3.10896-07dfddaeb",
    "1.2.3-12-gabc1234, 1.2.3-12-g9999999",
    "4.0.14-ls5, 4.0.14-ls05",
  })
  void comparesByVersionOnly(String left, String right) {
    VersionTag a = VersionTag.parse(left).orElseThrow();
    VersionTag b = VersionTag.parse(right).orElseThrow();

    assertThat(a.compareTo(b)).isZero();
    assertThat(b.compareTo(a)).isZero();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static List<BigInteger> bigIntegers(String dotted) {
    return Arrays.stream(dotted.split("\\.")).map(BigInteger::new).toList();
  }
}
