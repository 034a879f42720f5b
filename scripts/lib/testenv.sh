# shellcheck shell=bash
#
# Private Docker engine + plain registry for Refit's tests and demo.
#
# Source this file, then call:
#   testenv_install   install missing Debian packages (only when their commands are missing)
#   testenv_start     start a private dockerd and registry, push the standard images,
#                     write "$REFIT_TEST_DIR/env" (exports read by the Java tests)
#   testenv_stop      stop and remove everything testenv_start created, extra engines included
#                     (idempotent)
#   testenv_start_engine NAME [DOCKERD_ARG...]   after testenv_start: one more private engine (own
#                     data root, exec root, pidfile, socket, bridges and subnets) that pulls from the
#                     same registry; extra dockerd arguments (e.g. a TLS tcp listener) are appended;
#                     prints its DOCKER_HOST and writes "$REFIT_TEST_DIR/engines/NAME/env"
#   testenv_stop_engine NAME    stop and remove that engine (testenv_stop does it too)
#
# REFIT_TEST_DIR (default /tmp/refit-test) selects the environment; several can run side by
# side (e.g. /tmp/refit-test and /tmp/refit-demo). Nothing here touches the default engine at
# /var/run/docker.sock or any other engine: every process is found through this environment's
# own pidfiles and paths.
#
# Works under `set -euo pipefail` and without it.

: "${REFIT_TEST_DIR:=/tmp/refit-test}"

# Tags of the standard image "app": every tag gets its own label, hence its own digest.
TESTENV_APP_TAGS=(1.0.0 1.0.1 1.1.0 2.0.0 1.0.0-alpine 1.0.1-alpine 1.1.0-alpine 2.0.0-rc.1 1.0 latest)
TESTENV_OTHER_TAGS=(1.0.0 latest)
TESTENV_BUSYBOX_APPLETS=(sh sleep httpd wget cat echo ls env true false test kill date mkdir touch)

_testenv_log() { printf '[testenv] %s\n' "$*" >&2; }

