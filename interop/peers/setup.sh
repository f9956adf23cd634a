#!/usr/bin/env bash
# Installs the SOAP peers of soapgen's interoperability tests into interop/.peers/ (ignored by
# git): a Python venv with requirements.txt (spyne, zeep) and node-soap from package-lock.json,
# the Debian packages in system-packages.txt (a forward proxy, Apache httpd, a JDK and JAX-WS
# RI, Axis 1), installed with apt-get when missing (needs root), and the Java peers (JAX-WS RI
# "Metro", Apache Axis 1) compiled from peers/metro/ and peers/axis/.
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

# --- Debian packages: proxies and web servers of the connectivity tests -----------------------
# system-packages.txt: "package upstream-version" per line. Debian serves one build of each
# package per release (security updates replace it), so the pin is the upstream version:
# an installed package whose version does not start with it is an error, never silently used.
pkg_version() { { dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null || true; } | sed -n 's/^install ok installed //p'; }
missing=()
while read -r pkg want; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  have="$(pkg_version "$pkg")"
  if [[ -z "$have" ]]; then
    missing+=("$pkg")
  elif [[ "$have" != "$want"* ]]; then
    say "error: $pkg $have is installed, the tests are pinned to $want"
    exit 1
  fi
done <"$here/system-packages.txt"
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    say "error: Debian packages missing: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
    exit 1
  fi
  start=$SECONDS
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
  # The packages' own services are not wanted: the tests start their own instances.
  for pkg in "${missing[@]}"; do
    service "$pkg" stop >/dev/null 2>&1 || true
  done
  for pkg in "${missing[@]}"; do
    have="$(pkg_version "$pkg")"
    want="$(awk -v p="$pkg" '$1 == p { print $2 }' "$here/system-packages.txt")"
    [[ "$have" == "$want"* ]] || { say "error: installed $pkg $have, pinned to $want"; exit 1; }
  done
  say "installed ${#missing[@]} Debian packages in $((SECONDS - start)) s"
else
  say "Debian packages present"
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

# --- Java: the JAX-WS RI (Metro) and Apache Axis 1 peers -------------------------------------
# Each is compiled from peers/<name>/ against Debian's jars, cached by a fingerprint of its
# sources and the package version. For Metro, wsgen makes the request/response wrapper classes
# ahead of time: the packaged runtime lacks the bytecode library it would use for them.
need javac "install openjdk-17-jdk-headless"
need wsgen "install the Debian package jaxws"

# java_peer NAME PACKAGE "JAR…" [WSGEN_CLASS…]
java_peer() {
  local name="$1" package="$2" jars="$3"
  shift 3
  local dir="$peers/$name" cp="" jar sources want start
  for jar in $jars; do
    [[ -f "/usr/share/java/$jar.jar" ]] || { say "error: /usr/share/java/$jar.jar missing (apt-get install $package)"; exit 1; }
    cp+="/usr/share/java/$jar.jar:"
  done
  mapfile -t sources < <(find "$here/$name" -name '*.java' | LC_ALL=C sort)
  want="$(javac -version 2>&1) $(pkg_version "$package") $(fingerprint "${sources[@]}")"
  if [[ -f "$dir/.soapgen-stamp" && "$(cat "$dir/.soapgen-stamp")" == "$want" ]]; then
    say "$name peer up to date ($dir)"
    return
  fi
  start=$SECONDS
  rm -rf "$dir"
  mkdir -p "$dir/classes"
  javac -nowarn -encoding UTF-8 -cp "$cp" -d "$dir/classes" "${sources[@]}" >&2
  for service in "$@"; do
    wsgen -cp "$cp$dir/classes" -d "$dir/classes" "$service" >&2
  done
  printf '%s' "${cp}$dir/classes" >"$dir/classpath"
  printf '%s' "$want" >"$dir/.soapgen-stamp"
  say "compiled the $name peer in $((SECONDS - start)) s"
}

java_peer metro libjaxws-java "jaxws-rt jaxws-api jaxb-api jaxb-runtime jaxb-core jaxb-impl
  javax.activation saaj-impl stax-ex streambuffer metro-policy gmbal glassfish-management-api
  glassfish-pfl-basic glassfish-pfl-tf mimepull istack-commons-runtime txw2 FastInfoset jws-api
  stax2-api woodstox-core wss4j xmlsec commons-logging slf4j-api" \
  soapgen.metro.Interop soapgen.metro.mtom.Files soapgen.metro.secure.Secure \
  soapgen.metro.addressed.Addressed
java_peer axis libaxis-java "axis axis-jaxrpc axis-saaj commons-discovery commons-logging wsdl4j
  javax.activation javax.mail"

# The wsimport-generated client of the Metro peer (one per SOAP version), making the calls of
# peers/metro-client/ so its envelopes can be compared with soapgen's. wsimport reads the
# checked-in samples, their schema import pointed at the saved file (no network).
need wsimport "install the Debian package jaxws"
metro_client_want="$(javac -version 2>&1) $(pkg_version jaxws) $(fingerprint "$here"/metro-client/soapgen/metro/client/*.java "$here"/../../samples/interop_metro1[12]/*)"
metro_client="$peers/metro-client"
if [[ -f "$metro_client/.soapgen-stamp" && "$(cat "$metro_client/.soapgen-stamp")" == "$metro_client_want" ]]; then
  say "metro wsimport client up to date ($metro_client)"
else
  start=$SECONDS
  rm -rf "$metro_client"
  metro_cp="$(sed 's#:[^:]*/metro/classes$##' "$peers/metro/classpath")"
  for version in 11 12; do
    dir="$metro_client/$version"
    mkdir -p "$dir/wsdl" "$dir/src" "$dir/classes"
    cp "$here/../../samples/interop_metro$version/soap$version.wsdl" "$here/../../samples/interop_metro$version/soap$version.xsd1.xsd" "$dir/wsdl/"
    sed -i "s#http://127.0.0.1:8080/soap$version?xsd=1#soap$version.xsd1.xsd#" "$dir/wsdl/soap$version.wsdl"
    wsimport -quiet -extension -Xnocompile -s "$dir/src" -d "$dir/classes" -p soapgen.metro.client "$dir/wsdl/soap$version.wsdl" >&2
    javac -nowarn -encoding UTF-8 -cp "$metro_cp" -d "$dir/classes" "$dir"/src/soapgen/metro/client/*.java "$here"/metro-client/soapgen/metro/client/*.java >&2
    printf '%s' "$metro_cp:$dir/classes" >"$dir/classpath"
  done
  printf '%s' "$metro_client_want" >"$metro_client/.soapgen-stamp"
  say "generated and compiled the metro wsimport clients in $((SECONDS - start)) s"
fi
