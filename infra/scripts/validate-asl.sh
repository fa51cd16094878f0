#!/usr/bin/env bash
# Validates the workflow definitions (the upgrade, the lease cleanup and the fleet) with the npm asl-validator (pinned), installed into a throwaway
# folder. Checks the ASL file as committed (asl-validator accepts ${...} placeholders in Resource)
# and, when the infra tests have written it, the copy with every placeholder replaced by a
# well-formed ARN, so ARN checks run on the resolved Task resources too.
set -euo pipefail

ASL_VALIDATOR_VERSION=4.0.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm install --silent --no-audit --no-fund --prefix "$tmp" "asl-validator@${ASL_VALIDATOR_VERSION}" >/dev/null

files=("$root/statemachine/upgrade-application.asl.json" "$root/statemachine/release-lease.asl.json" "$root/statemachine/fleet-upgrade.asl.json")
resolved="$root/infra/target/upgrade-application.resolved.asl.json"
if [[ -f "$resolved" ]]; then
  files+=("$resolved")
else
  echo "note: $resolved not found (run the infra tests first to validate the resolved copy too)" >&2
fi

args=()
for file in "${files[@]}"; do
  args+=(--json-path "$file")
done
"$tmp/node_modules/.bin/asl-validator" "${args[@]}"
