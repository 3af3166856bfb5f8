#!/usr/bin/env bash
# Mutation testing of the core modules with mutmut: a benchmark of the tests, not a CI step.
#
#   bash bench/mutants.sh [WORK]        # WORK defaults to /tmp/kh121-mutants
#
# mutmut is not a dependency of kh121: install it in the venv by hand
# (`python -m pip install mutmut`, 3.x). The script copies the working tree (tracked and
# new files, not ignored ones) to WORK, so that mutmut's `mutants/` folder never lands in
# the checkout, mutates only the modules below, runs only the tests that exercise them, with
# low priority, one mutant at a time by default and a bound on the whole run, then prints
# mutmut's results and the kill rate (killed ÷ (killed + survived + timed out)).
#
# Environment: MUTANT_CHILDREN (default 1), MUTANT_TIMEOUT seconds (default 3600),
# MUTANT_MODULES (the modules to mutate, space-separated; default the four below),
# MUTANT_TESTS (the test files, space-separated), MUTANT_REV (a git revision to copy instead
# of the working tree) with MUTANT_OVERLAY (working-tree files laid over it, e.g. new tests).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
WORK="${1:-/tmp/kh121-mutants}"
CHILDREN="${MUTANT_CHILDREN:-1}"
BOUND="${MUTANT_TIMEOUT:-3600}"
read -r -a MODULES <<< "${MUTANT_MODULES:-src/kh121/record.py src/kh121/status.py src/kh121/agencies.py src/kh121/calendar.py}"
TESTS="${MUTANT_TESTS:-tests/test_status.py tests/test_record.py tests/test_calendar.py tests/test_cli_status.py tests/test_merge.py tests/test_mutants.py tests/test_second_plan.py tests/test_third_plan.py}"

rm -rf "$WORK"
mkdir -p "$WORK"
if [ -n "${MUTANT_REV:-}" ]; then
  # A committed revision, when the working tree is in the middle of someone's change.
  git -C "$ROOT" archive "$MUTANT_REV" | tar -xf - -C "$WORK"
  for f in ${MUTANT_OVERLAY:-}; do cp "$ROOT/$f" "$WORK/$f"; done
else
  (cd "$ROOT" && git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"
  done | tar --null -T - -cf -) | tar -xf - -C "$WORK"
fi

cd "$WORK"
# mutmut reads [tool.mutmut] from pyproject.toml when it is there, else setup.cfg.
{
  echo "[mutmut]"
  echo "source_paths = src"
  echo "only_mutate ="
  for m in "${MODULES[@]}"; do echo "    $m"; done
  printf 'pytest_add_cli_args =\n    -n0\n    -p\n    no:cacheprovider\n'
  echo "pytest_add_cli_args_test_selection ="
  for t in $TESTS; do [ -e "$t" ] && echo "    $t"; done
  echo "also_copy ="  # the tests read data/, templates/, schemas/ ... beside tests/
  for f in *; do case "$f" in src | tests | setup.cfg) ;; *) echo "    $f" ;; esac; done
  echo "use_git_change_detection = false"
} > setup.cfg
# Property tests at their fast profile: a mutant needs a failing example, not a thorough search.
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-fast}"

status=0
nice -n 19 timeout "$BOUND" mutmut run --max-children "$CHILDREN" > mutmut-run.log 2>&1 || status=$?
if [ "$status" -eq 124 ]; then
  echo "mutmut stopped at the bound of ${BOUND}s: the figures below count only what finished" >&2
fi
mutmut results --all true > mutmut-results.txt 2>&1 || true
python - <<'EOF'
import collections, re
counts = collections.Counter()
for line in open("mutmut-results.txt", encoding="utf-8"):
    m = re.match(r"\s*(\S+__mutmut_\d+): (.+)$", line)
    if m:
        counts[m.group(2).strip()] += 1
killed = counts["killed"]
judged = killed + counts["survived"] + counts["timeout"]
print(dict(sorted(counts.items())))
if judged:
    print(f"kill rate: {killed}/{judged} = {killed / judged:.1%}")
EOF
echo "survivors: grep survived $WORK/mutmut-results.txt; see one: (cd $WORK && mutmut show NAME)"
