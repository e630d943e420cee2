#!/usr/bin/env bash
# Settles the file system before a timed run that creates many files (scripts/bench.sh, scripts/bench-ckan.sh).
#
#   scripts/settle-fs.sh [--binary BIN] [FILE...]
#
# Prints one line saying what it did. FILEs (the run's input) are read back into the page cache and BIN is started
# once (`BIN --version`: the binary and its shared libraries), so the timed run still starts warm.
# SETTLE_FS=0 skips it (it drops the page cache of the whole machine).
#
# Why: ext4 without a journal (this machine's root file system: /sys/fs/ext4/<dev>/journal_task is `<none>`) will not
# reuse an inode deleted within the last minute (six minutes while its inode table block is not yet written back) as
# long as that block is in the buffer cache (fs/ext4/ialloc.c, recently_deleted). Each file created after an `rm -rf`
# of many files then scans past every such inode (`recently_deleted` in perf), and the other thread spins on the lock
# meanwhile: a 1000-dataset run took 2.2-3.6 s right after deleting the previous output (2.3-4.7 s of system time) and
# 1.1-1.3 s (0.3-0.4 s) once settled. A nightly job meets that only when it runs within minutes of a large deletion.
# Settling = `sync`, then (as root) dropping the page cache, so no inode table block of a deleted file is cached any
# more. Without root it only syncs and says so.
set -uo pipefail
bin=
if [ "${1:-}" = --binary ]; then bin=${2:?"settle-fs.sh: --binary needs the binary's path"}; shift 2; fi
if [ "${SETTLE_FS:-1}" = 0 ]; then
  echo "not settled (SETTLE_FS=0)"
  exit 0
fi
sync
if [ -w /proc/sys/vm/drop_caches ] && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
  said="synced, page cache dropped"
else
  said="synced only (dropping the page cache needs root): file creation may be slowed by recent deletions"
fi
for f in "$@"; do
  [ -e "$f" ] && cat -- "$f" >/dev/null 2>&1
done
[ -z "$bin" ] || "$bin" --version >/dev/null 2>&1
echo "$said"
