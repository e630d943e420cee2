#!/usr/bin/env bash
# `systemd-analyze verify` of the nightly units, offline (no running systemd needed): the unit files exactly as
# shipped in scripts/ are installed the way docs/operations.md does it (/etc/systemd/system/, the binary at
# /opt/opendata/bin/opendata) into a scratch root, beside a copy of this machine's system units (sysinit.target,
# timers.target, ...), and verified there with --root. verify prints nothing for clean units: any message it
# prints (unknown keys, bad values, a missing ExecStart binary, ...) fails the check.
#   usage: scripts/check-systemd.sh PATH/TO/opendata
set -euo pipefail
BIN=$(realpath "${1:?usage: scripts/check-systemd.sh PATH/TO/opendata}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
UNITS=(opendata-nightly.service opendata-nightly.timer opendata-notify@.service)

if ! command -v systemd-analyze >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "installing systemd (for systemd-analyze)"
  export DEBIAN_FRONTEND=noninteractive
  { $SUDO apt-get install -y -q --no-install-recommends systemd ||
    { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends systemd; }; } >/dev/null
fi
systemd-analyze --version | head -1

SYSTEM_UNITS=""
for d in /usr/lib/systemd/system /lib/systemd/system; do
  [ -f "$d/sysinit.target" ] && { SYSTEM_UNITS=$d; break; }
done
[ -n "$SYSTEM_UNITS" ] || { echo "FAIL: no systemd system units (sysinit.target) on this machine"; exit 1; }

R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R/usr/lib/systemd" "$R/etc/systemd/system" "$R/opt/opendata/bin"
cp -a "$SYSTEM_UNITS" "$R/usr/lib/systemd/system"
install -m 755 "$BIN" "$R/opt/opendata/bin/opendata"
for unit in "${UNITS[@]}"; do cp "$ROOT/scripts/$unit" "$R/etc/systemd/system/"; done

rc=0
messages=$(systemd-analyze verify --root="$R" "${UNITS[@]/#//etc/systemd/system/}" 2>&1) || rc=$?
if [ $rc != 0 ] || [ -n "$messages" ]; then
  echo "$messages"
  echo "FAIL: systemd-analyze verify ${UNITS[*]} (exit $rc)"
  exit 1
fi
echo "systemd-analyze verify ${UNITS[*]}: no warnings (ExecStart binary: $BIN, installed at /opt/opendata/bin/opendata)"

# The timer's schedule, as systemd reads it.
calendar=$(sed -n 's/^OnCalendar=//p' "$ROOT/scripts/opendata-nightly.timer")
systemd-analyze calendar "$calendar" | sed 's/^/  /'
