#!/bin/sh
# The "application": greets with its version and configuration; --check is its health check.
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(cat "$here/VERSION")"
if [ "${1:-}" = --check ]; then
    [ "$version" = "${DEPLOY_VERSION:-$version}" ] && [ -r "$here/config/app.conf" ]
    exit
fi
. "$here/config/app.conf"
echo "${GREETING:-Hello} from hello $version"
