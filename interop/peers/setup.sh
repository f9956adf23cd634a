#!/usr/bin/env bash
# Installs the SOAP peers of soapgen's interoperability tests into interop/.peers/ (ignored by
# git): a Python venv with requirements.txt (spyne, zeep) and node-soap from package-lock.json.
# Pinned versions only. Idempotent: each part is redone only when its pin file (or the Python /
# Node version) changed since the last successful install, so a second run takes milliseconds.
# Safe to run concurrently (a lock serialises runs). Needs python3 (with venv), node and npm.
#
#   interop/peers/setup.sh            install what is missing or stale
#   SOAPGEN_PEERS_DIR=/elsewhere ...  install there instead of interop/.peers
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peers="${SOAPGEN_PEERS_DIR:-$here/../.peers}"
mkdir -p "$peers"
peers="$(cd "$peers" && pwd)"

exec 9>"$peers/.setup.lock"
flock 9

say() { printf 'peers setup: %s\n' "$*" >&2; }
need() {
  command -v "$1" >/dev/null 2>&1 || { say "error: $1 not found ($2)"; exit 1; }
}
fingerprint() { { cat "$@"; } | sha256sum | cut -d' ' -f1; }

# --- Python: spyne server and zeep client ---------------------------------------------------
need python3 "install Python 3.11 with its venv module"
venv="$peers/venv"
py_stamp="$venv/.soapgen-stamp"
py_want="$(python3 --version 2>&1) $(fingerprint "$here/requirements.txt")"
if [[ -f "$py_stamp" && "$(cat "$py_stamp")" == "$py_want" ]]; then
  say "python venv up to date ($venv)"
else
  start=$SECONDS
  say "creating python venv in $venv"
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    say "error: 'python3 -m venv' failed (on Debian: apt-get install python3-venv)"
    exit 1
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$here/requirements.txt"
  printf '%s' "$py_want" >"$py_stamp"
  say "installed $(grep -cE '^[A-Za-z]' "$here/requirements.txt") pinned python packages in $((SECONDS - start)) s"
fi

# --- Node: node-soap server -----------------------------------------------------------------
need node "install Node.js 20"
need npm "install npm"
node_dir="$peers/node"
node_stamp="$node_dir/.soapgen-stamp"
node_want="$(node --version) $(fingerprint "$here/package.json" "$here/package-lock.json")"
if [[ -f "$node_stamp" && "$(cat "$node_stamp")" == "$node_want" ]]; then
  say "node modules up to date ($node_dir)"
else
  start=$SECONDS
  say "installing node-soap from package-lock.json into $node_dir"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  printf '%s' "$node_want" >"$node_stamp"
  say "installed $(ls "$node_dir/node_modules" | wc -l) node packages in $((SECONDS - start)) s"
fi
