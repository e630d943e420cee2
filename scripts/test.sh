#!/usr/bin/env bash
# The test command (README, .ci/run): every test of the package. The suites that measure timeouts and
# deadlines against local test servers run on their own after the rest: with every other suite running at once
# (CPU-heavy demo pipelines on 2 cores), their servers and clocks are starved and a 1.5 s deadline is measured
# as 45 s. Extra arguments go to the first `swift test` (e.g. --parallel).
set -euo pipefail
cd "$(dirname "$0")/.."
TIMING='BoundedFetchTests|ServerRobustnessTests'
# The link checker's own timeout and concurrency tests last, on their own: beside the server's idle-timeout tests
# their slow test servers starve those clocks too.
LINKS='LinkCheckerTests'
swift test --skip "$TIMING|$LINKS" "$@"
swift test --skip-build --filter "$TIMING"
swift test --skip-build --filter "$LINKS"
