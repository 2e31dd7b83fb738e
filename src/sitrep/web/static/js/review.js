/* The review desk in the event panel: the event's verdict and latest reviewer, a required reason,
 * and the actions (POST /api/events/{id}/review with the signed-in analyst's token):
 *   Confirm and Reject at once; Correct through a form prefilled with the event's values (only
 *   changed fields are sent; the place from the gazetteer typeahead, or a point picked on the
 *   map); Merge with the next event clicked in the list or on the map, after a confirmation
 *   showing both; Split off one source (its button sits on the source, ``splitButton``).
 * Errors are listed next to the form (each bad field marked); 401/403 say what they mean. */

import { $, clear, countryName, el, fmt, getJSON, isoDate } from "./util.js";
import { authMessage, authorised, openForm, session, signOut } from "./auth.js";
import { showPick, startPick, stopPick } from "./map.js";
import { placeTypeahead } from "./typeahead.js";

const VERB = { confirm: "Confirmed", correct: "Corrected", merge: "Merged", split: "Split", reject: "Rejected" };
const TIME_PRECISION = [["1", "the day"], ["2", "within a week"], ["3", "the month only"]];
const GEO_PRECISION = [["1", "exact place"], ["2", "near the place"], ["3", "region"]];
const TEXT_FIELDS = ["actor1", "actor2", "location", "admin1", "country"];
const TOLL_FIELDS = ["fatalities", "fatalities_low", "fatalities_high"];
const SMALL_SCREEN = "(max-width: 600px)";

let current = null;   // the event in the panel
let done = function () {};
let mode = null;      // null, "merge" (the next event chosen is the other) or "pick" (a point on the map)
let flash = null;     // {text, error}: shown once in the next review section
let taxonomy = null;  // the promise of /api/taxonomy
let correcting = null;  // the open correct form's state: {orig, picked, inputs}

/** ``onDone(event, oldId)`` runs after a review is kept (``event``: the event as it now stands);
 * it may return a promise of the page being redrawn. */
export function initReview(onDone) {
  done = onDone;
  $("modebar-cancel").addEventListener("click", function () { cancelMode(); });
}

function str(v) { return v === null || v === undefined ? "" : String(v); }

function setMode(m, text) {
  mode = m;
  $("modebar").hidden = !m;
  $("modebar-text").textContent = text || "";
  document.body.dataset.mode = m || "";
}

/** Leave merge or pick mode; true when one was on (Escape's first job). */
export function cancelMode() {
  if (!mode) return false;
  const was = mode;
  stopPick();
  setMode(null);
  if (was === "merge" && $("review-work")) { clear($("review-work")); expanded(null); }
  return true;
}

export function inMergeMode() { return mode === "merge"; }

// ---------------------------------------------------------------- the section

function statusLine(ev) {
  const r = ev.review;
  const status = r && r.status ? r.status : "unreviewed";
  const parts = [el("span", { className: "rbadge rbadge-" + status, text: status })];
  if (r) {
    parts.push(" by ", el("strong", { className: "reviewer", text: r.reviewer || "?" }),
      " · " + (isoDate(r.at) || "?") + " UTC");
    if (r.reason) parts.push(" · ", el("q", { className: "why", text: r.reason }));
  }
  return el("p", { className: "review-state", id: "review-state" }, parts);
}

function button(text, onClick, extra) {
  const b = el("button", Object.assign({ type: "button", className: "btn" }, extra || {}), [text]);
  b.addEventListener("click", onClick);
  return b;
}

