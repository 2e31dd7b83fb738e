/* sitrep dashboard (entry module).
 *
 * Reads only the public API: /api/stats (totals, choices, histogram), /api/events (map, list and
 * the export links), /api/events/{id} (panel), /api/articles/{doc_id} (evidence in context),
 * /api/places (place labels), /api/feeds, plus the vendored country outlines. No tile layer.
 * The review desk (signed in with the server's token) also calls /api/reviews (the sign-in
 * check), /api/taxonomy, /api/places/search and POST /api/events/{id}/review.
 * All text from the data goes through textContent / DOM attributes, never innerHTML.
 * Modules: js/util.js (helpers), js/filters.js (form and query), js/map.js (map, clusters, labels),
 * js/list.js (list and keyboard), js/panel.js (event detail), js/timeline.js (histogram),
 * js/auth.js (review sign-in), js/review.js (the review desk), js/typeahead.js (place search).
 */
import { $, el, fmt, getJSON, isoDate } from "./js/util.js";
import {
  activeCount, apiQuery, clearFilters, currentFilters, fillChoices, pageQuery, restoreFilters, watchFilters
} from "./js/filters.js";
import { createMap, drawOutlines, highlightMarker, labelBox, markers, renderEvents, startLabels } from "./js/map.js";
import { initList, markSelected, renderList } from "./js/list.js";
import { panelMessage, renderPanel } from "./js/panel.js";
import { drawHistogram, initTimeline, renderHistogram } from "./js/timeline.js";
import { initAuth, onAuthChange } from "./js/auth.js";
import { cancelMode, inMergeMode, initReview, takeSelection } from "./js/review.js";

const MAX_EVENTS = 10000;  // the API's largest page: the map, the list and the downloads
const OUTLINES_URL = "static/vendor/world-atlas/countries-50m.json";
const EXPORTS = { csv: "csv", geojson: "geojson", parquet: "parquet" };
const SMALL_SCREEN = "(max-width: 600px)";

const body = document.body;
const panel = $("panel");
let selected = null;
let started = false;
let loadSeq = 0;

function notice(message, isError) {
  const box = $("notice");
  box.textContent = message;
  box.className = isError ? "notice error" : "notice";
  box.hidden = !message;
}

function setState(state) {
  body.dataset.state = state;
  $("list-wrap").setAttribute("aria-busy", state === "loading" ? "true" : "false");
}

function syncUrl() {
  const q = pageQuery(currentFilters());
  if (selected) q.set("event", selected);
  const s = q.toString();
  history.replaceState(null, "", s ? "?" + s : location.pathname);
}

// ---------------------------------------------------------------- selection

function highlight(id, reveal) {
  markSelected(id);
  highlightMarker(id, reveal);
}

/** Select ``id`` and open its detail panel (in merge mode: ``id`` is the event to merge with). */
function select(id) {
  if (takeSelection(id)) return Promise.resolve(null);
  selected = id;
  highlight(id, true);
  syncUrl();
  const opening = panel.hidden;
  panel.hidden = false;
  // On a phone the panel sits above the list, off screen: bring it up (not while arrowing through).
  if (opening && window.matchMedia(SMALL_SCREEN).matches) panel.scrollIntoView({ block: "start" });
  body.dataset.panel = "loading";
  panelMessage("Loading…");
  return getJSON("api/events/" + encodeURIComponent(id)).then(function (ev) {
    if (selected !== id) return null;
    return renderPanel(ev);
  }).then(function () {
    if (selected === id) body.dataset.panel = "ready";
  }).catch(function (err) {
    panelMessage("Could not load the event: " + err.message, true);
    body.dataset.panel = "error";
  });
}

/** Move the selection (arrow keys): highlight it, and follow it in the panel when that is open. */
function move(id) {
  if (inMergeMode()) { highlight(id, true); return; }  // Enter chooses it
  if (!panel.hidden) { select(id); return; }
  selected = id;
  highlight(id, true);
  syncUrl();
}

