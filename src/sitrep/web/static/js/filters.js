/* The filter form: its fields, the API query string they make, the page URL, and the choices
 * (select options, typeahead lists) filled from /api/stats. Empty filters are never sent: the API
 * answers 400 to unknown or empty parameters. */

import { $, EVENT_TYPES, countryName, fmt, isIsoDay } from "./util.js";

// Form fields; each is also the API's query parameter of the same name.
export const FILTER_KEYS = [
  "country", "type", "sub_type", "admin1", "actor", "text", "since", "until",
  "min_confidence", "hedged", "background", "review"
];
const TYPED = ["admin1", "actor", "text"];   // free text, any value valid: reload after a pause
const DEFAULTS = { background: "false" };  // background events hidden unless asked for (review: rejected hidden)
const TYPEAHEAD_MAX = 300;

export const inputs = {};
FILTER_KEYS.forEach(function (k) { inputs[k] = $("f-" + k); });

/** The form's values, trimmed; dates only when they are real YYYY-MM-DD days. */
export function currentFilters() {
  const f = {};
  FILTER_KEYS.forEach(function (k) { f[k] = (inputs[k].value || "").trim(); });
  ["since", "until"].forEach(function (k) {
    const bad = f[k] !== "" && (!isIsoDay(f[k]) || (k === "until" && f.since !== "" && f[k] < f.since));
    inputs[k].setAttribute("aria-invalid", bad ? "true" : "false");
    if (bad) f[k] = "";  // the API would refuse it (400): leave it out and show it in red
  });
  return f;
}

/** The API query for filters ``f`` (without the dates when ``dates`` is false), plus ``extra``. */
export function apiQuery(f, extra, dates) {
  const q = new URLSearchParams();
  FILTER_KEYS.forEach(function (k) {
    if (!f[k] || (dates === false && (k === "since" || k === "until"))) return;
    if (k === "background" && f[k] === "all") return;  // omitted: background and current alike
    q.set(k, f[k]);
  });
  Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
  return q.toString();
}

/** The page's own query string: the filters that differ from their defaults. */
export function pageQuery(f) {
  const q = new URLSearchParams();
  FILTER_KEYS.forEach(function (k) { if (f[k] && f[k] !== (DEFAULTS[k] || "")) q.set(k, f[k]); });
  return q;
}

/** How many filters differ from their defaults (shown on the collapsed filter box). */
export function activeCount(f) {
  return FILTER_KEYS.filter(function (k) { return f[k] && f[k] !== (DEFAULTS[k] || ""); }).length;
}

/** Put the page URL's filters into the form (a select keeps its default for an unknown value). */
export function restoreFilters(params) {
  FILTER_KEYS.forEach(function (k) {
    const want = params.get(k) || DEFAULTS[k] || "";
    inputs[k].value = want;
    if (inputs[k].value !== want) inputs[k].value = DEFAULTS[k] || "";
  });
}

export function clearFilters() {
  FILTER_KEYS.forEach(function (k) { inputs[k].value = DEFAULTS[k] || ""; });
}

function fillSelect(select, counts, label, order) {
  const keep = select.value;
  while (select.options.length > 1) select.remove(1);
  const keys = Object.keys(counts || {}).filter(function (k) { return k && k !== "?"; });
  keys.sort(order);
  keys.forEach(function (k) { select.add(new Option(label(k) + " (" + fmt(counts[k]) + ")", k)); });
  select.value = keep;
  if (select.value !== keep) select.value = "";
}

function fillList(id, counts) {
  const list = $(id);
  while (list.firstChild) list.removeChild(list.firstChild);
  Object.keys(counts || {}).filter(function (k) { return k && k !== "?"; })
    .sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); })
    .slice(0, TYPEAHEAD_MAX)
    .forEach(function (k) {
      const o = document.createElement("option");
      o.value = k;
      o.label = fmt(counts[k]) + (counts[k] === 1 ? " event" : " events");
      list.appendChild(o);
    });
}

/** Country, type and sub-type choices (from a list: the API refuses unknown names), and the
 * typeahead lists of admin areas and actors. */
export function fillChoices(stats) {
  fillSelect(inputs.country, stats.by_country, countryName, function (a, b) {
    return countryName(a).localeCompare(countryName(b));
  });
  const order = EVENT_TYPES.map(function (t) { return t[0]; });
  fillSelect(inputs.type, stats.by_type, function (v) { return v; }, function (a, b) {
    const ia = order.indexOf(a), ib = order.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  fillSelect(inputs.sub_type, stats.by_sub_type, function (v) { return v; }, function (a, b) {
    return a.localeCompare(b);
  });
  fillList("dl-admin1", stats.by_admin1);
  fillList("dl-actor", stats.by_actor);
}

/** Call ``reload(withHistogram)`` when a filter changes (typing waits for a pause; a date waits
 * until it is a whole YYYY-MM-DD day or empty). */
export function watchFilters(reload) {
  let timer = null;
  FILTER_KEYS.forEach(function (k) {
    const dates = k === "since" || k === "until";
    if (TYPED.indexOf(k) < 0 && !dates) {
      inputs[k].addEventListener("change", function () { reload(true); });
      return;
    }
    inputs[k].addEventListener("input", function () {
      window.clearTimeout(timer);
      const v = inputs[k].value.trim();
      if (dates && v !== "" && !isIsoDay(v)) {
        inputs[k].setAttribute("aria-invalid", "true");
        return;
      }
      timer = window.setTimeout(function () { reload(!dates); }, 300);
    });
  });
}
