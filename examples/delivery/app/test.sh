#!/bin/sh
# The example application's tests.
set -e
out=$(./app/greet.sh Orchestra)
[ "$out" = "Hello, Orchestra!" ] || { echo "unexpected greeting: $out"; exit 1; }
echo "greet: 1 test passed"
