#!/bin/sh
# The "application": greets as its host's configuration says; --check is the health check deploy runs on each host.
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(cat "$here/VERSION")"
conf="$here/config/app.conf"
if [ "${1:-}" = --check ]; then
    # healthy when this release is the one being deployed and the configuration Ansible wrote is linked in
    [ "$version" = "${DEPLOY_VERSION:-$version}" ] || { echo "release $version, expected $DEPLOY_VERSION" >&2; exit 1; }
    grep -q '^GREETING=' "$conf" || { echo "no GREETING in $conf" >&2; exit 1; }
    echo "hello $version is healthy"
    exit 0
fi
. "$conf"
echo "$GREETING from hello $version on $HOST_NAME"