# Derives every path and name of the environment from REFIT_TEST_DIR.
_testenv_paths() {
  case "$REFIT_TEST_DIR" in
    /?*/*|/tmp/?*|/var/tmp/?*) ;;
    *) _testenv_log "REFIT_TEST_DIR must be an absolute path below a directory, got '$REFIT_TEST_DIR'"; return 1 ;;
  esac
  REFIT_TEST_DIR=${REFIT_TEST_DIR%/}
  TESTENV_HASH=$(printf '%s' "$REFIT_TEST_DIR" | sha256sum | cut -c1-8)
  # Unix socket paths are limited to 108 bytes: containerd puts its sockets under exec-root,
  # so the exec-root must stay short whatever REFIT_TEST_DIR is.
  TESTENV_RUN=/tmp/rft-$TESTENV_HASH
  TESTENV_EXEC_ROOT=$TESTENV_RUN/x
  TESTENV_DATA_ROOT=$REFIT_TEST_DIR/docker
  TESTENV_SOCK=$REFIT_TEST_DIR/docker.sock
  TESTENV_DOCKER_HOST=unix://$TESTENV_SOCK
  TESTENV_DOCKERD_PID=$TESTENV_RUN/dockerd.pid
  TESTENV_DOCKERD_LOG=$REFIT_TEST_DIR/dockerd.log
  TESTENV_REGISTRY_PID=$TESTENV_RUN/registry.pid
  TESTENV_REGISTRY_DATA=$REFIT_TEST_DIR/registry-data
  # The registry's access log (stdout, one combined-format line per request, 401s included);
  # its application log (stderr, JSON) goes to registry.log.
  TESTENV_REGISTRY_LOG=$REFIT_TEST_DIR/registry-access.log
  TESTENV_REGISTRY_APP_LOG=$REFIT_TEST_DIR/registry.log
  TESTENV_REGISTRY_CONFIG=$REFIT_TEST_DIR/registry.yml
  TESTENV_ROOTFS=$REFIT_TEST_DIR/rootfs
  TESTENV_MARKER=$REFIT_TEST_DIR/.refit-testenv
  TESTENV_DAEMON_JSON=$REFIT_TEST_DIR/daemon.json
  TESTENV_ENGINES=$REFIT_TEST_DIR/engines
  # Own bridges (max 15 chars) and address pool: a second engine must not share docker0 or
  # docker_gwbridge (nor their subnets) with another engine on this host.
  TESTENV_BRIDGE=rft$TESTENV_HASH
  TESTENV_GWBRIDGE=rft${TESTENV_HASH}g
  TESTENV_BRIDGES_FILE=$TESTENV_RUN/bridges
}

# Chooses a 10.X.0.0/16 no host route uses yet (X derived from the hash, then probed), for the
# engine's default bridge, docker_gwbridge and the pool of user-defined networks.
_testenv_choose_subnets() {
  local octet=$((200 + 16#${TESTENV_HASH:0:4} % 50)) tries=0
  while [ $tries -lt 50 ] && ip -4 route show | grep -q "^10\.$octet\."; do
    octet=$((200 + (octet - 200 + 1) % 50))
    tries=$((tries + 1))
  done
  TESTENV_POOL=10.$octet.0.0/16
  TESTENV_BRIDGE_CIDR=10.$octet.0.1/24
  TESTENV_GWBRIDGE_SUBNET=10.$octet.1.0/24
}

_testenv_docker() { DOCKER_CONFIG=$REFIT_TEST_DIR/docker-config docker -H "$TESTENV_DOCKER_HOST" "$@"; }

_testenv_need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    _testenv_log "must run as root (a private dockerd needs it)"
    return 1
  fi
}

testenv_install() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  # deploy/compose.yml is tested with Debian's docker-compose 1.29 (ComposeIT).
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  # The images need a static busybox (Debian's "busybox" package is dynamically linked).
  if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then missing+=(busybox-static); fi
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  [ -f /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v tar >/dev/null 2>&1 || missing+=(tar)
  # The store's PostgreSQL tests run their own server from these binaries (never the system's).
  compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)
  # The web UI's browser tests drive Debian's headless Chromium (WebUiIT), never a downloaded one.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  _testenv_need_root
  _testenv_log "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
_testenv_free_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
    tries=$((tries + 1))
  done
  _testenv_log "no free port found"
  return 1
}

_testenv_pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# Kills a pid: TERM, wait up to $2 seconds, then KILL.
_testenv_kill_wait() {
  local pid=$1 timeout=${2:-10} i=0
  _testenv_pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while _testenv_pid_alive "$pid" && [ $i -lt $((timeout * 10)) ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if _testenv_pid_alive "$pid"; then
    _testenv_log "pid $pid did not stop in ${timeout}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
}

# Pids of processes whose executable is one of the engine/registry binaries and whose command
# line mentions a path below one of the given directories. One grep over every command line, then
# a readlink per match only: a fork per process took half a minute on a loaded machine.
_testenv_own_pids() {
  local own file pid exe patterns=()
  for own in "$@"; do
    patterns+=(-e "$own/")
  done
  grep -lsaF "${patterns[@]}" /proc/[0-9]*/cmdline 2>/dev/null |
    while IFS= read -r file; do
      pid=${file#/proc/}
      pid=${pid%/cmdline}
      exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || continue
      case "${exe##*/}" in
        dockerd|containerd|containerd-shim*|docker-registry|registry|docker-proxy) echo "$pid" ;;
      esac
    done
}

# Mount points below the two given directories, deepest first.
_testenv_own_mounts() {
  awk -v a="$1" -v b="$2" '
    { mp = $5; gsub(/\\040/, " ", mp)
      if (mp == a || index(mp, a "/") == 1 || mp == b || index(mp, b "/") == 1) print length(mp) "\t" mp }
  ' /proc/self/mountinfo | sort -rn | cut -f2-
}

