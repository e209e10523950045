# Sourced by ./picshare and .ci/run: makes sure a JDK 17 and Maven are there, installing them
# with apt-get when running as root on a Debian/Ubuntu machine that lacks them, and exports
# JAVA_HOME (and PATH) for a JDK 17 whatever the machine's default java is.
# PicShare needs Java 17: the HBase shaded client fails on 18+, Hadoop ≤ 3.4.2 on 25.

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ && !seen {split($2, v, "."); print v[1]; seen = 1}'; }

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

ensure_toolchain() {
  if [[ -z "$(find_jdk17)" ]] || ! command -v mvn >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
      echo "Installing Java 17 and Maven (apt-get)"
      apt-get update -q && apt-get install -y -q openjdk-17-jdk-headless maven
    else
      echo "PicShare needs Java 17 and Maven: sudo apt-get install -y openjdk-17-jdk-headless maven" >&2
      return 1
    fi
  fi
  JAVA_HOME="$(find_jdk17)"
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}
