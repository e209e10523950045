# shellcheck shell=bash
#
# Test hosts for the Ansible cluster test: Debian 12 machines booted with systemd-nspawn
# on a private bridge. A library: `source` it (as root); it holds under `set -Eeuo pipefail`.
#
#   bridge psbr0, host side 10.199.11.1/24; hosts h1 h2 h3 at 10.199.11.11, .12, .13
#   (TEST_HOSTS=(...) before sourcing, or TEST_HOSTS="h1 h2 h3 h4" in the environment,
#   sets the names; a host's address follows its index: the 4th is 10.199.11.14).
#   No NAT, no forwarding: the hosts reach each other and this machine, nothing else.
#
# Functions (each returns non-zero with a message on stderr when it fails):
#   host_ip hN                 the host's address
#   host_root hN               its root directory ($STATE_DIR/hosts/hN)
#   rootfs_dir                 the cached root filesystem for the current package list
#   build_rootfs               debootstrap that root filesystem once (cached by hash)
#   ensure_bridge              create/configure psbr0 (idempotent)
#   ensure_ssh                 test key $STATE_DIR/ssh/id_ed25519 (made once) + $STATE_DIR/ssh_config
#   boot_hosts [--reuse]       boot every host in parallel, wait for ssh; without --reuse
#                              each host's root is copied anew from the cached rootfs
#   boot_host hN [--fresh]     boot one host (keeps its root unless --fresh), wait for ssh
#   start_host hN              boot a stopped/crashed host again on the same root
#   wait_ssh hN [timeout]      wait until `ssh root@ip true` works
#   host_running hN            true while its nspawn process is alive
#   ssh_host hN cmd...         run a command on the host (args joined like ssh does)
#   scp_from hN remote local   copy a file from a host
#   crash_host hN              SIGKILL the host: nspawn and every process of the container
#   stop_host hN / stop_hosts  clean poweroff over ssh, SIGKILL after PS_STOP_TIMEOUT s
#   teardown                   stop_hosts (roots, key and bridge are kept)
#
# Ansible connects with: ansible_host=<ip> ansible_user=root and
#   ANSIBLE_SSH_ARGS="-F $STATE_DIR/ssh_config"

: "${STATE_DIR:=/var/tmp/picshare-cluster-test}"
: "${PS_CACHE_DIR:=/var/cache/picshare-test-hosts}"
: "${PS_MIRROR:=http://deb.debian.org/debian}"
: "${PS_SUITE:=bookworm}"
: "${PS_BOOT_TIMEOUT:=120}"
: "${PS_STOP_TIMEOUT:=60}"
PS_BRIDGE=psbr0
PS_NET=10.199.11
PS_BRIDGE_IP=$PS_NET.1
PS_PREFIX_LEN=24
# TEST_HOSTS: an array set before sourcing, or a string in the environment ("h1 h2 h3").
if ! declare -p TEST_HOSTS >/dev/null 2>&1; then
  TEST_HOSTS=(h1 h2 h3 h4)  # the test inventory's hosts
elif [[ ${TEST_HOSTS@a} != *a* ]]; then
  read -ra TEST_HOSTS <<<"$TEST_HOSTS"
fi

# What the cached rootfs is made of. Changing the list, the suite, the variant or the
# build steps (bump PS_ROOTFS_FORMAT) gives a new hash, hence a new cached rootfs.
# Per-host configuration (network, ssh, hosts, apt, masks) is NOT baked in: it is
# written into each host's root when that is made (see PS_HOST_CONFIG_VERSION).
PS_ROOTFS_FORMAT=1
PS_ROOTFS_VARIANT=minbase
PS_ROOTFS_PACKAGES=(
  systemd systemd-sysv dbus openssh-server python3 python3-apt iproute2 curl
  ca-certificates openjdk-17-jre-headless nginx-light libxml2-utils procps openssl
)

# Units that have no business in these containers (no disks, no consoles, no internet).
PS_MASKED_UNITS=(
  e2scrub_reap.service e2scrub_all.timer e2scrub_all.service fstrim.timer fstrim.service
  apt-daily.timer apt-daily-upgrade.timer apt-daily.service apt-daily-upgrade.service
  dpkg-db-backup.timer systemd-pstore.service getty@tty1.service
  proc-sys-fs-binfmt_misc.automount proc-sys-fs-binfmt_misc.mount systemd-binfmt.service
  systemd-timesyncd.service
)

