#!/usr/bin/env bash
#
# The Ansible cluster test: Debian 12 test hosts (systemd-nspawn containers, see hosts.sh),
# the site playbook converged on them, then a photo's journey through the gateway, its
# HDFS replicas, the loss of a host (h3) under load, its recovery and an idempotent re-converge.
#
#   ansible/test/run-cluster-test.sh [--keep] [--reuse]
#     --keep    leave the hosts running at the end (ssh -F $STATE_DIR/ssh_config h1)
#     --reuse   keep the hosts' existing roots (installed software stays); default: new roots
#
# Runs as root. The hosts booted are those of ansible/inventories/test/hosts.yml.
# Environment: PICSHARE_DIST_DIR (artefacts; default cluster-dist/target/dist),
# STATE_DIR (default /var/tmp/picshare-cluster-test), CONVERGE_TIMEOUT (s, default 2400),
# LOAD_SECONDS (default 150), TEST_HOSTS ("h1 h2 h3": instead of the inventory's).
# Exits non-zero at the first failing step, naming it; a table of step times ends the output.

set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# Overridable for testing this script against a stand-in playbook and checker.
ANSIBLE_DIR=${PICSHARE_ANSIBLE_DIR:-$REPO/ansible}

KEEP=0
REUSE=0
for arg in "$@"; do
  case $arg in
    --keep) KEEP=1 ;;
    --reuse) REUSE=1 ;;
    -h | --help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

INVENTORY=inventories/test/hosts.yml

