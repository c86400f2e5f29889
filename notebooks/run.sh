#!/usr/bin/env bash
# Executes every notebook in notebooks/ (or those named by prefix in the arguments) headless, in place, with the Deno kernel; fails on any
# cell error. Builds the package first when dist/ is missing or older than src/, and installs
# the Jupyter pieces it can (the Deno kernelspec; nbconvert via apt-get when running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
PYTHON="${PYTHON:-/usr/bin/python3}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3 || true)"

fail() { echo "notebooks: $*" >&2; exit 1; }

# 1. The package the notebooks import ('participation-effects/node' resolves to dist/).
if [ ! -f dist/node.js ] || [ -n "$(find src -newer dist/node.js -type f -print -quit)" ]; then
  echo "notebooks: building the package (dist/ is missing or older than src/)"
  npm run build --silent >/dev/null || fail "npm run build failed"
fi

# 2. nbclient (the headless executor; Debian packages it with nbconvert).
if [ -z "$PYTHON" ] || ! "$PYTHON" -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "notebooks: installing python3-nbconvert and python3-ipykernel with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-nbconvert python3-ipykernel >/dev/null \
      || fail "apt-get install python3-nbconvert python3-ipykernel failed"
    PYTHON=/usr/bin/python3
  else
    fail "needs Python 3 with nbconvert and ipykernel: apt-get install python3-nbconvert python3-ipykernel (as root), or pip install nbconvert ipykernel"
  fi
fi

# 3. The Deno kernel (the npm devDependency `deno`). The kernelspec must point at this checkout's
#    deno: one left behind by another checkout would run that checkout's binary.
[ -x node_modules/.bin/deno ] || fail "node_modules/.bin/deno is missing: run npm install (deno is a devDependency)"
if ! "$PYTHON" - "$root/node_modules/.bin/deno" <<'PY'
import json, os, sys
from jupyter_client.kernelspec import find_kernel_specs
spec = find_kernel_specs().get("deno")
ok = spec is not None and os.path.realpath(json.load(open(os.path.join(spec, "kernel.json")))["argv"][0]) == os.path.realpath(sys.argv[1])
sys.exit(0 if ok else 1)
PY
then
  echo "notebooks: installing the Deno Jupyter kernelspec for this checkout"
  node_modules/.bin/deno jupyter --install --force >/dev/null 2>&1 || fail "deno jupyter --install failed"
fi

# 4. Execute. NO_COLOR keeps ANSI colour codes out of the committed outputs.
export NO_COLOR=1
status=0
shopt -s nullglob
# Optional arguments pick notebooks by name prefix, e.g. `npm run notebooks -- 03`.
notebooks=()
for nb in notebooks/[0-9]*.ipynb; do
  name="$(basename "$nb")"
  if [ $# -eq 0 ]; then notebooks+=("$nb"); continue; fi
  for want in "$@"; do [[ "$name" == "$want"* ]] && notebooks+=("$nb") && break; done
done
[ ${#notebooks[@]} -gt 0 ] || fail "no notebooks matching ${*:-[0-9]*} in notebooks/"
for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  # execute.py: nbclient, plus the kernel's late output (see its docstring).
  if "$PYTHON" notebooks/execute.py --kernel deno --timeout 900 "$nb" 2>"$root/notebooks/.last-run.log"; then
    echo "notebooks: $nb ok ($(( $(date +%s) - start )) s)"
  else
    echo "notebooks: $nb FAILED" >&2
    grep -v 'deno jupyter" is unstable' "$root/notebooks/.last-run.log" | tail -n 40 >&2
    status=1
  fi
done
rm -f notebooks/.last-run.log
exit $status