_hlog() { printf '[hosts %s] %s\n' "$(date +%T)" "$*" >&2; }
_hdie() { _hlog "ERROR: $*"; return 1; }

_ssh_config_file() { printf '%s/ssh_config' "$STATE_DIR"; }
_pidfile() { printf '%s/run/%s.pid' "$STATE_DIR" "$1"; }
_console_log() { printf '%s/logs/%s.console.log' "$STATE_DIR" "$1"; }

host_ip() {
  local i
  for i in "${!TEST_HOSTS[@]}"; do
    if [[ ${TEST_HOSTS[$i]} == "$1" ]]; then
      printf '%s.%d\n' "$PS_NET" $((11 + i))
      return 0
    fi
  done
  _hdie "unknown test host '$1' (TEST_HOSTS: ${TEST_HOSTS[*]})"
}

host_root() {
  host_ip "$1" >/dev/null || return 1
  printf '%s/hosts/%s\n' "$STATE_DIR" "$1"
}

# ---------------------------------------------------------------- host tools ----

# Installs what this library needs on the machine running it, if missing (a fresh CI machine).
ensure_host_tools() {
  local -a missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
  command -v ssh >/dev/null || missing+=(openssh-client)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v setsid >/dev/null || missing+=(util-linux)
  [[ -e /usr/share/keyrings/debian-archive-keyring.gpg ]] || missing+=(debian-archive-keyring)
  ((${#missing[@]} == 0)) && return 0
  _hlog "installing host tools: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || _hdie "could not install ${missing[*]}"
}

# ------------------------------------------------------------------- rootfs ----

rootfs_key() {
  printf 'format=%s\nsuite=%s\nvariant=%s\narch=%s\npackages=%s\n' \
    "$PS_ROOTFS_FORMAT" "$PS_SUITE" "$PS_ROOTFS_VARIANT" "$(dpkg --print-architecture)" \
    "$(printf '%s\n' "${PS_ROOTFS_PACKAGES[@]}" | sort -u | paste -sd, -)"
}

rootfs_dir() {
  printf '%s/rootfs-%s\n' "$PS_CACHE_DIR" "$(rootfs_key | sha256sum | cut -c1-12)"
}

# Unmounts whatever is mounted below $1 (what a failed debootstrap leaves: proc, sys...).
_umount_below() {
  local dir m
  dir=$(realpath -m "$1")
  { awk '{print $2}' /proc/self/mounts | grep -F "$dir/" || true; } | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

# The image-wide steps after debootstrap (part of PS_ROOTFS_FORMAT).
_prepare_rootfs() {
  local r=$1
  rm -f "$r"/etc/ssh/ssh_host_*          # made per host
  : >"$r/etc/machine-id"                 # made per host
  rm -f "$r"/var/cache/apt/archives/*.deb
  ln -sfn /usr/share/zoneinfo/Etc/UTC "$r/etc/localtime"
  echo Etc/UTC >"$r/etc/timezone"
  # nginx's package enables it with its default site on :80; the roles enable it where it belongs.
  rm -f "$r/etc/systemd/system/multi-user.target.wants/nginx.service"
}

# Builds (once) the cached root filesystem. Debs are kept in $PS_CACHE_DIR/debs.
build_rootfs() {
  local dir build log rc=0
  dir=$(rootfs_dir)
  if [[ -f $dir/.picshare-rootfs ]]; then
    _hlog "rootfs: cached $dir"
    return 0
  fi
  ensure_host_tools || return 1
  mkdir -p "$PS_CACHE_DIR/debs" || return 1
  (
    flock -x 9
    if [[ -f $dir/.picshare-rootfs ]]; then exit 0; fi   # built meanwhile by someone else
    [[ -e $dir ]] && { _hlog "rootfs: removing incomplete $dir"; rm -rf "$dir"; }
    build=$(mktemp -d "$PS_CACHE_DIR/.rootfs-build.XXXXXX") || exit 1
    chmod 755 "$build"   # it becomes /: mktemp's 0700 would keep every non-root service out (CHDIR)
    log=$PS_CACHE_DIR/build-$(basename "$dir").log
    _hlog "rootfs: debootstrap $PS_SUITE ($PS_ROOTFS_VARIANT + ${#PS_ROOTFS_PACKAGES[@]} packages) into $build; log $log"
    local start=$SECONDS
    debootstrap --variant="$PS_ROOTFS_VARIANT" \
      --include="$(IFS=,; echo "${PS_ROOTFS_PACKAGES[*]}")" \
      --cache-dir="$PS_CACHE_DIR/debs" \
      "$PS_SUITE" "$build" "$PS_MIRROR" >"$log" 2>&1 &
    local pid=$! n=0
    while kill -0 "$pid" 2>/dev/null; do
      sleep 5; n=$((n + 5))
      ((n % 30 == 0)) && _hlog "rootfs: debootstrap running ${n}s: $(tail -n1 "$log" | cut -c1-100)"
    done
    wait "$pid" || rc=$?
    if ((rc != 0)); then
      _hlog "rootfs: debootstrap failed (rc=$rc); last lines of $log:"
      tail -n 20 "$log" >&2
      _umount_below "$build"; rm -rf "$build"
      exit 1
    fi
    _umount_below "$build"
    _prepare_rootfs "$build"
    rootfs_key >"$build/.picshare-rootfs"
    mv -T "$build" "$dir" || exit 1
    _hlog "rootfs: built $dir in $((SECONDS - start))s"
  ) 9>"$PS_CACHE_DIR/.build.lock"
}

# -------------------------------------------------------------- network, ssh ----

ensure_bridge() {
  if ! ip link show "$PS_BRIDGE" >/dev/null 2>&1; then
    ip link add "$PS_BRIDGE" type bridge || return 1
    mkdir -p "$STATE_DIR" && touch "$STATE_DIR/bridge-created-by-test"
  fi
  ip link set "$PS_BRIDGE" type bridge stp_state 0 forward_delay 0 2>/dev/null || true
  if ! ip -4 addr show dev "$PS_BRIDGE" | grep -qwF "$PS_BRIDGE_IP/$PS_PREFIX_LEN"; then
    ip addr add "$PS_BRIDGE_IP/$PS_PREFIX_LEN" dev "$PS_BRIDGE" || return 1
  fi
  ip link set "$PS_BRIDGE" up || return 1
  _check_bridge_ports
}

# Anything on the bridge that is not one of our hosts' veths (vb-hN) may hold a test
# address and answer ARP for it (seen: stale `ip netns` namespaces with 10.199.11.11-14
# from an earlier experiment): ssh then times out against the wrong machine.
_check_bridge_ports() {
  local port ok h
  local -a foreign=()
  while read -r port; do
    ok=
    for h in "${TEST_HOSTS[@]}"; do [[ $port == "vb-$h" ]] && ok=1; done
    [[ -n $ok ]] || foreign+=("$port")
  done < <(ip -o link show master "$PS_BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1)
  ((${#foreign[@]} == 0)) && return 0
  if [[ ${PS_ALLOW_FOREIGN_PORTS:-0} == 1 ]]; then
    _hlog "WARNING: foreign interfaces on $PS_BRIDGE: ${foreign[*]}"
    return 0
  fi
  _hdie "interfaces not belonging to the test hosts are on $PS_BRIDGE: ${foreign[*]}
  They can answer for the hosts' addresses. Detach them (ip link set <if> nomaster) or
  set PS_ALLOW_FOREIGN_PORTS=1. Owners: $(ip -o link show master "$PS_BRIDGE" | awk -F': ' '{print $2}' | paste -sd' ')"
}

ensure_ssh() {
  local d=$STATE_DIR/ssh h cfg
  mkdir -p "$d" && chmod 700 "$d" || return 1
  if [[ ! -s $d/id_ed25519 ]]; then
    ssh-keygen -q -t ed25519 -N '' -C picshare-cluster-test -f "$d/id_ed25519" || return 1
  fi
  cfg=$(_ssh_config_file)
  {
    echo "# Written by ansible/test/hosts.sh: ssh -F $cfg <host>"
    for h in "${TEST_HOSTS[@]}"; do
      printf 'Host %s\n  HostName %s\n' "$h" "$(host_ip "$h")"
    done
    cat <<EOF
Host *
  User root
  IdentityFile $d/id_ed25519
  IdentitiesOnly yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  ConnectTimeout 5
  BatchMode yes
  ServerAliveInterval 5
  ServerAliveCountMax 3
  ControlMaster auto
  ControlPath $d/cm-%C
  ControlPersist 60s
EOF
  } >"$cfg.tmp" && mv -f "$cfg.tmp" "$cfg"
}

_ssh() { ssh -F "$(_ssh_config_file)" "$@"; }

ssh_host() {
  local h=$1; shift
  host_ip "$h" >/dev/null || return 1
  _ssh "$h" -- "$@"
}

scp_from() {
  scp -q -F "$(_ssh_config_file)" "$1:$2" "$3"
}

# Closes a connection master (after a crash it would hang new sessions until keepalives fail).
_ssh_master_exit() { _ssh -O exit "$1" >/dev/null 2>&1 || true; }

# ------------------------------------------------------------- host roots ----

# Bump when _configure_host_root changes: roots kept with --reuse get it again at their
# next boot. Otherwise it runs once per root (when it is made): at every boot it would
# undo what Ansible did to the same files, and a re-converge would not be changed=0.
PS_HOST_CONFIG_VERSION=1

# Writes everything host-specific into a root (network, names, ssh, apt, masks, journal).
_configure_host_root() {
  local r=$1 h=$2 ip=$3 o u
  echo "$h" >"$r/etc/hostname"
  {
    echo "127.0.0.1 localhost"
    echo "::1 localhost ip6-localhost ip6-loopback"
    # Each host name maps to its bridge address only (no 127.0.1.1 line: services that
    # resolve their own name must get the address the others reach them on).
    for o in "${TEST_HOSTS[@]}"; do echo "$(host_ip "$o") $o"; done
  } >"$r/etc/hosts"
  # No DNS on this network: names come from /etc/hosts; nothing listens on 127.0.0.1:53.
  rm -f "$r/etc/resolv.conf"
  printf '# test host: no DNS, names in /etc/hosts\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n' \
    >"$r/etc/resolv.conf"

  mkdir -p "$r/etc/systemd/network"
  cat >"$r/etc/systemd/network/10-host0.network" <<EOF
[Match]
Name=host0

[Link]
RequiredForOnline=yes

[Network]
Address=$ip/$PS_PREFIX_LEN
Gateway=$PS_BRIDGE_IP
LinkLocalAddressing=no
IPv6AcceptRA=no
EOF
  mkdir -p "$r/etc/systemd/system/multi-user.target.wants" "$r/etc/systemd/system/sockets.target.wants" \
    "$r/etc/systemd/system/network-online.target.wants"
  ln -sfn /lib/systemd/system/systemd-networkd.service "$r/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
  ln -sfn /lib/systemd/system/systemd-networkd.service "$r/etc/systemd/system/dbus-org.freedesktop.network1.service"
  ln -sfn /lib/systemd/system/systemd-networkd.socket "$r/etc/systemd/system/sockets.target.wants/systemd-networkd.socket"
  ln -sfn /lib/systemd/system/systemd-networkd-wait-online.service \
    "$r/etc/systemd/system/network-online.target.wants/systemd-networkd-wait-online.service"
  for u in "${PS_MASKED_UNITS[@]}"; do
    rm -f "$r/etc/systemd/system/"*.wants/"$u"
    ln -sfn /dev/null "$r/etc/systemd/system/$u"
  done

  # Journal on disk (survives a crash, readable from the host), bounded.
  mkdir -p "$r/etc/systemd/journald.conf.d" "$r/var/log/journal"
  printf '[Journal]\nStorage=persistent\nSystemMaxUse=256M\nRuntimeMaxUse=64M\n' \
    >"$r/etc/systemd/journald.conf.d/10-picshare-test.conf"

  # ssh: root by key only; room for Ansible's parallel connections.
  mkdir -p "$r/etc/ssh/sshd_config.d" "$r/root/.ssh"
  cat >"$r/etc/ssh/sshd_config.d/10-picshare-test.conf" <<'EOF'
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
MaxStartups 100:30:200
MaxSessions 100
EOF
  install -m 600 "$STATE_DIR/ssh/id_ed25519.pub" "$r/root/.ssh/authorized_keys"
  chmod 700 "$r/root" "$r/root/.ssh"

  # apt never reaches the network: no sources (packages the roles need are installed).
  if [[ -s $r/etc/apt/sources.list ]] && grep -q '^deb ' "$r/etc/apt/sources.list"; then
    mv -f "$r/etc/apt/sources.list" "$r/etc/apt/sources.list.disabled-offline"
  fi
  echo '# test host: offline, see sources.list.disabled-offline' >"$r/etc/apt/sources.list"
  rm -f "$r"/etc/apt/sources.list.d/*.list "$r"/etc/apt/sources.list.d/*.sources
  cat >"$r/etc/apt/apt.conf.d/99picshare-test-offline" <<'EOF'
Acquire::Retries "0";
Acquire::Languages "none";
APT::Periodic::Enable "0";
APT::Periodic::Update-Package-Lists "0";
APT::Periodic::Unattended-Upgrade "0";
EOF

  ln -sfn /usr/share/zoneinfo/Etc/UTC "$r/etc/localtime"
  echo Etc/UTC >"$r/etc/timezone"
  [[ -e $r/etc/default/locale ]] || echo LANG=C.UTF-8 >"$r/etc/default/locale"
}

# Makes $STATE_DIR/hosts/hN from the cached rootfs if it is not there (or --fresh).
_ensure_host_root() {
  local h=$1 fresh=${2:-} r src start
  r=$(host_root "$h") || return 1
  if [[ $fresh == --fresh && -e $r ]]; then
    host_running "$h" && { _hdie "$h is running; cannot replace its root"; return 1; }
    rm -rf "$r"
  fi
  [[ -f $r/.picshare-host ]] && return 0
  src=$(rootfs_dir)
  [[ -f $src/.picshare-rootfs ]] || { _hdie "no rootfs at $src (run build_rootfs)"; return 1; }
  mkdir -p "$STATE_DIR/hosts" && rm -rf "$r.tmp" "$r" || return 1
  start=$SECONDS
  cp -a --reflink=auto "$src" "$r.tmp" || return 1
  ssh-keygen -q -A -f "$r.tmp" >/dev/null || return 1
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$r.tmp/etc/machine-id"; echo >>"$r.tmp/etc/machine-id"
  ensure_ssh || return 1
  _configure_host_root "$r.tmp" "$h" "$(host_ip "$h")" || return 1
  echo "$PS_HOST_CONFIG_VERSION" >"$r.tmp/.picshare-host-config"
  echo "$h from $(basename "$src") $(date -u +%FT%TZ)" >"$r.tmp/.picshare-host"
  mv -T "$r.tmp" "$r" || return 1
  _hlog "$h: new root from $(basename "$src") in $((SECONDS - start))s"
}

# -------------------------------------------------------------- processes ----

# The cgroup directories the host's nspawn runs in, one per hierarchy systemd uses
# (cgroup2, and name=systemd on a hybrid/legacy machine). Every host gets its own: with
# nspawn's default (the caller's cgroup) three containers would share one tree and
# each one's systemd would manage (and kill) the others' services.
_host_cgroups() {
  local h=$1 mp fstype opts
  while read -r _ mp fstype opts _; do
    if [[ $fstype == cgroup2 ]]; then
      echo "$mp/picshare-test/$h"
    elif [[ $fstype == cgroup && ,$opts, == *,name=systemd,* ]]; then
      echo "$mp/picshare-test/$h"
    fi
  done </proc/self/mounts
}

# (These helpers, like the rest of the library, also hold under `set -Eeuo pipefail`.)
_host_cgroup_pids() {
  local d
  while read -r d; do
    if [[ -d $d ]]; then find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null || true; fi
  done < <(_host_cgroups "$1") | sort -un
}

_host_cgroup_cleanup() {
  local d
  while read -r d; do
    if [[ -d $d ]]; then find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
  done < <(_host_cgroups "$1")
  return 0
}

# Alive and really nspawn (not a zombie, not a recycled pid).
_pid_is_nspawn() {
  local pid=$1 stat
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  stat=$(</proc/"$pid"/stat) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]] || return 1
  [[ $(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null) == *systemd-nspawn* ]]
}

host_pid() { cat "$(_pidfile "$1")" 2>/dev/null || true; }

host_running() { _pid_is_nspawn "$(host_pid "$1")"; }

wait_ssh() {
  local h=$1 timeout=${2:-$PS_BOOT_TIMEOUT} ip start=$SECONDS next=10
  ip=$(host_ip "$h") || return 1
  while :; do
    if _ssh -o ControlPath=none -o ConnectTimeout=2 "$h" true 2>/dev/null; then
      _hlog "$h: ssh root@$ip up after $((SECONDS - start))s"
      return 0
    fi
    if ! host_running "$h"; then
      _hlog "$h: ERROR: the container exited while booting; tail of $(_console_log "$h"):"
      tail -n 30 "$(_console_log "$h")" >&2
      return 1
    fi
    if ((SECONDS - start >= timeout)); then
      _hlog "$h: ERROR: no ssh on $ip after ${timeout}s; tail of $(_console_log "$h"):"
      tail -n 30 "$(_console_log "$h")" >&2
      return 1
    fi
    if ((SECONDS - start >= next)); then
      _hlog "$h: waiting for ssh on $ip ($((SECONDS - start))s)"
      next=$((next + 10))
    fi
    sleep 1
  done
}

# Starts the container in the background; does not wait for ssh.
_launch_host() {
  local h=$1 ip r pidfile log cg n=0
  ip=$(host_ip "$h") && r=$(host_root "$h") || return 1
  if host_running "$h"; then
    _hlog "$h: already running (pid $(host_pid "$h"))"
    return 0
  fi
  ensure_bridge && ensure_ssh || return 1
  if [[ $(cat "$r/.picshare-host-config" 2>/dev/null) != "$PS_HOST_CONFIG_VERSION" ]]; then
    _hlog "$h: host configuration version changed: rewriting it"
    _configure_host_root "$r" "$h" "$ip" && echo "$PS_HOST_CONFIG_VERSION" >"$r/.picshare-host-config" || return 1
  fi
  # The test key may have been made anew (ssh/ removed): it must be authorized.
  grep -qxF "$(cat "$STATE_DIR/ssh/id_ed25519.pub")" "$r/root/.ssh/authorized_keys" 2>/dev/null \
    || cat "$STATE_DIR/ssh/id_ed25519.pub" >>"$r/root/.ssh/authorized_keys"
  pidfile=$(_pidfile "$h"); log=$(_console_log "$h")
  mkdir -p /run/systemd/nspawn "$STATE_DIR/run" "$STATE_DIR/logs"
  rm -f "$pidfile"

  # Leftovers of a killed run: processes (none expected), cgroups, the host-side veth.
  if [[ -n $(_host_cgroup_pids "$h") ]]; then
    _hdie "$h: processes left in its cgroup: $(_host_cgroup_pids "$h" | paste -sd' ')"; return 1
  fi
  _host_cgroup_cleanup "$h"
  while ip link show "vb-$h" >/dev/null 2>&1 && ((n < 20)); do sleep 0.5; n=$((n + 1)); done
  ip link del "vb-$h" 2>/dev/null || true
  while read -r cg; do mkdir -p "$cg" || return 1; done < <(_host_cgroups "$h")

  printf '\n===== %s boot of %s (%s) =====\n' "$(date -u +%FT%TZ)" "$h" "$ip" >>"$log"
  (
    while read -r cg; do echo "$BASHPID" >"$cg/cgroup.procs" || exit 1; done < <(_host_cgroups "$h")
    # setsid: the host outlives the shell that started it (e.g. --keep).
    # SYSTEMD_NSPAWN_TMPFS_TMP=0: /tmp on the root's disk as on a real Debian host (emptied at
    # boot by tmpfiles), not a tmpfs taking memory from the JVMs.
    exec setsid env SYSTEMD_NSPAWN_TMPFS_TMP=0 bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" \
      systemd-nspawn --quiet -b --register=no --keep-unit \
      -D "$r" -M "$h" --network-bridge="$PS_BRIDGE" \
      --resolv-conf=off --timezone=off --link-journal=no --console=read-only \
      --rlimit=RLIMIT_NOFILE=1048576 --rlimit=RLIMIT_NPROC=infinity \
      </dev/null >>"$log" 2>&1
  ) &
  disown "$!" 2>/dev/null || true   # no "Killed" job notice from this shell when it is crashed
  n=0
  until [[ -s $pidfile ]] && _pid_is_nspawn "$(cat "$pidfile")"; do
    sleep 0.1; n=$((n + 1))
    if ((n > 100)); then
      _hlog "$h: ERROR: systemd-nspawn did not start; tail of $log:"; tail -n 20 "$log" >&2
      return 1
    fi
  done
  _hlog "$h: started systemd-nspawn pid $(cat "$pidfile") ($ip), console $log"
}

boot_host() {
  local h=$1
  _ensure_host_root "$h" "${2:-}" && _launch_host "$h" && wait_ssh "$h"
}

start_host() { boot_host "$1"; }

boot_hosts() {
  local h fresh=--fresh rc=0
  [[ ${1:-} == --reuse ]] && fresh=
  for h in "${TEST_HOSTS[@]}"; do
    if host_running "$h"; then
      [[ -n $fresh ]] && { _hdie "$h is already running; stop it first or use --reuse"; return 1; }
      continue
    fi
    _ensure_host_root "$h" ${fresh:+"$fresh"} || return 1
  done
  for h in "${TEST_HOSTS[@]}"; do _launch_host "$h" || return 1; done
  for h in "${TEST_HOSTS[@]}"; do wait_ssh "$h" || rc=1; done
  return $rc
}

# Sudden host loss: no shutdown, nothing flushed. Kills the container's init first (which
# takes its whole pid namespace with it), then nspawn and anything left in its cgroups.
crash_host() {
  local h=$1 pid pids n=0
  host_ip "$h" >/dev/null || return 1
  pid=$(host_pid "$h")
  _ssh_master_exit "$h"
  if ! _pid_is_nspawn "$pid" && [[ -z $(_host_cgroup_pids "$h") ]]; then
    _hlog "$h: not running (nothing to crash)"
    rm -f "$(_pidfile "$h")"
    return 0
  fi
  while :; do
    pids=$(_host_cgroup_pids "$h")
    if _pid_is_nspawn "$pid"; then
      local child
      for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill -KILL "$child" 2>/dev/null || true; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    # shellcheck disable=SC2086 # a list of pids
    if [[ -n $pids ]]; then kill -KILL $pids 2>/dev/null || true; fi
    if [[ -z $pids ]] && ! _pid_is_nspawn "$pid"; then break; fi
    n=$((n + 1))
    ((n > 100)) && { _hdie "$h: processes survive SIGKILL: $pids"; return 1; }
    sleep 0.1
  done
  _host_cgroup_cleanup "$h"
  rm -f "$(_pidfile "$h")"
  printf '\n===== %s %s crashed (SIGKILL) =====\n' "$(date -u +%FT%TZ)" "$h" >>"$(_console_log "$h")"
  _hlog "$h: crashed (SIGKILL)"
}

_wait_stopped() {
  local h=$1 timeout=$2 start=$SECONDS
  while host_running "$h"; do
    ((SECONDS - start >= timeout)) && return 1
    sleep 1
  done
}

stop_hosts() {
  local h hosts=("$@") rc=0
  ((${#hosts[@]})) || hosts=("${TEST_HOSTS[@]}")
  for h in "${hosts[@]}"; do
    host_running "$h" || continue
    _hlog "$h: poweroff"
    timeout 10 ssh -F "$(_ssh_config_file)" -o ControlPath=none "$h" \
      'systemctl poweroff --no-block' >/dev/null 2>&1 || true
    _ssh_master_exit "$h"
  done
  for h in "${hosts[@]}"; do
    if ! _wait_stopped "$h" "$PS_STOP_TIMEOUT"; then
      _hlog "$h: still up ${PS_STOP_TIMEOUT}s after poweroff: killing it"
      crash_host "$h" || rc=1
    fi
    _host_cgroup_cleanup "$h"
    rm -f "$(_pidfile "$h")"
  done
  return $rc
}

stop_host() { stop_hosts "$1"; }

teardown() { stop_hosts; }