# The hosts to boot are the test inventory's, in the order of their addresses (which must be
# 10.199.11.11, .12, ...), unless TEST_HOSTS ("h1 h2 h3") is given.
INVENTORY_HOSTS=
if [[ -z ${TEST_HOSTS:-} && -f $ANSIBLE_DIR/$INVENTORY ]]; then
  INVENTORY_HOSTS=$(cd "$ANSIBLE_DIR" && ansible-inventory -i "$INVENTORY" --list 2>/dev/null | python3 -c '
import ipaddress, json, sys
hv = json.load(sys.stdin).get("_meta", {}).get("hostvars", {})
rows = sorted((ipaddress.ip_address(v.get("ansible_host", "0.0.0.0")), h) for h, v in hv.items())
print("\n".join(f"{h} {ip}" for ip, h in rows))') || INVENTORY_HOSTS=
  if [[ -n $INVENTORY_HOSTS ]]; then
    read -ra TEST_HOSTS <<<"$(awk '{print $1}' <<<"$INVENTORY_HOSTS" | paste -sd' ')"
  fi
fi

# shellcheck source=ansible/test/hosts.sh
source "$HERE/hosts.sh"

if [[ -n $INVENTORY_HOSTS ]]; then
  while read -r name addr; do
    if [[ $(host_ip "$name") != "$addr" ]]; then
      echo "ansible/$INVENTORY: $name has ansible_host $addr, but as test host number" \
        "$(($(host_ip "$name" | cut -d. -f4) - 10)) it is booted at $(host_ip "$name")" \
        "(the hosts' addresses must be $PS_NET.11, .12, ... in order)" >&2
      exit 2
    fi
  done <<<"$INVENTORY_HOSTS"
fi

DIST_DIR=${PICSHARE_DIST_DIR:-$REPO/cluster-dist/target/dist}
PLAYBOOKS=(site.yml rolling-restart.yml)
DIST_ARTEFACTS=(hadoop kafka solr api batch)
GATEWAY_HOST=${GATEWAY_HOST:-h1}
LOST_HOST=${LOST_HOST:-h3}
host_ip "$GATEWAY_HOST" >/dev/null && host_ip "$LOST_HOST" >/dev/null || exit 2
GATEWAY_URL=https://$(host_ip "$GATEWAY_HOST")
GATEWAY_CERT=$STATE_DIR/gateway.crt
CLUSTER_CHECK=${PICSHARE_CLUSTER_CHECK:-$HERE/cluster_check.py}
: "${CONVERGE_TIMEOUT:=2400}"
: "${LOAD_SECONDS:=150}"

export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_HOST_KEY_CHECKING=False

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
fail() { log "FAILED: $*" >&2; return 1; }

# ------------------------------------------------------------------ steps ----

step_lint() {
  cd "$ANSIBLE_DIR"
  local pb
  for pb in "${PLAYBOOKS[@]}"; do
    [[ -f $pb ]] || fail "playbook ansible/$pb does not exist"
  done
  [[ -f $INVENTORY ]] || fail "inventory ansible/$INVENTORY does not exist"
  log "ansible-lint --profile production --offline ${PLAYBOOKS[*]}"
  ansible-lint --profile production --offline "${PLAYBOOKS[@]}" || fail "ansible-lint"
  python3 test/check_knobs.py || fail "a role default is missing from the production group variables"
  for pb in "${PLAYBOOKS[@]}"; do
    log "ansible-playbook --syntax-check -i $INVENTORY $pb"
    ansible-playbook --syntax-check -i "$INVENTORY" "$pb" || fail "syntax check of $pb"
  done
}

# An artefact is picshare-<name>-<version>.tar (cluster-dist's assemblies).
_dist_files() { compgen -G "$DIST_DIR/picshare-$1-*.tar"; }

_dist_missing() {
  local a
  for a in "${DIST_ARTEFACTS[@]}"; do
    _dist_files "$a" >/dev/null || echo "picshare-$a-*.tar"
  done
}

step_build() {
  local missing
  missing=$(_dist_missing)
  if [[ -n $missing ]]; then
    log "missing in $DIST_DIR: $(echo "$missing" | paste -sd' ')"
    local modules="cluster-dist/hadoop,cluster-dist/kafka,cluster-dist/solr,cluster-dist/api,cluster-dist/batch"
    log "building: mvn -B -q -pl $modules -am package -DskipTests"
    (cd "$REPO" && mvn -B -q -pl "$modules" -am package -DskipTests) || fail "maven build of cluster-dist"
    missing=$(_dist_missing)
    [[ -z $missing ]] || fail "still missing in $DIST_DIR after the build: $(echo "$missing" | paste -sd' ')"
  fi
  local a
  for a in "${DIST_ARTEFACTS[@]}"; do
    _dist_files "$a" | while read -r f; do printf '  %12d  %s\n' "$(stat -c %s "$f")" "$f"; done
  done
}

step_boot() {
  build_rootfs
  if ((REUSE)); then
    boot_hosts --reuse
  else
    stop_hosts   # a host left up by an earlier --keep run gets a new root too
    boot_hosts
  fi
}

# ansible-playbook site.yml to $1, a line per task on stdout; $2: also require changed=0.
_converge() {
  local out=$1 idempotent=${2:-} rc=0 start=$SECONDS
  log "ansible-playbook -i $INVENTORY site.yml -e picshare_dist_dir=$DIST_DIR  (log: $out)"
  (
    cd "$ANSIBLE_DIR"
    ANSIBLE_SSH_ARGS="-F $STATE_DIR/ssh_config" timeout -k 30 "$CONVERGE_TIMEOUT" \
      ansible-playbook -i "$INVENTORY" site.yml -e "picshare_dist_dir=$DIST_DIR"
  ) >"$out" 2>&1 &
  local pid=$!
  # Follow the log: a line per play/task/handler, failures, and the recap.
  local line recap=0
  while IFS= read -r line; do
    case $line in
      "PLAY RECAP"*) recap=1; printf '  %s\n' "$line" ;;
      "PLAY ["* | "TASK ["* | "RUNNING HANDLER ["*)
        line=${line%%\]*}]
        printf '  [%4ds] %s\n' $((SECONDS - start)) "$line" ;;
      fatal:* | failed:* | "ERROR!"* | *"UNREACHABLE!"*) printf '  %s\n' "${line:0:400}" ;;
      *) ((recap)) && [[ -n $line ]] && printf '  %s\n' "$line" ;;
    esac
  done < <(tail -n +1 -F --pid="$pid" "$out" 2>/dev/null)
  wait "$pid" || rc=$?
  ((rc == 124)) && fail "ansible-playbook timed out after ${CONVERGE_TIMEOUT}s"
  _check_recap "$out" "$idempotent" || return 1
  ((rc == 0)) || fail "ansible-playbook exited $rc (see $out)"
}

