/**
 * Test fixtures: a private Docker engine, real registries and faulty ones, all on loopback.
 *
 * <p>{@code ./scripts/test} (scripts/lib/testenv.sh) starts a private dockerd and a plain
 * distribution registry, pushes the standard images ({@code app} with ten tags, {@code other} with
 * two, each tag its own digest) and exports {@code REFIT_TEST_*}; {@link
 * dev.refit.testing.TestEnvironment} reads them. On that basis:
 *
 * <ul>
 *   <li>{@link dev.refit.testing.TestImages}: import images from the busybox rootfs, push them
 *       (with credentials if needed), look up digests and tags.
 *   <li>{@link dev.refit.testing.ContainerFixture}: containers labelled {@code
 *       dev.refit.test=true}, {@code --network none}, removed by {@code removeAll()}.
 *   <li>{@link dev.refit.testing.RegistryProcess}: further registries (htpasswd, token auth,
 *       notifications), by default over the shared storage; {@link dev.refit.testing.RegistryLog}
 *       counts the requests a registry really answered.
 *   <li>{@link dev.refit.testing.TokenServer}: the token endpoint of a token-auth registry.
 *   <li>{@link dev.refit.testing.FaultProxy} with {@link dev.refit.testing.Fault}: 429/500,
 *       garbage, missing digests, delays and tag pagination in front of a real registry.
 *   <li>{@link dev.refit.testing.HttpReceiver}: a receiver for notifications and webhooks, which
 *       records every request.
 * </ul>
 *
 * <p>Facts of registry 2.8.2 these fixtures rely on or work around:
 *
 * <ul>
 *   <li>Manifest requests must accept all four manifest types ({@link
 *       dev.refit.testing.TestImages#MANIFEST_ACCEPT}), or the registry converts to schema1 and
 *       answers another digest.
 *   <li>{@code /v2/<name>/tags/list} ignores {@code n}/{@code last} (no Link, whole list, in no
 *       particular order); only {@code _catalog} paginates. {@link
 *       dev.refit.testing.Fault#paginateTags(int)} adds tag pagination.
 *   <li>Requests refused with 401 appear in the access log but not as "response completed" in
 *       the application log: {@link dev.refit.testing.RegistryLog} reads the access log.
 *   <li>Pushing new repositories into the shared registry changes its catalog for every later
 *       test: push into a {@link dev.refit.testing.RegistryProcess} with its own storage.
 * </ul>
 */
package dev.refit.testing;
