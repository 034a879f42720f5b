#!/opt/refit/bin/busybox sh
# Runs INSIDE Refit's image while scripts/image builds it (busybox sh, as root, the engine's socket
# at /var/run/docker.sock, no network): the training run of the image's class-data archive.
# `refit serve` starts, answers the API and the UI and runs one cycle over the engine's containers
# (a check: nothing is updated, the registries are unreachable without a network), and `refit
# agent` enrols with it and reports; each records the classes it loaded. Each list is dumped with
# the image's own JVM and class path into an archive of its own, /cds/serve.jsa and
# /cds/agent.jsa, which the image's commands then map instead of parsing those classes
# (docs/footprint.md). One archive per command, not their union: a process pays in RSS for every
# class in the archive it maps, loaded or not (a union of serve's and check's classes cost `refit
# check` 14 MB more than its own).
set -eu
bb=/opt/refit/bin/busybox
out=/cds
$bb mkdir -p $out
port=18080
token=cds-training-not-a-secret
export REFIT_STATE_DIR=/tmp/cds-serve REFIT_SCHEDULE=off REFIT_CHECK_AT_START=false \
  REFIT_API_TOKEN=$token REFIT_SERVE_ADDRESS=127.0.0.1 REFIT_SERVE_PORT=$port REFIT_MODE=notify

api() { # METHOD PATH [BODY]: one call with the token; the answer on stdout
  if [ "$1" = POST ]; then
    $bb wget -q -O - --header "Authorization: Bearer $token" --header 'Content-Type: application/json' \
      --post-data "${3:-"{}"}" "http://127.0.0.1:$port$2"
  else
    $bb wget -q -O - --header "Authorization: Bearer $token" "http://127.0.0.1:$port$2"
  fi
}
# until SECONDS COMMAND...: runs COMMAND every half second until it succeeds, at most SECONDS.
until_ok() {
  n=$(($1 * 2))
  shift
  while ! "$@" >/dev/null 2>&1; do
    n=$((n - 1))
    [ $n -gt 0 ] || return 1
    $bb sleep 0.5
  done
}

JAVA_OPTS="-XX:DumpLoadedClassList=$out/serve.classlist" /opt/refit/bin/refit serve >$out/serve.log 2>&1 &
serve=$!
n=240
until api GET /healthz >/dev/null 2>&1; do
  kill -0 $serve 2>/dev/null && [ $n -gt 0 ] ||
    { echo "training: refit serve did not answer" >&2; $bb cat $out/serve.log >&2; exit 1; }
  n=$((n - 1))
  $bb sleep 0.5
done
api POST '/api/check?wait=true' >/dev/null || true
for path in /api/targets /api/history /api/approvals /api/fleet/environments /api/campaigns /metrics /ui \
  /ui/env/local /ui/history /ui/campaigns /ui/settings; do
  api GET "$path" >/dev/null 2>&1 || true
done
join=$(api POST /api/fleet/join-tokens | $bb sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
REFIT_STATE_DIR=/tmp/cds-agent JAVA_OPTS="-XX:DumpLoadedClassList=$out/agent.classlist" \
  /opt/refit/bin/refit agent --server "http://127.0.0.1:$port" --join-token "$join" --name cds-training \
  >$out/agent.log 2>&1 &
agent=$!
# enrolled and online; then a moment for its first report
until_ok 60 $bb sh -c "$bb wget -q -O - --header 'Authorization: Bearer $token' \
  http://127.0.0.1:$port/api/fleet/environments/cds-training | $bb grep -q '\"online\":true'" ||
  echo "training: the agent did not report (its classes are recorded as far as they got)" >&2
$bb sleep 2
kill $agent
wait $agent || true
kill $serve
wait $serve || true

# Each list in the order of first use. "id:" numbers only matter to classes of custom loaders
# (with "source:"), which the archive cannot hold without them anyway.
for command in serve agent; do
  $bb grep -v ' source: ' $out/$command.classlist | $bb sed 's/ id: [0-9]*$//' | $bb awk '!seen[$0]++' \
    >$out/$command.list
  java -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile=$out/$command.list \
    -XX:SharedArchiveFile=$out/$command.jsa -cp @/app/jib-classpath-file >$out/dump-$command.log 2>&1 ||
    { echo "training: the dump of $command's classes failed" >&2; $bb tail -n 20 $out/dump-$command.log >&2; exit 1; }
done
echo "training: serve $($bb grep -cv '^@' $out/serve.list) classes, agent $($bb grep -cv '^@' $out/agent.list)"