# Every host in the PLAY RECAP: failed=0 unreachable=0 (and changed=0 when asked).
_check_recap() {
  local out=$1 idempotent=$2 bad=0 n=0 host stats
  grep -q '^PLAY RECAP' "$out" || fail "no PLAY RECAP in $out" || return 1
  while read -r host _ stats; do
    n=$((n + 1))
    if [[ $stats =~ (^|[[:space:]])failed=([0-9]+) ]] && ((BASH_REMATCH[2] > 0)); then
      log "  $host: failed=${BASH_REMATCH[2]}"; bad=1
    fi
    if [[ $stats =~ unreachable=([0-9]+) ]] && ((BASH_REMATCH[1] > 0)); then
      log "  $host: unreachable=${BASH_REMATCH[1]}"; bad=1
    fi
    if [[ -n $idempotent && $stats =~ changed=([0-9]+) ]] && ((BASH_REMATCH[1] > 0)); then
      log "  $host: changed=${BASH_REMATCH[1]} (a re-converge must change nothing)"; bad=1
    fi
  done < <(sed -n '/^PLAY RECAP/,$p' "$out" | grep -E '^[^[:space:]]+[[:space:]]+:[[:space:]]+ok=')
  ((n > 0)) || fail "PLAY RECAP in $out lists no host" || return 1
  ((n >= ${#TEST_HOSTS[@]})) || log "  note: the recap lists $n hosts, the test has ${#TEST_HOSTS[@]}"
  if ((bad)); then
    if [[ -n $idempotent ]]; then
      log "  changed tasks:"
      awk '/^(TASK|RUNNING HANDLER) \[/ {t = $0; sub(/ \**$/, "", t)} /^changed:/ {print "    " t " -> " $0}' "$out" | head -40
    fi
    fail "PLAY RECAP of $out"
  fi
}

step_converge() { _converge "$STATE_DIR/converge-1.log"; }

step_config_checks() {
  local h found_hadoop=0 rep
  for h in "${TEST_HOSTS[@]}"; do
    log "$h: xmllint --noout /etc/hadoop/**/*.xml /etc/hbase/**/*.xml"
    ssh_host "$h" bash -s <<'EOF' || fail "$h: XML configuration"
set -eu
shopt -s nullglob globstar
files=(/etc/hadoop/**/*.xml /etc/hbase/**/*.xml)
if ((${#files[@]} == 0)); then echo "  no XML under /etc/hadoop /etc/hbase"; exit 0; fi
xmllint --noout "${files[@]}"
echo "  ${#files[@]} XML files well-formed"
EOF
    if ssh_host "$h" test -f /etc/hadoop/hdfs-site.xml; then
      found_hadoop=1
      rep=$(ssh_host "$h" xmllint --xpath \
        "'string(/configuration/property[normalize-space(name)=\"dfs.replication\"]/value)'" \
        /etc/hadoop/hdfs-site.xml) || fail "$h: reading dfs.replication"
      rep=$(echo "$rep" | tr -d '[:space:]')
      log "$h: dfs.replication=${rep:-<unset>}"
      [[ $rep == 3 ]] || fail "$h: dfs.replication is '${rep:-<unset>}' in /etc/hadoop/hdfs-site.xml, not 3"
    fi
  done
  ((found_hadoop)) || fail "no host has /etc/hadoop/hdfs-site.xml"
  log "$GATEWAY_HOST: nginx -t"
  if ! ssh_host "$GATEWAY_HOST" nginx -t 2>&1 | sed 's/^/  /'; then
    fail "nginx -t on $GATEWAY_HOST"
  fi
}

_fetch_gateway_cert() {
  scp_from "$GATEWAY_HOST" /etc/nginx/picshare/tls.crt "$GATEWAY_CERT" \
    || fail "fetching /etc/nginx/picshare/tls.crt from $GATEWAY_HOST"
}

step_journey() {
  _fetch_gateway_cert
  log "cluster_check.py journey --gateway $GATEWAY_URL --cacert $GATEWAY_CERT"
  if ! timeout -k 10 900 python3 "$CLUSTER_CHECK" journey --gateway "$GATEWAY_URL" --cacert "$GATEWAY_CERT" \
    2>&1 | tee "$STATE_DIR/journey.log"; then
    fail "journey (log: $STATE_DIR/journey.log)"
  fi
  { grep -v "^[[:space:]]*$" "$STATE_DIR/journey.log" || true; } | tail -n 1 >"$STATE_DIR/journey.json"
  python3 - "$STATE_DIR/journey.json" <<'EOF' || fail "the journey's last line is not JSON with a photo_id"
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, dict) and doc.get("photo_id"), doc
print("  photo_id:", doc["photo_id"])
EOF
}

step_replicas() {
  local fsck=$STATE_DIR/fsck.txt rc=0
  log "$GATEWAY_HOST: runuser -u hdfs -- picshare-hdfs fsck / -files -blocks -locations  (to $fsck)"
  ssh_host "$GATEWAY_HOST" runuser -u hdfs -- /usr/local/bin/picshare-hdfs fsck / -files -blocks -locations >"$fsck" 2>&1 || rc=$?
  ((rc == 0)) || log "fsck exited $rc"
  python3 - "$fsck" "$STATE_DIR/journey.json" <<'EOF' || fail "replicas (fsck output: $fsck)"
import json, re, sys

lines = open(sys.argv[1], errors="replace").read().splitlines()
try:
    journey = json.load(open(sys.argv[2]))
except Exception:
    journey = {}

file_re = re.compile(r"^(/\S.*?) (\d+) bytes,")
block_re = re.compile(r"^\s*\d+\.\s+(\S*blk_\S+)\s+len=(\d+)\s+(?:Live_repl|repl)=(\d+)")
files = {}      # path -> {"lines": [...], "blocks": [(blk, repl)]}
current = None
under = []
summary = {}
for line in lines:
    m = file_re.match(line)
    if m:
        current = m.group(1)
        files[current] = {"lines": [line], "blocks": []}
        if "Under replicated" in line or "MISSING" in line or "CORRUPT" in line:
            under.append(line)
        continue
    m = block_re.match(line)
    if m and current is not None:
        files[current]["lines"].append(line)
        files[current]["blocks"].append((m.group(1), int(m.group(3))))
        continue
    if current is not None and ("Under replicated" in line or "Target Replicas" in line):
        files[current]["lines"].append(line)
        under.append(line)
        continue
    m = re.match(r"^\s*(Under[- ]replicated blocks|Missing blocks|Corrupt blocks|Mis-replicated blocks):\s*(\d+)", line)
    if m:
        summary[m.group(1).lower().replace(" ", "-")] = int(m.group(2))
    if line.startswith("/"):
        current = None   # a directory line ("/picshare <dir>")

if not files:
    print("  fsck listed no file; its output ends with:")
    print("\n".join("    " + l for l in lines[-20:]))
    sys.exit(1)

photos = {p: f for p, f in files.items() if p == "/picshare" or p.startswith("/picshare/")}
blocks = [(p, b, r) for p, f in photos.items() for b, r in f["blocks"]]
print(f"  {len(files)} files in fsck, {len(photos)} under /picshare with {len(blocks)} blocks")
bad = [(p, b, r) for p, b, r in blocks if r != 3]
for p, b, r in bad[:20]:
    print(f"  NOT 3 live replicas: {p} {b} repl={r}")

# The journey's photo: a path the journey names, else the files whose path holds its id.
pid = str(journey.get("photo_id", ""))
named = [str(journey[k]) for k in ("hdfs_path", "path", "volume", "volume_path", "hdfs_file") if journey.get(k)]
mine = [p for p in photos if any(n in p for n in named)] or [p for p in photos if pid and pid in p]
print(f"  fsck of the journey's photo {pid or '?'}:" if mine else
      f"  (no /picshare path names photo {pid or '?'}: the photo lives in a volume file; first /picshare files:)")
for p in (mine or sorted(photos)[:5]):
    for l in photos[p]["lines"][:12]:
        print("    " + l[:300])

for k, v in sorted(summary.items()):
    print(f"  {k}: {v}")
ok = True
if not blocks:
    print("  FAILED: no block under /picshare (fsck leaves out files still open for write)"); ok = False
if bad:
    print(f"  FAILED: {len(bad)} /picshare blocks without 3 live replicas"); ok = False
if under or any(v > 0 for k, v in summary.items() if k.startswith(("under", "missing", "corrupt"))):
    print("  FAILED: fsck reports under-replicated, missing or corrupt blocks")
    for l in under[:10]:
        print("    " + l[:300])
    ok = False
sys.exit(0 if ok else 1)
EOF
}

# Runs a cluster_check.py command, its output (it reports progress itself) shown as it comes
# and kept in $1; the rest are its arguments. Bounded: the command's own time plus 15 minutes.
_cluster_check() {
  local out=$1; shift
  if ! timeout -k 10 "${CHECK_TIMEOUT:-$((${LOAD_SECONDS%.*} + 900))}" python3 "$CLUSTER_CHECK" "$@" 2>&1 \
    | tee "$out" | sed -u 's/^/  | /'; then
    return 1
  fi
}

step_host_loss() {
  [[ -s $GATEWAY_CERT ]] || _fetch_gateway_cert
  rm -f "$STATE_DIR/acked.jsonl" "$STATE_DIR/acked.jsonl.credentials"
  log "cluster_check.py prepare (the load user, signed up before the fault)"
  _cluster_check "$STATE_DIR/prepare.log" prepare --gateway "$GATEWAY_URL" --cacert "$GATEWAY_CERT" \
    --out "$STATE_DIR/acked.jsonl" || fail "prepare (log: $STATE_DIR/prepare.log)"
  log "crash_host $LOST_HOST (SIGKILL, no shutdown)"
  crash_host "$LOST_HOST"
  log "cluster_check.py load --seconds $LOAD_SECONDS with $LOST_HOST down"
  _cluster_check "$STATE_DIR/load.log" load --gateway "$GATEWAY_URL" --cacert "$GATEWAY_CERT" \
    --seconds "$LOAD_SECONDS" --out "$STATE_DIR/acked.jsonl" || fail "load with $LOST_HOST down (log: $STATE_DIR/load.log)"
  log "acknowledged uploads recorded: $(wc -l <"$STATE_DIR/acked.jsonl" 2>/dev/null || echo 0)"
  log "cluster_check.py verify --acked $STATE_DIR/acked.jsonl"
  _cluster_check "$STATE_DIR/verify-1.log" verify --gateway "$GATEWAY_URL" --cacert "$GATEWAY_CERT" \
    --acked "$STATE_DIR/acked.jsonl" || fail "verify with $LOST_HOST down (log: $STATE_DIR/verify-1.log)"
}

step_recover() {
  log "start_host $LOST_HOST"
  start_host "$LOST_HOST"
}

step_reconverge() {
  _converge "$STATE_DIR/converge-2.log" idempotent
  log "cluster_check.py verify --acked $STATE_DIR/acked.jsonl (after the re-converge)"
  _cluster_check "$STATE_DIR/verify-2.log" verify --gateway "$GATEWAY_URL" --cacert "$GATEWAY_CERT" \
    --acked "$STATE_DIR/acked.jsonl" || fail "verify after the re-converge (log: $STATE_DIR/verify-2.log)"
}

# ---------------------------------------------------------------- driver ----

STEPS=(lint build boot converge config-checks journey replicas host-loss recover reconverge)
declare -A STEP_RESULT=() STEP_SECONDS=()
CURRENT_STEP=
RUN_START=$SECONDS

summary() {
  local s
  echo
  echo "== cluster test: step times =="
  printf '  %-15s %-8s %8s\n' step result seconds
  for s in "${STEPS[@]}"; do
    printf '  %-15s %-8s %8s\n' "$s" "${STEP_RESULT[$s]:-skipped}" "${STEP_SECONDS[$s]:--}"
  done
  printf '  %-15s %-8s %8s\n' total "" $((SECONDS - RUN_START))
}

# The step's processes, by pid, leaving out the hosts' systemd-nspawn (teardown stops those).
_kill_tree() {
  local pid=$1 child
  [[ $(cat /proc/"$pid"/comm 2>/dev/null) == systemd-nspawn ]] && return 0
  for child in $(pgrep -P "$pid" 2>/dev/null); do _kill_tree "$child"; done
  kill -TERM "$pid" 2>/dev/null || true
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n ${STEP_PID:-} ]] && _kill_tree "$STEP_PID"
  if [[ -n $CURRENT_STEP ]]; then
    STEP_RESULT[$CURRENT_STEP]=FAILED
    STEP_SECONDS[$CURRENT_STEP]=$((SECONDS - STEP_START))
    ((rc != 0)) || rc=1
  fi
  summary
  if ((KEEP)); then
    echo "hosts left running (--keep): ssh -F $STATE_DIR/ssh_config ${TEST_HOSTS[0]}"
  else
    echo "tearing the hosts down (roots stay in $STATE_DIR/hosts; --keep leaves them up)"
    teardown || true
  fi
  if ((rc != 0)); then
    echo "CLUSTER TEST FAILED at step '${FAILED_STEP:-${CURRENT_STEP:-?}}' (exit $rc); logs in $STATE_DIR"
  else
    echo "CLUSTER TEST PASSED"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

FAILED_STEP=
STEP_START=$SECONDS
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 2; }
mkdir -p "$STATE_DIR"
n=0
for s in "${STEPS[@]}"; do
  n=$((n + 1))
  echo
  log "==> [$n/${#STEPS[@]}] $s"
  CURRENT_STEP=$s
  STEP_START=$SECONDS
  # In the background so that `set -e` holds inside the step (it does not in `if f` or `f ||`).
  "step_${s//-/_}" &
  STEP_PID=$!
  if wait "$STEP_PID"; then
    STEP_PID=
    STEP_RESULT[$s]=ok
    STEP_SECONDS[$s]=$((SECONDS - STEP_START))
    log "<== $s ok (${STEP_SECONDS[$s]}s)"
  else
    rc=$?
    STEP_PID=
    FAILED_STEP=$s
    log "<== $s FAILED (exit $rc, $((SECONDS - STEP_START))s)"
    exit "$rc"
  fi
done
CURRENT_STEP=
