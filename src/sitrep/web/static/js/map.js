/* The map: offline country outlines, place labels from /api/places, event markers clustered by
 * Leaflet.markercluster (each cluster a ring of its event types' colours), the legend, and the
 * highlighted selection. Leaflet and markercluster are the vendored globals ``L``. */

import { EVENT_TYPES, OTHER_COLOR, OTHER_TYPE, clear, colorOf, colorOfType, el, fmt, getJSON, typeOf } from "./util.js";

const LABEL_CELL_PX = 130;   // at most one place label per square of this size
const LABEL_MAX = 80;
const SMALL_SCREEN = "(max-width: 600px)";

const REJECTED_STROKE = "#3d4449";

let map, clusters, legend, labels, onLoaded = null, markersById = {}, selectedId = null;
let picking = null, pickMarker = null;

/** Build the map, the cluster layer and the legend; ``onSelect(id)`` runs when a marker is clicked. */
export function createMap(onSelect) {
  map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.25 });
  // markercluster's zoomToShowLayer waits for a "moveend" to show the selected marker; when the
  // markers are replaced before it comes (a reload during the zoom, e.g. right after a review),
  // the waiting check asks about the removed marker's cluster: undefined, and Leaflet throws.
  const hasLayer = map.hasLayer;
  map.hasLayer = function (layer) { return !!layer && hasLayer.call(map, layer); };
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas · Places: GeoNames · Leaflet");
  [["land", 250], ["labels", 350]].forEach(function (p) {
    map.createPane(p[0]);
    map.getPane(p[0]).style.zIndex = p[1];
    map.getPane(p[0]).style.pointerEvents = "none";
  });
  map.setView([15, 10], 2);
  clusters = L.markerClusterGroup({
    maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true,
    chunkProgress: function (done, total) {
      if (done === total && onLoaded) { const cb = onLoaded; onLoaded = null; window.setTimeout(cb, 0); }
    },
    iconCreateFunction: clusterIcon
  });
  map.addLayer(clusters);
  labels = L.layerGroup().addTo(map);
  legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    const div = L.DomUtil.create("div", "legend");
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
  markerClick = onSelect;
  return { map: map, clusters: clusters };
}

let markerClick = function () {};

/** A cluster: its count on a ring split by the event types inside it, in legend order. */
function clusterIcon(cluster) {
  const n = cluster.getChildCount();
  const counts = {};
  cluster.getAllChildMarkers().forEach(function (m) {
    const t = typeOf(m.event || {});
    counts[t] = (counts[t] || 0) + 1;
  });
  const order = EVENT_TYPES.map(function (t) { return t[0]; }).concat([OTHER_TYPE]);
  const present = order.filter(function (t) { return counts[t]; });
  let at = 0;
  const stops = present.map(function (t) {
    const from = at;
    at += (360 * counts[t]) / n;
    return colorOfType(t) + " " + from.toFixed(1) + "deg " + at.toFixed(1) + "deg";
  });
  const size = n < 10 ? 32 : n < 100 ? 38 : n < 1000 ? 46 : 54;
  const title = present.map(function (t) { return t + ": " + counts[t]; }).join("\n");
  const inner = el("div", {
    className: "cluster", title: title,
    "data-types": present.map(function (t) { return t + ":" + counts[t]; }).join(","),
    style: "width:" + size + "px;height:" + size + "px;background:conic-gradient(" + stops.join(",") + ")"
  }, [el("span", { text: String(n) })]);
  return L.divIcon({ html: inner, className: "cluster-icon", iconSize: L.point(size, size) });
}

/** world-atlas rings cross the antimeridian; unwrap them for a flat map (see git history). */
function flatRing(ring) {
  const out = [[ring[0][0], ring[0][1]]];
  let shift = 0, min = ring[0][0], max = ring[0][0], latSum = ring[0][1];
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] - ring[i - 1][0];
    if (d > 180) shift -= 360; else if (d < -180) shift += 360;
    const lon = ring[i][0] + shift;
    out.push([lon, ring[i][1]]);
    min = Math.min(min, lon); max = Math.max(max, lon); latSum += ring[i][1];
  }
  const first = out[0], last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    const pole = latSum / ring.length < 0 ? -90 : 90;
    out.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
  }
  const centre = (min + max) / 2;
  const offset = centre > 180 ? -360 : centre < -180 ? 360 : 0;
  if (offset) out.forEach(function (pt) { pt[0] += offset; });
  return out;
}

function flatGeometry(g) {
  if (!g) return g;
  if (g.type === "Polygon") return { type: "Polygon", coordinates: g.coordinates.map(flatRing) };
  if (g.type === "MultiPolygon") {
    return { type: "MultiPolygon", coordinates: g.coordinates.map(function (p) { return p.map(flatRing); }) };
  }
  return g;
}

