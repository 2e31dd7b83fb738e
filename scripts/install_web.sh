#!/usr/bin/env bash
# Vendor the map page's JavaScript/CSS/data into src/sitrep/web/static/vendor/ (gitignored).
#
# Installs the exact versions pinned in web/package-lock.json with `npm ci` (integrity-checked,
# no install scripts), then copies only the dist files the page loads. Nothing but npm packages
# is downloaded. Idempotent and quiet: re-running with an unchanged lock file skips `npm ci`.
set -euo pipefail

if ! command -v npm >/dev/null 2>&1; then
    echo "install_web.sh: npm not found. The map page needs Node.js/npm (>= 18) to vendor its" >&2
    echo "  assets (Leaflet, markercluster, topojson-client, world-atlas). Install it, e.g." >&2
    echo "  'apt-get install nodejs npm', then re-run: bash scripts/install_web.sh" >&2
    exit 1
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
nm="$web/node_modules"
vendor="$root/src/sitrep/web/static/vendor"

lock_hash="$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)"
stamp="$nm/.sitrep-lock-sha256"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
    (cd "$web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock_hash" >"$stamp"
fi

# Build the vendor tree next to the target, then swap it in, so a failed copy leaves no half tree.
tmp="$(mktemp -d "$root/src/sitrep/web/static/.vendor.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/leaflet/images" "$tmp/markercluster" "$tmp/topojson-client" "$tmp/world-atlas"

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$tmp/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$tmp/leaflet/images/"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$tmp/markercluster/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$tmp/topojson-client/"
# 50m: ~740 KB, good enough when zoomed in on one region (110m is too coarse, 10m is 3.6 MB).
cp "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/LICENSE" "$tmp/world-atlas/"

# The API's /docs and /redoc pages (sitrep.api.pages loads these copies, not a CDN).
mkdir -p "$tmp/swagger-ui" "$tmp/redoc"
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui.css" "$nm/swagger-ui-dist/LICENSE" \
   "$tmp/swagger-ui/"
cp "$nm/redoc/bundles/redoc.standalone.js" "$nm/redoc/LICENSE" "$tmp/redoc/"
sed -i '/^\/\/# sourceMappingURL=/d' "$tmp/swagger-ui/swagger-ui-bundle.js" "$tmp/swagger-ui/swagger-ui.css" \
    "$tmp/redoc/redoc.standalone.js"
# ReDoc draws its maker's logo from a CDN in the menu: point it at an empty data: URL instead (the
# image hides itself when it fails to load), so the page makes no off-site request and breaks no CSP.
sed -i 's#https://cdn\.redoc\.ly/redoc/logo-mini\.svg#data:,#g' "$tmp/redoc/redoc.standalone.js"

# Drop sourceMappingURL comments: the .map files are not vendored.
sed -i '/^\/\/# sourceMappingURL=/d' "$tmp/leaflet/leaflet.js" "$tmp/markercluster/leaflet.markercluster.js"

chmod -R u+rwX,go+rX "$tmp"
rm -rf "$vendor"
mv "$tmp" "$vendor"
trap - EXIT
