#!/usr/bin/env bash
# The workshop's settings for The Littlest JupyterHub (TLJH), on the TLJH server as root,
# after TLJH's own installer has run. Same numbers as workshop.toml (the tests check).
# TLJH gives every participant a Unix account of their own and enforces the limits.
set -euo pipefail
LESSONS_REPO="${LESSONS_REPO:-https://github.com/OWNER/hipkit}"

# hipkit and nbgitpuller into the environment every participant's server uses.
/opt/tljh/user/bin/python -m pip install "hipkit[lab] @ git+${LESSONS_REPO}" nbgitpuller

tljh-config set limits.memory 1G
tljh-config set limits.cpu 1
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout 3600
tljh-config set services.cull.every 600
tljh-config set user_environment.default_app jupyterlab
tljh-config reload
