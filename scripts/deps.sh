#!/usr/bin/env bash
# The one list of Debian packages dangjian needs to build, test and demo.
# Usage: scripts/deps.sh [--check]
#   as root: installs what is missing with apt-get;
#   otherwise: prints the exact command to run and exits 1 if anything is missing.
set -euo pipefail

PACKAGES=(
    build-essential pkg-config
    libncurses-dev libpq-dev libconfig-dev libcmocka-dev
    postgresql-15 postgresql-common postgresql-contrib
    postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
    postgresql-15-icu-ext
    tmux clang-format locales time
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Debian's postgresql-common would create and start a "main" cluster as a system
    # service; we never use it, so ask it not to.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/dangjian.conf
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "deps: missing packages: ${missing[*]}" >&2
    echo "deps: run as root:  apt-get install -y ${missing[*]}" >&2
    exit 1
fi
