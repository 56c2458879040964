#!/usr/bin/env bash
# Builds tools/ferretdb/bin/ferretdb: FerretDB v1 (SQLite backend) behind our small wrapper
# (tools/ferretdb/main.go), the Mongo-wire server that test/store/mongodb.test.ts and bench/store run against.
#
# Idempotent: skips the build when the binary is newer than every input (main.go, go.mod, go.sum, this script).
# Needs Go >= 1.24 and the Go module proxy (modules are pinned by the committed go.sum).
# Usage (from anywhere): bash scripts/build-ferretdb.sh [--force]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src_dir="$repo_root/tools/ferretdb"
bin="$src_dir/bin/ferretdb"
inputs=("$src_dir/main.go" "$src_dir/go.mod" "$src_dir/go.sum" "$repo_root/scripts/build-ferretdb.sh")

log() { echo "[build-ferretdb] $*" >&2; }
fail() { echo "[build-ferretdb] ERROR: $*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || fail "go not found on PATH (install Go >= 1.24 to build the Mongo-wire test server)"
for f in "${inputs[@]}"; do [[ -f "$f" ]] || fail "missing input $f"; done

if [[ "${1:-}" != "--force" && -x "$bin" ]]; then
  up_to_date=true
  for f in "${inputs[@]}"; do
    if [[ "$f" -nt "$bin" ]]; then up_to_date=false; log "$f is newer than the binary"; fi
  done
  if $up_to_date; then
    log "up to date: $bin (use --force to rebuild)"
    exit 0
  fi
fi

log "building $bin with $(go version)"
log "GOMODCACHE=$(go env GOMODCACHE) GOPROXY=$(go env GOPROXY)"
start=$(date +%s)
mkdir -p "$src_dir/bin"
# -mod=readonly: the build uses exactly the committed go.sum and fails loudly if it is incomplete.
# ferretdb_no_postgresql: we only use the SQLite backend; skipping pgx keeps the build smaller.
# CGO_ENABLED=0: FerretDB's SQLite driver (modernc.org/sqlite) is pure Go, so no C toolchain is needed.
(
  cd "$src_dir"
  CGO_ENABLED=0 go build -mod=readonly -trimpath -tags ferretdb_no_postgresql -o "$bin.tmp" .
) || { rm -f "$bin.tmp"; fail "go build failed (see above)"; }
mv -f "$bin.tmp" "$bin"
log "built $bin in $(( $(date +%s) - start ))s"
