# Sourced by ./picshare and .ci/run: makes sure a JDK 17, Maven and Node.js 20+ (the web app's
# build) are there, and for tests Debian's chromium (the web app's browser tests), installing them
# with apt-get when running as root on a Debian/Ubuntu machine that lacks them, and exports
# JAVA_HOME (and PATH) for a JDK 17 whatever the machine's default java is.
# PicShare needs Java 17: the HBase shaded client fails on 18+, Hadoop ≤ 3.4.2 on 25.

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ && !seen {split($2, v, "."); print v[1]; seen = 1}'; }

node_major() { node -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }

find_jdk17() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME/bin/java")" == 17 ]]; then
    echo "$JAVA_HOME"; return
  fi
  if command -v java >/dev/null && [[ "$(java_major java)" == 17 ]]; then
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"; return
  fi
  local candidate
  for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/*17*; do
    if [[ -x "$candidate/bin/java" ]]; then echo "$candidate"; return; fi
  done
}

# apt_install WHAT PACKAGE...: installs the packages as root with apt-get, or says how to.
apt_install() {
  local what="$1"; shift
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing $what (apt-get install $*)"
    apt-get update -q && apt-get install -y -q "$@"
  else
    echo "PicShare needs $what: sudo apt-get install -y $*" >&2
    return 1
  fi
}

ensure_toolchain() {
  if [[ -z "$(find_jdk17)" ]] || ! command -v mvn >/dev/null; then
    apt_install "Java 17 and Maven" openjdk-17-jdk-headless maven || return 1
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install "Node.js and npm (the web app's build)" nodejs npm || return 1
  fi
  if (( $(node_major) < 20 )); then
    echo "PicShare's web app builds with Node.js 20 or later; this machine has $(node --version)" >&2
    return 1
  fi
  JAVA_HOME="$(find_jdk17)"
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}

# The web app's end-to-end tests drive Debian's chromium (WebAppIT fails without it).
ensure_test_browser() {
  if [[ ! -x "${PICSHARE_CHROMIUM:-/usr/bin/chromium}" ]]; then
    apt_install "Chromium (the web app's browser tests)" chromium || return 1
  fi
}

# The Ansible cluster test (ansible/test/run-cluster-test.sh): Ansible and ansible-lint, debootstrap
# for the test hosts' root filesystem, systemd-nspawn to boot them, ssh to reach them.
ensure_cluster_test_tools() {
  local missing=()
  command -v ansible-playbook >/dev/null || missing+=(ansible)
  command -v ansible-lint >/dev/null || missing+=(ansible-lint)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
  command -v ssh >/dev/null || missing+=(openssh-client)
  command -v ip >/dev/null || missing+=(iproute2)
  if (( ${#missing[@]} > 0 )); then
    apt_install "the cluster test's tools" "${missing[@]}" || return 1
  fi
}