# _testenv_unmount_all DIR RUN_DIR
_testenv_unmount_all() {
  local mp round=0
  while [ $round -lt 5 ]; do
    local any=0
    while IFS= read -r mp; do
      [ -n "$mp" ] || continue
      any=1
      umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || true
    done < <(_testenv_own_mounts "$1" "$2")
    [ $any -eq 1 ] || return 0
    round=$((round + 1))
  done
  if [ -n "$(_testenv_own_mounts "$1" "$2")" ]; then
    _testenv_log "mounts left behind: $(_testenv_own_mounts "$1" "$2" | tr '\n' ' ')"
  fi
}

# _testenv_start_dockerd [EXTRA_DOCKERD_ARG...]
_testenv_start_dockerd() {
  mkdir -p "$TESTENV_DATA_ROOT" "$TESTENV_EXEC_ROOT" "$REFIT_TEST_DIR/docker-config"
  echo '{}' >"$TESTENV_DAEMON_JSON"
  _testenv_choose_subnets
  printf '%s\n%s\n' "$TESTENV_BRIDGE" "$TESTENV_GWBRIDGE" >"$TESTENV_BRIDGES_FILE"
  if ! ip link show "$TESTENV_BRIDGE" >/dev/null 2>&1; then
    ip link add "$TESTENV_BRIDGE" type bridge
    ip addr add "$TESTENV_BRIDGE_CIDR" dev "$TESTENV_BRIDGE"
    ip link set "$TESTENV_BRIDGE" up
  fi
  _testenv_log "starting dockerd at $TESTENV_DOCKER_HOST (log: $TESTENV_DOCKERD_LOG)"
  # setsid: Ctrl-C in the terminal must not reach dockerd; testenv_stop stops it in order.
  # --iptables/--ip-forward off and own bridge + pool: leave the host's firewall and other
  # engines' networks alone (test containers run with --network none or on own networks).
  setsid dockerd \
    --config-file "$TESTENV_DAEMON_JSON" \
    --data-root "$TESTENV_DATA_ROOT" \
    --exec-root "$TESTENV_EXEC_ROOT" \
    --pidfile "$TESTENV_DOCKERD_PID" \
    -H "$TESTENV_DOCKER_HOST" \
    --bridge "$TESTENV_BRIDGE" \
    --default-address-pool "base=$TESTENV_POOL,size=24" \
    --iptables=false --ip-masq=false --ip-forward=false \
    --shutdown-timeout 5 \
    "$@" \
    </dev/null >"$TESTENV_DOCKERD_LOG" 2>&1 &
  local launcher=$! i=0
  while [ $i -lt 600 ]; do
    if _testenv_docker info >/dev/null 2>&1; then
      _testenv_log "dockerd is up after $((i / 10))s"
      break
    fi
    if ! _testenv_pid_alive "$launcher"; then
      _testenv_log "dockerd exited during start-up; last lines of $TESTENV_DOCKERD_LOG:"
      tail -n 40 "$TESTENV_DOCKERD_LOG" >&2 || true
      return 1
    fi
    sleep 0.1
    i=$((i + 1))
  done
  if [ $i -ge 600 ]; then
    _testenv_log "dockerd did not answer 'docker info' within 60s; last lines of $TESTENV_DOCKERD_LOG:"
    tail -n 40 "$TESTENV_DOCKERD_LOG" >&2 || true
    return 1
  fi
  # What "docker swarm init" would create, but on an own bridge and subnet.
  _testenv_docker network create --driver bridge --subnet "$TESTENV_GWBRIDGE_SUBNET" \
    --opt com.docker.network.bridge.name="$TESTENV_GWBRIDGE" \
    --opt com.docker.network.bridge.enable_icc=false \
    --opt com.docker.network.bridge.enable_ip_masquerade=false \
    docker_gwbridge >/dev/null
}

_testenv_write_registry_config() {
  local port=$1
  cat >"$TESTENV_REGISTRY_CONFIG" <<EOF
version: 0.1
log:
  level: info
  formatter: json
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $TESTENV_REGISTRY_DATA
  delete:
    enabled: true
  redirect:
    disable: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: refit-test-secret
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: false
EOF
}