/** The panel's review section for event ``ev``. */
export function reviewSection(ev) {
  current = ev;
  correcting = null;
  if (mode) cancelMode();
  showPick(null);
  const box = el("section", { className: "review", id: "review", "aria-labelledby": "review-title",
    "data-id": ev.event_id, "data-status": ev.review && ev.review.status ? ev.review.status : "unreviewed" }, [
    el("h3", { id: "review-title", text: "Review" }), statusLine(ev)
  ]);
  if (flash) {
    box.appendChild(el("p", { className: flash.error ? "review-flash error" : "review-flash", id: "review-flash",
      role: flash.error ? "alert" : "status", tabindex: "-1", text: flash.text }));
    flash = null;
  }
  const who = session();
  if (!who) {
    box.appendChild(el("p", { className: "hint review-hint",
      text: "Sign in to confirm, correct, merge, split or reject this event." }));
    box.appendChild(button("Sign in to review", function () { openForm(); }, { id: "review-signin" }));
    return box;
  }
  const rejected = ev.review && ev.review.status === "rejected";
  box.appendChild(el("label", { className: "fld wide", for: "review-reason" }, [
    el("span", { text: "Reason (required), as " + who.name })]));
  const reason = el("textarea", { id: "review-reason", rows: "2", maxlength: "2000", required: "required",
    placeholder: "why: e.g. the ministry's toll, a drill not a clash" });
  reason.addEventListener("input", function () { fixed(reason); });
  box.appendChild(reason);
  box.appendChild(el("div", { className: "review-actions", role: "group", "aria-label": "Review actions" }, [
    button(rejected ? "Confirm (restore)" : "Confirm", function () { send({ action: "confirm" }); },
      { id: "review-confirm" }),
    button("Correct…", openCorrect, { id: "review-correct", "aria-expanded": "false", "aria-controls": "review-work" }),
    button("Merge with…", startMerge, { id: "review-merge", "aria-expanded": "false", "aria-controls": "review-work" }),
    button("Reject", function () { send({ action: "reject" }); }, { id: "review-reject", className: "btn danger" })
  ]));
  if ((ev.sources || []).length > 1) {
    box.appendChild(el("p", { className: "hint", text: "To split, use “Split off” on one of the sources below." }));
  }
  box.appendChild(el("div", { id: "review-work" }));
  box.appendChild(el("div", { className: "review-msg", id: "review-msg", role: "alert" }));
  return box;
}

function expanded(which) {
  ["correct", "merge"].forEach(function (k) {
    const b = $("review-" + k);
    if (b) b.setAttribute("aria-expanded", which === k ? "true" : "false");
  });
  $("panel").classList.toggle("editing", which === "correct");
}

// ---------------------------------------------------------------- sending

