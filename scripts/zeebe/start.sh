#!/usr/bin/env bash
# Runs one Zeebe broker (with its embedded gateway) in the foreground, everything on 127.0.0.1, for tests and
# local development. Ports and directories come from the environment (defaults in brackets):
#   ZEEBE_GATEWAY_PORT [26500]  ZEEBE_COMMAND_PORT [26501]  ZEEBE_INTERNAL_PORT [26502]
#   ZEEBE_REST_PORT [8088]      ZEEBE_MANAGEMENT_PORT [9600] (actuator: health, clock)
#   ZEEBE_DATA_DIR [mktemp]     ZEEBE_RECORDS_FILE [$ZEEBE_DATA_DIR/records.jsonl] (our JSON-lines exporter)
#   ZEEBE_HEAP [512m]           ZEEBE_CLOCK_CONTROLLED [true] (lets tests move time via /actuator/clock/add)
# Stop it with SIGTERM (graceful) — scripts/zeebe/stop.sh does that, then SIGKILL after a timeout.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

[ -x "$ZEEBE_HOME/bin/broker" ] || { echo "zeebe/start: no broker at $ZEEBE_HOME — run scripts/zeebe/fetch.sh" >&2; exit 1; }
JAVA_HOME="$(find_zeebe_java_home)" || { echo "zeebe/start: no JDK >= 21 found (set ZEEBE_JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME

data_dir="${ZEEBE_DATA_DIR:-$(mktemp -d -t gongzhi-zeebe.XXXXXX)}"
mkdir -p "$data_dir"
records_file="${ZEEBE_RECORDS_FILE:-$data_dir/records.jsonl}"

export JAVA_OPTS="${JAVA_OPTS:-} -Xmx${ZEEBE_HEAP:-512m} -Xms64m -XX:+UseSerialGC -Xss512k"
export ZEEBE_BROKER_NETWORK_HOST=127.0.0.1
export ZEEBE_BROKER_NETWORK_ADVERTISEDHOST=127.0.0.1
export ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT="${ZEEBE_COMMAND_PORT:-26501}"
export ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT="${ZEEBE_INTERNAL_PORT:-26502}"
export ZEEBE_BROKER_GATEWAY_ENABLE=true
export ZEEBE_BROKER_GATEWAY_NETWORK_HOST=127.0.0.1
export ZEEBE_BROKER_GATEWAY_NETWORK_PORT="${ZEEBE_GATEWAY_PORT:-26500}"
export SERVER_ADDRESS=127.0.0.1
export SERVER_PORT="${ZEEBE_REST_PORT:-8088}"
export MANAGEMENT_SERVER_ADDRESS=127.0.0.1
export MANAGEMENT_SERVER_PORT="${ZEEBE_MANAGEMENT_PORT:-9600}"
export ZEEBE_BROKER_DATA_DIRECTORY="$data_dir/data"
export ZEEBE_BROKER_DATA_SNAPSHOTPERIOD=5m
export ZEEBE_BROKER_DATA_LOGSEGMENTSIZE=16MB
export ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT=1
export ZEEBE_BROKER_CLUSTER_CLUSTERSIZE=1
export ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR=1
export ZEEBE_BROKER_THREADS_CPUTHREADCOUNT=1
export ZEEBE_BROKER_THREADS_IOTHREADCOUNT=1
# A small disk must not make the broker refuse commands in tests.
export ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING=64MB
export ZEEBE_BROKER_DATA_DISK_FREESPACE_REPLICATION=32MB
export ZEEBE_CLOCK_CONTROLLED="${ZEEBE_CLOCK_CONTROLLED:-true}"

exporter_jar="$REPO_ROOT/tools/zeebe-exporter/target/gongzhi-zeebe-exporter.jar"
if [ -s "$exporter_jar" ]; then
  export ZEEBE_BROKER_EXPORTERS_GONGZHI_CLASSNAME=io.gongzhi.zeebe.exporter.JsonLinesExporter
  export ZEEBE_BROKER_EXPORTERS_GONGZHI_JARPATH="$exporter_jar"
  export ZEEBE_BROKER_EXPORTERS_GONGZHI_ARGS_PATH="$records_file"
  echo "zeebe/start: exporting records to $records_file"
else
  echo "zeebe/start: WARNING no exporter jar ($exporter_jar); records come from the adapter only" >&2
fi

echo "zeebe/start: Zeebe $ZEEBE_VERSION, JDK $JAVA_HOME, gateway 127.0.0.1:$ZEEBE_BROKER_GATEWAY_NETWORK_PORT, management 127.0.0.1:$MANAGEMENT_SERVER_PORT, data $data_dir"
cd "$data_dir"
exec "$ZEEBE_HOME/bin/broker"
