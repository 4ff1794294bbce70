#!/bin/sh
# The image's entry point: runs one ansinh program in the foreground, as the
# container's main process, so `docker stop` / Kubernetes deliver SIGTERM to
# the service itself and its orderly shutdown (drain, finish the batch) runs.
#
#   ansinh-registry | ansinh-classification | ansinh-assignment | ansinh-monitoring [FLAG...]
#   registry | classification | assignment | monitoring [FLAG...]   (the same)
#   ansinh [COMMAND...]                                              (the CLI)
set -eu

usage() {
  cat >&2 <<'USAGE'
usage: <program> [FLAG...]
  program: ansinh-registry, ansinh-classification, ansinh-assignment,
           ansinh-monitoring (or registry, ...), or ansinh (the CLI)
  `<program> --help` lists the flags and their ANSINH_* variables.
USAGE
}

if [ "$#" -eq 0 ]; then
  usage
  exit 64
fi
program="$1"
shift
case "$program" in
  registry | classification | assignment | monitoring) program="ansinh-$program" ;;
esac
case "$program" in
  ansinh-registry | ansinh-classification | ansinh-assignment | ansinh-monitoring | ansinh)
    exec "/usr/local/bin/$program" "$@"
    ;;
  *)
    echo "ansinh image: unknown program '$program'" >&2
    usage
    exit 64
    ;;
esac
