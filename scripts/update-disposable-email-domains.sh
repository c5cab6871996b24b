#!/usr/bin/env bash
# Refreshes registration's list of disposable-email domains from the npm package
# "disposable-email-domains" (MIT licence). Run it from the project root, review, commit.
set -euo pipefail
version="${1:-latest}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "disposable-email-domains@${version}" >/dev/null && tar xzf disposable-email-domains-*.tgz)
resolved="$(python3 -c "import json;print(json.load(open('$work/package/package.json'))['version'])")"
target=registration/src/main/resources/disposable-email-domains.txt
{
  echo "# Disposable-email domains refused at registration."
  echo "# Source: npm package disposable-email-domains ${resolved} (MIT licence)."
  echo "# Refresh with scripts/update-disposable-email-domains.sh; do not edit by hand."
  python3 -c "import json;print('\n'.join(sorted(set(d.strip().lower() for d in json.load(open('$work/package/index.json')) if d.strip()))))"
} > "$target"
echo "$(grep -vc '^#' "$target") domains from disposable-email-domains ${resolved} written to $target"
