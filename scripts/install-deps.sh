#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/deps-debian.txt (idempotent: quiet and fast when
# everything is present) and unpacks the packages of scripts/deps-extract.txt into .deps/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
read_list() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"; }
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

missing=()
while read -r pkg; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < <(read_list "$root/scripts/deps-debian.txt")

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

deps="$root/.deps"
mkdir -p "$deps/debs"
while read -r pkg dir; do
  dir="${dir:-root}"
  stamp="$deps/.$pkg.done"
  [ -f "$stamp" ] && continue
  echo "install-deps: unpacking $pkg into .deps/$dir"
  (cd "$deps/debs" && apt-get download "$pkg" >/dev/null 2>&1) || {
    $sudo_cmd apt-get update -qq && (cd "$deps/debs" && apt-get download "$pkg" >/dev/null)
  }
  dpkg -x "$deps"/debs/"${pkg}"_*.deb "$deps/$dir"
  rm -f "$deps"/debs/"${pkg}"_*.deb
  touch "$stamp"
done < <(read_list "$root/scripts/deps-extract.txt")