/** Open event ``ev`` as the API gave it (after a review: its id may have changed). */
function show(ev) {
  selected = ev.event_id;
  highlight(selected, true);
  syncUrl();
  panel.hidden = false;
  body.dataset.panel = "loading";
  return renderPanel(ev).then(function () {
    if (selected !== ev.event_id) return;
    body.dataset.panel = "ready";
    const news = $("review-flash");
    if (news) news.focus({ preventScroll: false });
  });
}

/** After a review: the map, list and totals again, then the event as it now stands. */
function reviewed(ev) {
  return reload(true).then(function () {
    if (ev) return show(ev);
    closePanel();
    return null;
  });
}

function closePanel() {
  cancelMode();
  selected = null;
  panel.hidden = true;
  body.dataset.panel = "";
  highlight(null, false);
  syncUrl();
}

// ---------------------------------------------------------------- totals, exports, empty state

/** Located events as GeoJSON-like features; the others are counted as skipped. */
function asFeatures(events) {
  const features = [];
  events.forEach(function (e) {
    if (e.latitude === null || e.latitude === undefined || e.longitude === null || e.longitude === undefined) return;
    features.push({ type: "Feature", geometry: { type: "Point", coordinates: [e.longitude, e.latitude] }, properties: e });
  });
  return features;
}

function renderTotals(stats, events, located, total) {
  const n = stats && stats.events !== undefined ? stats.events : total;
  $("total-events").textContent = fmt(n);
  $("total-events-label").textContent = Number(n) === 1 ? " event" : " events";
  const dead = stats ? stats.fatalities : undefined;
  $("total-fatalities").textContent = fmt(dead);
  $("total-fatalities-label").textContent = Number(dead) === 1 ? " fatality" : " fatalities";
  const bits = [fmt(located) + " on the map"];
  if (events.length > located) bits.push(fmt(events.length - located) + " without coordinates");
  if ((total || events.length) > events.length) bits.push("first " + fmt(events.length) + " loaded");
  $("count-extra").textContent = " · " + bits.join(", ");
}

function updateExports(f) {
  Object.keys(EXPORTS).forEach(function (format) {
    const a = $("export-" + format);
    a.href = "api/events?" + apiQuery(f, { limit: String(MAX_EVENTS), format: format });
    a.setAttribute("download", "sitrep-events." + EXPORTS[format]);
    a.title = "The events that match the filters (up to " + fmt(MAX_EVENTS) + "), as " + a.textContent;
  });
}

/** The situation report links: shown once a country is chosen (with the admin area, when one
 * is typed), over the filters' dates or else the last 7 days. */
function updateReport(f) {
  const box = $("report-links");
  box.hidden = !f.country;
  if (!f.country) return;
  const q = { region: f.admin1 ? f.country + "." + f.admin1 : f.country, since: f.since || "7d" };
  if (f.until) q.until = f.until;
  ["html", "pdf"].forEach(function (format) {
    const a = $("report-" + format);
    a.href = "api/report?" + new URLSearchParams(Object.assign({ format: format }, q)).toString();
    a.title = "A situation report of " + q.region + " (" + format.toUpperCase() + "): summary, map, timeline, key events with their evidence";
  });
}

function renderEmpty(nEvents, f) {
  const box = $("empty");
  box.hidden = nEvents > 0;
  const filtered = activeCount(f) > 0;
  $("empty-text").textContent = filtered ? "No events match these filters." : "No events in this store yet.";
  $("empty-clear").hidden = !filtered;
  const badge = $("filters-active");
  badge.textContent = activeCount(f) ? String(activeCount(f)) : "";
  badge.hidden = !activeCount(f);
}

// ---------------------------------------------------------------- loading