export function drawOutlines(topo) {
  const object = topo.objects.countries || topo.objects[Object.keys(topo.objects)[0]];
  const land = topojson.feature(topo, object);
  land.features.forEach(function (f) { f.geometry = flatGeometry(f.geometry); });
  L.geoJSON(land, {
    pane: "land", interactive: false, renderer: L.canvas({ pane: "land", padding: 0.5 }),
    style: { color: "#b9bdbf", weight: 0.7, fillColor: "#eeeeea", fillOpacity: 1 }
  }).addTo(map);
}

// ---------------------------------------------------------------- place labels

let labelSeq = 0, labelTimer = null;

/** The view's box as the labels request it (also on the body once its labels are drawn). */
export function labelBox() {
  const b = map.getBounds();
  const clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -85, 85),
    clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -85, 85)].map(function (v) { return v.toFixed(3); });
}

// Label boxes in container pixels, as the CSS draws them: the dot 3 px left of the point, the
// name after 7 px of padding, vertically centred; measured with a canvas in the label's font.
const LABEL_HEIGHT = 14, LABEL_GAP = 2;
let measure = null;

function labelWidth(text, capital) {
  if (!measure) measure = document.createElement("canvas").getContext("2d");
  const font = window.getComputedStyle(document.body).fontFamily;
  measure.font = (capital ? "650 12px " : "11px ") + font;
  return 7 + measure.measureText(text).width;
}

function overlaps(a, b) {
  return a[0] < b[2] + LABEL_GAP && b[0] < a[2] + LABEL_GAP && a[1] < b[3] + LABEL_GAP && b[1] < a[3] + LABEL_GAP;
}

/** The places whose labels fit: largest first, each skipped when its box overlaps the box of a
 * larger place already placed (world zoom puts towns of neighbouring cells on top of each other). */
export function placeLabels(places) {
  const placed = [], boxes = [];
  places.slice().sort(function (a, b) { return (b.population || 0) - (a.population || 0); }).forEach(function (p) {
    const pt = map.latLngToContainerPoint([p.lat, p.lon]);
    const w = labelWidth(p.name, p.kind === "PPLC");
    const box = [pt.x - 3, pt.y - LABEL_HEIGHT / 2, pt.x - 3 + w, pt.y + LABEL_HEIGHT / 2];
    if (boxes.some(function (b) { return overlaps(box, b); })) return;
    boxes.push(box);
    placed.push(p);
  });
  return placed;
}

/** Fetch the largest towns of the view (one per ~130 px square) and draw those that fit as labels. */
function refreshLabels() {
  const box = labelBox();
  const cell = Math.min(180, (LABEL_CELL_PX * 360) / (256 * Math.pow(2, map.getZoom())));
  const seq = ++labelSeq;
  const q = new URLSearchParams({ bbox: box.join(","), limit: String(LABEL_MAX), cell: cell.toFixed(4) });
  getJSON("api/places?" + q.toString()).then(function (data) {
    if (seq !== labelSeq) return;
    labels.clearLayers();
    const names = [];
    const all = (data && data.places) || [];
    const shown = placeLabels(all);
    document.body.dataset.labelsSkipped = all.filter(function (p) { return shown.indexOf(p) < 0; })
      .map(function (p) { return p.name; }).join("|");
    shown.forEach(function (p) {
      const capital = p.kind === "PPLC";
      const icon = L.divIcon({
        className: "place-label" + (capital ? " capital" : ""), iconSize: null,
        html: el("span", { text: p.name, title: p.name + " · " + fmt(p.population) + " people" })
      });
      labels.addLayer(L.marker([p.lat, p.lon], { icon: icon, pane: "labels", interactive: false, keyboard: false }));
      names.push(p.name);
    });
    document.body.dataset.labels = names.join("|");
    document.body.dataset.labelsZoom = String(map.getZoom());
    document.body.dataset.labelsBox = box.join(",");
  }).catch(function () { labels.clearLayers(); });  // labels are a nicety: no labels, no error
}

export function startLabels() {
  map.on("moveend", function () {
    window.clearTimeout(labelTimer);
    labelTimer = window.setTimeout(refreshLabels, 120);
  });
  refreshLabels();
}

// ---------------------------------------------------------------- legend and markers

export function drawLegend(counts) {
  const div = legend.getContainer();
  const wasOpen = div.querySelector("details") ? div.querySelector("details").open : !window.matchMedia(SMALL_SCREEN).matches;
  clear(div);
  const items = EVENT_TYPES.slice();
  if (counts[OTHER_TYPE]) items.push([OTHER_TYPE, OTHER_COLOR]);
  const details = el("details", null, [
    el("summary", { text: "Event types" }),
    el("ul", null, items.map(function (it) {
      return el("li", null, [el("span", { className: "swatch", style: "background:" + it[1] }), it[0],
        el("span", { className: "n", text: fmt(counts[it[0]] || 0) })]);
    })),
    el("p", { className: "note", text: "Circle size grows with fatalities; clusters show the share of each type." })
  ]);
  details.open = wasOpen;
  div.appendChild(details);
}