function showErrors(lines, head) {
  const box = $("review-msg");
  if (!box) return;
  clear(box);
  box.className = "review-msg error";
  if (head) box.appendChild(el("p", { text: head }));
  box.appendChild(el("ul", null, lines.map(function (t) { return el("li", { text: t }); })));
  document.querySelectorAll("#review [aria-invalid=true]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
  lines.forEach(function (t) {
    const name = t.split(":")[0].trim();
    const ids = name === "reason" ? ["review-reason"] : name.indexOf("latitude") === 0 ? ["c-latitude", "c-longitude"]
      : name === "place" ? ["c-location"] : ["c-" + name];
    ids.forEach(function (id) {
      const input = $(id);
      if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", "review-msg"); }
    });
  });
}

/** An edited field loses its mark; once none is marked, the error list goes too. */
function fixed(input) {
  if (input.getAttribute("aria-invalid") !== "true") return;
  input.removeAttribute("aria-invalid");
  input.removeAttribute("aria-describedby");
  const box = $("review-msg");
  if (box && !document.querySelector("#review [aria-invalid=true]")) { clear(box); box.className = "review-msg"; }
}

function reasonText() {
  const r = $("review-reason");
  const text = r ? r.value.trim() : "";
  if (!text) {
    showErrors(["reason: say why, in a few words (it is kept with the version)"]);
    if (r) r.focus();
    return null;
  }
  return text;
}

function busy(on) {
  const box = $("review");
  if (!box) return;
  box.setAttribute("aria-busy", on ? "true" : "false");
  box.querySelectorAll("button").forEach(function (b) { b.disabled = on; });
}

/** POST one review of the event in the panel; on success hand the new event to ``done``. */
function send(body) {
  const who = session();
  if (!who) { signOut("Sign in to review."); return; }
  const reason = reasonText();
  if (reason === null) return;
  body.reviewer = who.name;
  body.reason = reason;
  const id = current.event_id;
  busy(true);
  document.body.dataset.review = "sending";
  authorised("POST", "api/events/" + encodeURIComponent(id) + "/review", body).then(function (res) {
    busy(false);
    const data = res.data || {};
    if (res.status === 200 && data.ok) {
      cancelMode();
      showPick(null);
      const ev = data.event;
      const n = ev && ev.versions ? ev.versions.length : 0;
      flash = { text: VERB[body.action] + " by " + who.name + (n ? ": kept as version " + n : "") +
        (ev && ev.event_id !== id ? " (its id is now " + ev.event_id + ")" : "") + "." };
      // "saved" once the map, list, totals and the panel show the result
      Promise.resolve(done(ev, id)).then(function () { document.body.dataset.review = "saved"; });
      return;
    }
    document.body.dataset.review = "error";
    const auth = authMessage(res.status);
    if (res.status === 401) {
      flash = { text: auth, error: true };
      signOut(auth);  // the panel is drawn again, signed out, with the message
      return;
    }
    if (auth) { showErrors([auth]); return; }
    if (res.status === 404) {
      showErrors([data.error || "not found"], "This event is no longer in the store (404): reload the page.");
      return;
    }
    const lines = data.errors && data.errors.length ? data.errors : [data.error || "HTTP " + res.status];
    showErrors(lines, "The server refused the review (" + res.status + "):");
  }).catch(function (err) {
    busy(false);
    document.body.dataset.review = "error";
    showErrors([err && err.message ? err.message : String(err)], "Could not send the review:");
  });
}

// ---------------------------------------------------------------- correct

function loadTaxonomy() {
  if (!taxonomy) {
    taxonomy = getJSON("api/taxonomy").then(function (d) { return d.event_types || []; })
      .catch(function () { taxonomy = null; return []; });
  }
  return taxonomy;
}

function textInput(id, value, extra) {
  return el("input", Object.assign({ id: id, type: "text", value: value, maxlength: "200", autocomplete: "off" },
    extra || {}));
}

function select(id, options, value) {
  const s = el("select", { id: id }, options);
  s.value = value;
  return s;
}

function field(label, input, cls) {
  return el("label", { className: "fld" + (cls ? " " + cls : "") }, [el("span", { text: label }), input]);
}

function subTypeSelect(tax, value) {
  const groups = tax.map(function (t) {
    return el("optgroup", { label: t.event_type }, t.sub_event_types.map(function (s) {
      return el("option", { value: s, text: s });
    }));
  });
  const known = tax.some(function (t) { return t.sub_event_types.indexOf(value) >= 0; });
  if (value && !known) groups.unshift(el("option", { value: value, text: value }));
  return select("c-sub_event_type", groups, value);
}

function openCorrect() {
  cancelMode();
  const work = $("review-work");
  if (correcting) { clear(work); correcting = null; expanded(null); return; }  // the button toggles
  loadTaxonomy().then(function (tax) { buildCorrect(work, tax); });
}

function buildCorrect(work, tax) {
  const ev = current;
  clear(work);
  const orig = {};
  ["sub_event_type", "date", "time_precision", "geo_precision", "latitude", "longitude"].concat(TEXT_FIELDS, TOLL_FIELDS)
    .forEach(function (k) { orig[k] = str(ev[k]); });
  const num = { inputmode: "numeric", maxlength: "8", size: "6" };
  const inputs = {
    sub_event_type: subTypeSelect(tax, orig.sub_event_type),
    actor1: textInput("c-actor1", orig.actor1, { list: "dl-actor" }),
    actor2: textInput("c-actor2", orig.actor2, { list: "dl-actor" }),
    date: textInput("c-date", orig.date, { inputmode: "numeric", placeholder: "YYYY-MM-DD", maxlength: "10", size: "10" }),
    time_precision: select("c-time_precision", TIME_PRECISION.map(function (o) {
      return el("option", { value: o[0], text: o[0] + " · " + o[1] });
    }), orig.time_precision || "1"),
    fatalities: textInput("c-fatalities", orig.fatalities, num),
    fatalities_low: textInput("c-fatalities_low", orig.fatalities_low, num),
    fatalities_high: textInput("c-fatalities_high", orig.fatalities_high, num),
    location: textInput("c-location", orig.location, { placeholder: "type a town, or pick on the map" }),
    admin1: textInput("c-admin1", orig.admin1, { list: "dl-admin1" }),
    country: textInput("c-country", orig.country, { maxlength: "60", size: "4" }),
    latitude: textInput("c-latitude", orig.latitude, { inputmode: "decimal", maxlength: "12", size: "8" }),
    longitude: textInput("c-longitude", orig.longitude, { inputmode: "decimal", maxlength: "12", size: "8" }),
    geo_precision: select("c-geo_precision", GEO_PRECISION.map(function (o) {
      return el("option", { value: o[0], text: o[0] + " · " + o[1] });
    }), orig.geo_precision || "1")
  };
  correcting = { orig: orig, picked: null, inputs: inputs };
  const list = el("ul", { id: "c-location-list", className: "typeahead" });
  const note = el("p", { className: "hint place-note", id: "c-place-note", "aria-live": "polite" });
  const pickBtn = button("Pick on map", pickOnMap, { id: "c-pick" });
  const form = el("form", { id: "correct-form", className: "correct", novalidate: "novalidate",
    "aria-label": "Correct the event" }, [
    el("fieldset", null, [el("legend", { text: "What" }), field("Sub-event type", inputs.sub_event_type, "wide")]),
    el("fieldset", null, [el("legend", { text: "Who" }), field("Actor 1", inputs.actor1), field("Actor 2", inputs.actor2)]),
    el("fieldset", null, [el("legend", { text: "When" }), field("Date", inputs.date),
      field("Precision", inputs.time_precision)]),
    el("fieldset", { className: "tolls" }, [el("legend", { text: "Fatalities" }), field("Best count", inputs.fatalities),
      field("Low", inputs.fatalities_low), field("High", inputs.fatalities_high),
      el("p", { className: "hint wide", text: "A new best count alone sets low and high to it; empty: unknown." })]),
    el("fieldset", { className: "where" }, [el("legend", { text: "Where" }),
      el("div", { className: "fld wide place" }, [
        el("label", { for: "c-location", text: "Place (gazetteer search)" }),
        el("div", { className: "place-row" }, [el("div", { className: "combo" }, [inputs.location, list]), pickBtn])
      ]),
      note,
      field("Admin area", inputs.admin1), field("Country", inputs.country),
      field("Latitude", inputs.latitude), field("Longitude", inputs.longitude),
      field("Place precision", inputs.geo_precision, "wide")]),
    el("div", { className: "form-buttons" }, [
      el("button", { type: "submit", className: "btn primary", id: "correct-submit", text: "Save correction" }),
      button("Cancel", function () { cancelMode(); showPick(null); clear(work); correcting = null; expanded(null); },
        { id: "correct-cancel" })
    ])
  ]);
  placeTypeahead(inputs.location, list, function (p) { choosePlace(p, note); }, function (t) { note.textContent = t; });
  inputs.location.addEventListener("input", function () {
    const p = correcting && correcting.picked;
    if (p && p.geonameid !== undefined && inputs.location.value.trim() !== p.name) correcting.picked = null;
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submitCorrect(); });
  form.addEventListener("input", function (e) { fixed(e.target); });
  work.appendChild(form);
  expanded("correct");
  inputs.sub_event_type.focus();
}

function setInput(name, value) {
  correcting.inputs[name].value = value;
  correcting.inputs[name].removeAttribute("aria-invalid");
}

/** A gazetteer place: every place field from it (sent as ``place``: the server fills them). */
function choosePlace(p, note) {
  stopPick();
  if (mode === "pick") setMode(null);
  correcting.picked = p;
  setInput("location", p.name);
  setInput("admin1", p.admin1 || "");
  setInput("country", p.country || "");
  setInput("latitude", String(p.lat));
  setInput("longitude", String(p.lon));
  setInput("geo_precision", "1");
  note.textContent = "From the gazetteer: " + [p.name, p.admin1, countryName(p.country)].filter(Boolean).join(", ") +
    " (GeoNames " + p.geonameid + ")" + (p.population ? ", " + fmt(p.population) + " people" : "") + ".";
  showPick([p.lat, p.lon]);
}

function pickOnMap() {
  setMode("pick", "Pick the place: click the map where it happened (Esc cancels).");
  if (window.matchMedia(SMALL_SCREEN).matches) $("map").scrollIntoView({ block: "center" });
  startPick(function (latlng) {
    setMode(null);
    if (!correcting) return;
    const at = latlng.wrap();
    correcting.picked = { point: true };
    setInput("latitude", at.lat.toFixed(4));
    setInput("longitude", at.lng.toFixed(4));
    setInput("geo_precision", "1");
    showPick(at);
    $("c-place-note").textContent = "Point picked at " + at.lat.toFixed(4) + ", " + at.lng.toFixed(4) +
      ": name the place (and its admin area) above.";
    const loc = correcting.inputs.location;
    loc.focus();
    loc.select();
  });
}

function value(name) { return correcting.inputs[name].value.trim(); }

function asNumber(v, whole) {
  if (v === "") return null;
  return (whole ? /^\d+$/ : /^-?\d+(\.\d+)?$/).test(v) ? Number(v) : v;  // the server names a bad value
}

/** Only the fields the analyst changed; a gazetteer place as ``place``. */
function submitCorrect() {
  const orig = correcting.orig;
  const fields = {};
  const changed = function (k) { return value(k) !== orig[k]; };
  ["sub_event_type", "date"].concat(TEXT_FIELDS).forEach(function (k) { if (changed(k)) fields[k] = value(k); });
  ["time_precision", "geo_precision"].forEach(function (k) { if (changed(k)) fields[k] = Number(value(k)); });
  TOLL_FIELDS.forEach(function (k) { if (changed(k)) fields[k] = asNumber(value(k), true); });
  if (changed("latitude") || changed("longitude")) {
    fields.latitude = asNumber(value("latitude"));
    fields.longitude = asNumber(value("longitude"));
  }
  const body = { action: "correct" };
  const p = correcting.picked;
  if (p && p.geonameid !== undefined) {
    body.place = String(p.geonameid);
    const from = { location: p.name, admin1: p.admin1 || "", country: p.country || "", latitude: p.lat,
      longitude: p.lon, geo_precision: 1 };
    Object.keys(from).forEach(function (k) { if (k in fields && String(fields[k]) === String(from[k])) delete fields[k]; });
  }
  if (Object.keys(fields).length) body.fields = fields;
  if (!body.fields && !body.place) {
    showErrors(["fields: nothing changed: edit a field, choose a place or pick one on the map"]);
    return;
  }
  send(body);
}

// ---------------------------------------------------------------- merge and split

function card(ev, title) {
  const place = [ev.location, ev.admin1, countryName(ev.country)].filter(Boolean).join(", ") || "unknown place";
  const n = ev.n_sources || 1;
  return el("div", { className: "card", "data-id": ev.event_id }, [
    el("div", { className: "card-title", text: title }),
    el("div", { className: "what", text: ev.sub_event_type || ev.event_type || "Event" }),
    el("div", { text: (isoDate(ev.date) || "undated") + " · " + place }),
    el("div", { text: "Fatalities: " + (ev.fatalities === null || ev.fatalities === undefined ? "unknown" : fmt(ev.fatalities)) +
      " · " + n + (n === 1 ? " source" : " sources") }),
    el("div", { className: "meta", text: [ev.actor1, ev.actor2].filter(Boolean).join(" vs. ") || "no actors named" }),
    el("div", { className: "meta", text: ev.event_id })
  ]);
}

function startMerge() {
  cancelMode();
  correcting = null;
  showPick(null);
  const work = $("review-work");
  clear(work);
  work.appendChild(el("div", { className: "merge-wait" }, [
    el("p", { id: "merge-hint", text: "Merge: choose the other event in the list or on the map." }),
    button("Cancel", function () { cancelMode(); }, { id: "merge-cancel" })
  ]));
  expanded("merge");
  setMode("merge", "Merge: choose the other event in the list or on the map (Esc cancels).");
}

/** In merge mode, the event chosen in the list or on the map is the other one: ask to confirm. */
export function takeSelection(id) {
  if (mode !== "merge" || !current) return false;
  const work = $("review-work");
  if (id === current.event_id) {
    if ($("merge-hint")) $("merge-hint").textContent = "That is this event: choose another in the list or on the map.";
    return true;
  }
  setMode(null);
  clear(work);
  work.appendChild(el("p", { text: "Loading the other event…" }));
  getJSON("api/events/" + encodeURIComponent(id)).then(function (other) {
    clear(work);
    work.appendChild(el("div", { className: "merge-confirm", id: "merge-confirm" }, [
      el("p", { text: "Merge these two events into one? Their reports stay together from now on." }),
      el("div", { className: "pair" }, [card(current, "This event"), card(other, "The other")]),
      el("div", { className: "form-buttons" }, [
        button("Merge the two", function () { send({ action: "merge", other: other.event_id }); },
          { id: "merge-submit", className: "btn primary" }),
        button("Choose another", startMerge, { id: "merge-again" }),
        button("Cancel", function () { clear(work); expanded(null); }, { id: "merge-cancel" })
      ])
    ]));
    $("merge-submit").focus();
  }).catch(function (err) {
    clear(work);
    showErrors([err.message], "Could not load the other event:");
  });
  return true;
}

/** The "Split off" button of one source (only signed in, and only when the event has several). */
export function splitButton(ev, s) {
  if (!session() || (ev.sources || []).length < 2) return null;
  const label = "Split off the report of " + (s.outlet || s.doc_id) + " (" + s.doc_id + ")";
  return button("Split off", function () { askSplit(s); }, { className: "btn split", "aria-label": label,
    "data-doc": s.doc_id });
}

function askSplit(s) {
  cancelMode();
  correcting = null;
  showPick(null);
  expanded(null);
  const work = $("review-work");
  clear(work);
  const what = (s.outlet || "the source") + " (" + s.doc_id + (s.published ? ", " + isoDate(s.published) : "") + ")";
  work.appendChild(el("div", { className: "split-confirm", id: "split-confirm" }, [
    el("p", { text: "Split the report of " + what + " off into an event of its own?" }),
    el("div", { className: "form-buttons" }, [
      button("Split off", function () { send({ action: "split", source: s.doc_id }); },
        { id: "split-submit", className: "btn primary" }),
      button("Cancel", function () { clear(work); }, { id: "split-cancel" })
    ])
  ]));
  $("review").scrollIntoView({ block: "start" });
  ($("review-reason").value.trim() ? $("split-submit") : $("review-reason")).focus();
}
