#!/bin/sh
# The example application: prints a greeting for its first argument.
echo "Hello, ${1:-world}!"