function markerFor(feature) {
  const p = feature.properties || {};
  const c = feature.geometry.coordinates;
  const f = Number(p.fatalities) > 0 ? Number(p.fatalities) : 0;
  const on = p.event_id === selectedId;
  const rejected = isRejected(p);
  const m = L.circleMarker([c[1], c[0]], {
    radius: 5 + Math.min(9, Math.sqrt(f) * 1.6), color: on ? "#111111" : rejected ? REJECTED_STROKE : "#ffffff",
    weight: on ? 3 : rejected ? 1.6 : 1.2,
    fillColor: colorOf(p), fillOpacity: rejected ? 0.25 : p.hedged ? 0.55 : 0.88,
    dashArray: rejected ? "3,3" : p.hedged ? "2,2" : null,
    className: markerClass(p, on)
  });
  m.event = p;
  m.on("click", function () { if (!picking) markerClick(p.event_id); });
  markersById[p.event_id] = m;
  return m;
}

/** Replace the markers; resolves once markercluster has placed them all. */
export function renderEvents(features) {
  const counts = {};
  features.forEach(function (f) { const t = typeOf(f.properties || {}); counts[t] = (counts[t] || 0) + 1; });
  drawLegend(counts);
  clusters.clearLayers();
  markersById = {};
  const markers = features.filter(function (f) { return f.geometry && f.geometry.type === "Point"; }).map(markerFor);
  if (markers.length) {
    const bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
    const legendWidth = legend.getContainer().offsetWidth || 0;
    const right = map.getSize().x > 3 * legendWidth ? legendWidth + 30 : 40;
    map.fitBounds(bounds, { paddingTopLeft: [40, 40], paddingBottomRight: [right, 40], maxZoom: 7, animate: false });
  } else {
    map.setView([15, 10], 2, { animate: false });
  }
  return new Promise(function (resolve) {
    onLoaded = function () { document.body.dataset.markers = String(markers.length); resolve(); };
    clusters.addLayers(markers);
    if (!markers.length && onLoaded) { const cb = onLoaded; onLoaded = null; cb(); }
  });
}

function isRejected(p) { return !!(p.review && p.review.status === "rejected"); }

function markerClass(p, on) {
  return "event-marker" + (isRejected(p) ? " rejected" : "") + (on ? " selected" : "");
}

function styleMarker(m, on) {
  const rejected = isRejected(m.event || {});
  m.setStyle({ color: on ? "#111111" : rejected ? REJECTED_STROKE : "#ffffff", weight: on ? 3 : rejected ? 1.6 : 1.2 });
  m.options.className = markerClass(m.event || {}, on);  // kept when re-added
  const path = m.getElement && m.getElement();
  if (path) path.classList.toggle("selected", on);
  if (on && path) m.bringToFront();
}

/** Highlight the marker of ``id`` (none: null); ``reveal`` opens its cluster and pans to it. */
export function highlightMarker(id, reveal) {
  if (selectedId && markersById[selectedId]) styleMarker(markersById[selectedId], false);
  selectedId = id;
  const m = id ? markersById[id] : null;
  document.body.dataset.highlight = m ? "" : id || "";  // an event without a place has no marker
  if (!m) return;
  styleMarker(m, true);
  const done = function () { styleMarker(m, true); document.body.dataset.highlight = id; };
  if (reveal && clusters.hasLayer(m)) clusters.zoomToShowLayer(m, done); else done();
}

export function markers() { return markersById; }

// ---------------------------------------------------------------- picking a point (review)

/** Pick mode: the next click on the map calls ``onPick(latlng)`` (markers do not open events). */
export function startPick(onPick) {
  stopPick();
  picking = function (e) { const cb = onPick; stopPick(); cb(e.latlng); };
  map.on("click", picking);
  map.getContainer().classList.add("picking");
}

export function stopPick() {
  if (picking) map.off("click", picking);
  picking = null;
  if (map) map.getContainer().classList.remove("picking");
}

/** Show the picked point (null: remove it). */
export function showPick(latlng) {
  if (pickMarker) { map.removeLayer(pickMarker); pickMarker = null; }
  if (!latlng) return;
  pickMarker = L.circleMarker(latlng, {
    radius: 8, color: "#111111", weight: 2.5, fillColor: "#ffffff", fillOpacity: 0.9, interactive: false,
    className: "pick-marker"
  }).addTo(map);
}