/** Fetch events and totals (and the histogram unless only the range changed) for the filters. */
function reload(withHistogram) {
  const seq = ++loadSeq;
  const f = currentFilters();
  syncUrl();
  updateExports(f);
  updateReport(f);
  setState("loading");
  const current = function () { return seq === loadSeq; };
  const jobs = [
    getJSON("api/events?" + apiQuery(f, { limit: String(MAX_EVENTS) })),
    getJSON("api/stats?" + apiQuery(f))
  ];
  const noDates = !f.since && !f.until;
  if (withHistogram !== false) jobs.push(noDates ? jobs[1] : getJSON("api/stats?" + apiQuery(f, null, false)));
  return Promise.all(jobs).then(function (res) {
    if (!current()) return null;
    const events = res[0].events || [];
    const features = asFeatures(events);
    renderTotals(res[1], events, features.length, res[0].total);
    renderList(events, res[0].total);
    renderEmpty(events.length, f);
    if (res[2]) renderHistogram(res[2].by_day); else drawHistogram();
    highlight(selected, false);
    return renderEvents(features).then(function () { if (current()) highlight(selected, false); });
  }).then(function () {
    if (!current()) return;
    notice("");
    if (started) setState("ready");
  }).catch(function (err) { if (current()) fail(err); });
}

function fail(err) {
  setState("error");
  notice("Could not load events: " + (err && err.message ? err.message : String(err)), true);
  $("total-events").textContent = "–";
  $("count-extra").textContent = " · not loaded";
}

// Feed health (``sitrep watch``): one line per feed, shown only when the store watches some.
function renderFeeds(data) {
  const feeds = (data && data.feeds) || [];
  const box = $("feeds");
  if (!feeds.length) { box.hidden = true; return; }
  const lat = data.latency || {};
  $("feeds-note").textContent = "(" + feeds.length + ")" +
    (lat.p95_s === null || lat.p95_s === undefined ? "" : " · p95 " + Math.round(lat.p95_s) + " s to stored");
  const list = $("feeds-list");
  list.textContent = "";
  feeds.forEach(function (fd) {
    const state = fd.failures ? "failing ×" + fd.failures + ": " + (fd.last_error || fd.last_status) : (fd.last_status || "not polled yet");
    list.appendChild(el("li", { className: fd.failures ? "feed bad" : "feed" }, [
      el("div", { text: fd.title || fd.url }),
      el("div", { className: "meta", text: [state, "last poll " + (isoDate(fd.last_polled) || "never"),
        fd.stored + " stored", fd.rejected + " rejected"].join(" · ") })
    ]));
  });
  box.hidden = false;
}

function wire() {
  watchFilters(reload);
  initTimeline(reload);
  initList(select, move);
  const form = $("filters");
  form.addEventListener("submit", function (e) { e.preventDefault(); reload(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { reload(true); }, 0); });
  $("empty-clear").addEventListener("click", function () { clearFilters(); reload(true); });
  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    if (cancelMode()) return;  // leave merge or pick mode first
    // Escape in the review form or the reason keeps the panel (and what was typed) open.
    if (e.target && e.target.closest && e.target.closest("#panel form, #panel textarea, #signin")) return;
    if (!panel.hidden) closePanel();
  });
  initAuth();
  initReview(reviewed);
  onAuthChange(function () { if (selected && !panel.hidden) select(selected); });
  if (window.matchMedia(SMALL_SCREEN).matches) $("filters-box").open = false;
}

function start() {
  if (!window.L || !L.markerClusterGroup || !window.topojson) {
    setState("error");
    $("count-extra").textContent = "Map unavailable";
    notice("The map assets are not installed. Run `bash scripts/install_web.sh` (or `make install`) and reload.", true);
    return;
  }
  const made = createMap(select);
  window.sitrep = {
    map: made.map, clusters: made.clusters, select: select, markers: markers, reload: reload,
    labelBox: function () { return labelBox().join(","); }
  };
  wire();
  const params = new URLSearchParams(location.search);
  const outlines = getJSON(OUTLINES_URL).then(drawOutlines).catch(function (err) {
    notice("Country outlines could not be loaded (" + err.message + "); markers are still shown.", false);
  });
  clearFilters();
  const first = getJSON("api/stats?" + apiQuery(currentFilters())).then(function (st) {
    fillChoices(st);
    restoreFilters(params);
    return reload(true);
  });
  getJSON("api/feeds").then(renderFeeds).catch(function () { /* no feeds route: an older server */ });
  Promise.all([outlines, first]).then(function () {
    started = true;
    if (body.dataset.state !== "error") setState("ready");
    startLabels();
    if (params.get("event")) select(params.get("event"));
  }).catch(fail);
}

start();
