# shellcheck shell=bash
#
# The benchmarks' fleet: M images with T tags each in the private registry, N running containers
# spread over them on the private engine (scripts/lib/testenv.sh, already started and its env
# exported: REFIT_TEST_REGISTRY, DOCKER_HOST). Every container runs tag 1.0.0 of its image, so
# every check finds T-1 newer tags.
#
#   bench_fixture M N T
bench_fixture() {
  local m=$1 n=$2 t=$3 i j c started=$SECONDS reg=$REFIT_TEST_REGISTRY
  _testenv_paths
  echo "fixture: M=$m images x T=$t tags, N=$n containers" >&2
  for ((i = 0; i < m; i++)); do
    for ((j = 0; j < t; j++)); do
      testenv_rootfs_tar | docker import -c 'CMD ["/bin/sleep","3600"]' -c "LABEL image=$i tag=$j" \
        - "$reg/bench-$i:1.0.$j" >/dev/null
      docker push -q "$reg/bench-$i:1.0.$j" >/dev/null
    done
  done
  echo "  pushed $((m * t)) images in $((SECONDS - started))s" >&2
  started=$SECONDS
  for ((c = 0; c < n; c++)); do
    # a day of sleep: the image's own CMD sleeps an hour, shorter than a long benchmark session
    docker run -d --network none --name "c$c" "$reg/bench-$((c % m)):1.0.0" /bin/sleep 86400 >/dev/null
  done
  echo "  started $n containers in $((SECONDS - started))s" >&2
}