_testenv_start_registry() {
  mkdir -p "$TESTENV_REGISTRY_DATA"
  local attempt port pid i
  for attempt in 1 2 3 4 5; do
    port=$(_testenv_free_port)
    _testenv_write_registry_config "$port"
    setsid docker-registry serve "$TESTENV_REGISTRY_CONFIG" </dev/null \
      >>"$TESTENV_REGISTRY_LOG" 2>>"$TESTENV_REGISTRY_APP_LOG" &
    pid=$!
    echo "$pid" >"$TESTENV_REGISTRY_PID"
    i=0
    while [ $i -lt 100 ] && _testenv_pid_alive "$pid"; do
      if busybox wget -q -O /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then
        TESTENV_REGISTRY=127.0.0.1:$port
        _testenv_log "registry is up at $TESTENV_REGISTRY (logs: $TESTENV_REGISTRY_LOG, $TESTENV_REGISTRY_APP_LOG)"
        return 0
      fi
      sleep 0.1
      i=$((i + 1))
    done
    _testenv_kill_wait "$pid" 5
    _testenv_log "registry on port $port did not come up (attempt $attempt); last log lines:"
    tail -n 5 "$TESTENV_REGISTRY_APP_LOG" >&2 || true
  done
  return 1
}

_testenv_build_rootfs() {
  local applet
  mkdir -p "$TESTENV_ROOTFS/bin" "$TESTENV_ROOTFS/etc" "$TESTENV_ROOTFS/tmp" "$TESTENV_ROOTFS/www" \
    "$TESTENV_ROOTFS/proc" "$TESTENV_ROOTFS/sys" "$TESTENV_ROOTFS/dev"
  chmod 1777 "$TESTENV_ROOTFS/tmp"
  cp /bin/busybox "$TESTENV_ROOTFS/bin/busybox"
  for applet in "${TESTENV_BUSYBOX_APPLETS[@]}"; do
    ln -sf busybox "$TESTENV_ROOTFS/bin/$applet"
  done
  echo 'root:x:0:0:root:/:/bin/sh' >"$TESTENV_ROOTFS/etc/passwd"
  echo 'root:x:0:' >"$TESTENV_ROOTFS/etc/group"
  echo ok >"$TESTENV_ROOTFS/www/index.html"
}

# Prints the rootfs as a reproducible tar stream.
testenv_rootfs_tar() {
  tar -C "$TESTENV_ROOTFS" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - .
}

# testenv_push_image REPO TAG: imports the rootfs as REGISTRY/REPO:TAG with a label naming the
# tag, pushes it and prints the digest.
testenv_push_image() {
  local repo=$1 tag=$2 ref
  ref=$TESTENV_REGISTRY/$repo:$tag
  testenv_rootfs_tar | _testenv_docker import \
    -c 'CMD ["/bin/sleep","3600"]' \
    -c "LABEL dev.refit.test.version=\"$tag\" dev.refit.test.repository=\"$repo\"" \
    - "$ref" >/dev/null
  _testenv_docker push "$ref" >/dev/null
  _testenv_docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$ref" |
    sed -n "s|^$TESTENV_REGISTRY/$repo@||p" | head -n 1
}

