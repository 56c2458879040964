#!/usr/bin/env bash
# Downloads the Zeebe broker distribution from Maven Central (through Maven, so it is cached in ~/.m2) and
# unpacks it under .cache/zeebe/. Idempotent: does nothing when the unpacked broker is already there.
# Also builds our record exporter (tools/zeebe-exporter) when its jar is missing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

command -v mvn >/dev/null || { echo "zeebe/fetch: Maven (mvn) is not installed" >&2; exit 1; }
JAVA_HOME_21="$(find_zeebe_java_home)" || { echo "zeebe/fetch: no JDK >= 21 found (set ZEEBE_JAVA_HOME)" >&2; exit 1; }
echo "zeebe/fetch: Zeebe $ZEEBE_VERSION, JDK $JAVA_HOME_21, cache $ZEEBE_CACHE_DIR"

if [ -x "$ZEEBE_HOME/bin/broker" ]; then
  echo "zeebe/fetch: broker already unpacked at $ZEEBE_HOME"
else
  mkdir -p "$ZEEBE_CACHE_DIR"
  echo "zeebe/fetch: mvn dependency:copy io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz (~210 MB the first time)"
  mvn -q -B dependency:copy \
    -Dartifact="io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz" \
    -DoutputDirectory="$ZEEBE_CACHE_DIR" -Dmdep.overWriteReleases=false
  tarball="$ZEEBE_CACHE_DIR/camunda-zeebe-$ZEEBE_VERSION.tar.gz"
  [ -s "$tarball" ] || { echo "zeebe/fetch: expected $tarball after download" >&2; exit 1; }
  unpack_dir="$(mktemp -d "$ZEEBE_CACHE_DIR/unpack.XXXXXX")"
  echo "zeebe/fetch: unpacking $tarball"
  tar -xzf "$tarball" -C "$unpack_dir"
  top="$(find "$unpack_dir" -mindepth 1 -maxdepth 1 -type d | head -1)"
  [ -x "$top/bin/broker" ] || { echo "zeebe/fetch: no bin/broker in $tarball" >&2; exit 1; }
  rm -rf "$ZEEBE_HOME" && mv "$top" "$ZEEBE_HOME" && rm -rf "$unpack_dir" "$tarball"
  echo "zeebe/fetch: broker ready at $ZEEBE_HOME"
fi

exporter_dir="$REPO_ROOT/tools/zeebe-exporter"
if [ -f "$exporter_dir/pom.xml" ]; then
  jar="$exporter_dir/target/gongzhi-zeebe-exporter.jar"
  if [ ! -s "$jar" ] || [ -n "$(find "$exporter_dir/src" "$exporter_dir/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "zeebe/fetch: building record exporter ($exporter_dir)"
    JAVA_HOME="$JAVA_HOME_21" mvn -q -B -f "$exporter_dir/pom.xml" -Dzeebe.version="$ZEEBE_VERSION" package
  fi
  [ -s "$jar" ] || { echo "zeebe/fetch: exporter jar missing after build: $jar" >&2; exit 1; }
  echo "zeebe/fetch: exporter ready at $jar"
fi
