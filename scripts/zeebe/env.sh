# Shared settings of the Zeebe helper scripts (sourced, not executed).
# 8.5.8 is the newest camunda-zeebe broker distribution published to Maven Central (later 8.5 patches ship
# only as GitHub releases / Docker images). 8.5 is the last line under the Zeebe Community License.
ZEEBE_VERSION="${ZEEBE_VERSION:-8.5.8}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ZEEBE_CACHE_DIR="${ZEEBE_CACHE_DIR:-$REPO_ROOT/.cache/zeebe}"
ZEEBE_HOME="$ZEEBE_CACHE_DIR/camunda-zeebe-$ZEEBE_VERSION"

# Zeebe 8.5 needs Java 21+; the default java here is 17. Pick the first JDK >= 21 we can find.
find_zeebe_java_home() {
  local candidate major
  for candidate in "${ZEEBE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-*-jdk-* /usr/lib/jvm/java-2[1-9]-* ; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