_testenv_push_standard_images() {
  local tag digest
  : >"$REFIT_TEST_DIR/digests"
  for tag in "${TESTENV_APP_TAGS[@]}"; do
    digest=$(testenv_push_image app "$tag")
    echo "app:$tag $digest" >>"$REFIT_TEST_DIR/digests"
  done
  for tag in "${TESTENV_OTHER_TAGS[@]}"; do
    digest=$(testenv_push_image other "$tag")
    echo "other:$tag $digest" >>"$REFIT_TEST_DIR/digests"
  done
  local distinct
  distinct=$(cut -d' ' -f2 "$REFIT_TEST_DIR/digests" | sort -u | grep -c '^sha256:')
  if [ "$distinct" -ne $((${#TESTENV_APP_TAGS[@]} + ${#TESTENV_OTHER_TAGS[@]})) ]; then
    _testenv_log "expected distinct digests for every pushed tag:"
    cat "$REFIT_TEST_DIR/digests" >&2
    return 1
  fi
  _testenv_log "pushed $distinct images (digests in $REFIT_TEST_DIR/digests)"
}

_testenv_write_env() {
  cat >"$REFIT_TEST_DIR/env" <<EOF
export REFIT_TEST_DIR='$REFIT_TEST_DIR'
export REFIT_TEST_DOCKER_HOST='$TESTENV_DOCKER_HOST'
export REFIT_TEST_REGISTRY='$TESTENV_REGISTRY'
export REFIT_TEST_REGISTRY_DATA='$TESTENV_REGISTRY_DATA'
export REFIT_TEST_REGISTRY_LOG='$TESTENV_REGISTRY_LOG'
export REFIT_TEST_ROOTFS='$TESTENV_ROOTFS'
EOF
}

testenv_start() {
  _testenv_need_root
  _testenv_paths
  # Whatever a previous, interrupted run left behind goes first.
  testenv_stop
  _testenv_paths
  mkdir -p "$REFIT_TEST_DIR" "$TESTENV_RUN"
  touch "$TESTENV_MARKER"
  local started=$SECONDS
  _testenv_start_dockerd
  _testenv_start_registry
  _testenv_build_rootfs
  _testenv_push_standard_images
  _testenv_write_env
  _testenv_log "environment ready in $((SECONDS - started))s: . $REFIT_TEST_DIR/env"
}

# Stops the engine the TESTENV_* engine variables name: its containers, swarm membership,
# networks, dockerd, then whatever process or mount is left below $1 and $2 (its directories),
# and its bridges.
_testenv_stop_dockerd() {
  local own_dir=$1 own_run=$2 pid
  if [ -S "$TESTENV_SOCK" ] && _testenv_docker info >/dev/null 2>&1; then
    local ids
    ids=$(_testenv_docker ps -aq 2>/dev/null || true)
    if [ -n "$ids" ]; then
      # shellcheck disable=SC2086
      _testenv_docker rm -f $ids >/dev/null 2>&1 || true
    fi
    if [ "$(_testenv_docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || true)" != inactive ]; then
      _testenv_docker swarm leave --force >/dev/null 2>&1 || true
    fi
    # Bridge interfaces of user-defined networks outlive dockerd: note them, delete them below.
    _testenv_docker network ls -q --filter driver=bridge 2>/dev/null |
      while read -r net; do
        _testenv_docker network inspect --format \
          '{{with index .Options "com.docker.network.bridge.name"}}{{.}}{{else}}br-{{printf "%.12s" .Id}}{{end}}' \
          "$net" 2>/dev/null || true
      done >>"$TESTENV_BRIDGES_FILE" 2>/dev/null || true
    _testenv_docker network prune -f >/dev/null 2>&1 || true
  fi
  if [ -f "$TESTENV_DOCKERD_PID" ]; then
    pid=$(cat "$TESTENV_DOCKERD_PID" 2>/dev/null || true)
    if _testenv_pid_alive "$pid"; then
      _testenv_log "stopping dockerd $pid"
      _testenv_kill_wait "$pid" 30
    fi
  fi
  # Leftovers: registries started by the Java fixtures, containerd and shims of this exec-root.
  for pid in $(_testenv_own_pids "$own_dir" "$own_run"); do
    _testenv_kill_wait "$pid" 5
  done
  _testenv_unmount_all "$own_dir" "$own_run"
  local bridge
  for bridge in "$TESTENV_BRIDGE" "$TESTENV_GWBRIDGE" $(sort -u "$TESTENV_BRIDGES_FILE" 2>/dev/null); do
    case "$bridge" in
      bridge|docker0|docker_gwbridge|host|none) continue ;;
    esac
    ip link del "$bridge" >/dev/null 2>&1 || true
  done
}

# Points the engine variables (TESTENV_DATA_ROOT, TESTENV_SOCK, TESTENV_BRIDGE, ...) at the extra
# engine NAME of this environment; registry and rootfs stay the main environment's.
_testenv_engine_paths() {
  local name=$1
  if ! [[ $name =~ ^[a-z0-9][a-z0-9-]{0,7}$ ]]; then
    _testenv_log "engine name must be 1-8 characters a-z, 0-9 or '-', got '$name'"
    return 1
  fi
  _testenv_paths || return 1
  TESTENV_ENGINE_DIR=$TESTENV_ENGINES/$name
  TESTENV_ENGINE_RUN=$TESTENV_RUN/e-$name
  TESTENV_HASH=$(printf '%s' "$TESTENV_ENGINE_DIR" | sha256sum | cut -c1-8)
  TESTENV_EXEC_ROOT=$TESTENV_ENGINE_RUN/x
  TESTENV_DATA_ROOT=$TESTENV_ENGINE_DIR/docker
  TESTENV_SOCK=$TESTENV_ENGINE_DIR/docker.sock
  TESTENV_DOCKER_HOST=unix://$TESTENV_SOCK
  TESTENV_DOCKERD_PID=$TESTENV_ENGINE_RUN/dockerd.pid
  TESTENV_DOCKERD_LOG=$TESTENV_ENGINE_DIR/dockerd.log
  TESTENV_DAEMON_JSON=$TESTENV_ENGINE_DIR/daemon.json
  TESTENV_BRIDGE=rfe$TESTENV_HASH
  TESTENV_GWBRIDGE=rfe${TESTENV_HASH}g
  TESTENV_BRIDGES_FILE=$TESTENV_ENGINE_RUN/bridges
}

testenv_start_engine() {
  _testenv_need_root || return 1
  (
    set -e
    _testenv_engine_paths "${1:-}"
    if [ ! -f "$TESTENV_MARKER" ]; then
      _testenv_log "no test environment at $REFIT_TEST_DIR: run testenv_start first"
      exit 1
    fi
    if [ -e "$TESTENV_ENGINE_DIR" ] || [ -e "$TESTENV_ENGINE_RUN" ]; then
      _testenv_stop_dockerd "$TESTENV_ENGINE_DIR" "$TESTENV_ENGINE_RUN"
      rm -rf "$TESTENV_ENGINE_DIR" "$TESTENV_ENGINE_RUN"
    fi
    mkdir -p "$TESTENV_ENGINE_DIR" "$TESTENV_ENGINE_RUN"
    _testenv_start_dockerd "${@:2}" >&2
    printf "export REFIT_TEST_ENGINE_DOCKER_HOST='%s'\n" "$TESTENV_DOCKER_HOST" >"$TESTENV_ENGINE_DIR/env"
    echo "$TESTENV_DOCKER_HOST"
  )
}

testenv_stop_engine() {
  (
    _testenv_engine_paths "${1:-}" || exit 1
    _testenv_stop_dockerd "$TESTENV_ENGINE_DIR" "$TESTENV_ENGINE_RUN"
    rm -rf "$TESTENV_ENGINE_DIR" "$TESTENV_ENGINE_RUN"
  )
}

testenv_stop() {
  _testenv_paths || return 1
  local engine
  for engine in "$TESTENV_ENGINES"/*/; do
    [ -d "$engine" ] || continue
    engine=${engine%/}
    testenv_stop_engine "${engine##*/}" || true
  done
  _testenv_paths
  if [ -f "$TESTENV_REGISTRY_PID" ]; then
    _testenv_kill_wait "$(cat "$TESTENV_REGISTRY_PID" 2>/dev/null)" 5
    rm -f "$TESTENV_REGISTRY_PID"
  fi
  _testenv_stop_dockerd "$REFIT_TEST_DIR" "$TESTENV_RUN"
  if [ -d "$REFIT_TEST_DIR" ]; then
    if [ -f "$TESTENV_MARKER" ] || [ -z "$(ls -A "$REFIT_TEST_DIR")" ]; then
      rm -rf "$REFIT_TEST_DIR" || _testenv_log "could not remove $REFIT_TEST_DIR"
    else
      _testenv_log "not removing $REFIT_TEST_DIR: it was not created by testenv (no $TESTENV_MARKER)"
    fi
  fi
  rm -rf "$TESTENV_RUN"
  return 0
}
