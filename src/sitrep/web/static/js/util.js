/* Small helpers shared by the dashboard's modules: DOM building (text only, never innerHTML),
 * numbers, ISO dates, event-type colours and JSON fetching. */

// ACLED event types, in ACLED's order, with colours that stay apart for common colour-blindness.
export const EVENT_TYPES = [
  ["Battles", "#c0392b"],
  ["Explosions/Remote violence", "#e67e22"],
  ["Violence against civilians", "#8e44ad"],
  ["Protests", "#2e86c1"],
  ["Riots", "#d4ac0d"],
  ["Strategic developments", "#229954"]
];
export const OTHER_TYPE = "Other";
export const OTHER_COLOR = "#7f8c8d";
const COLORS = {};
EVENT_TYPES.forEach(function (t) { COLORS[t[0]] = t[1]; });

export const $ = function (id) { return document.getElementById(id); };

/** Create an element; children are nodes or strings (strings become text nodes). */
export function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (k) {
    if (k === "text") node.textContent = props[k];
    else if (k === "className") node.className = props[k];
    else node.setAttribute(k, props[k]);
  });
  (children || []).forEach(function (c) {
    if (c === null || c === undefined || c === "") return;
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return node;
}

export function svgEl(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  return node;
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

export function colorOfType(t) { return COLORS[t] || OTHER_COLOR; }
export function colorOf(p) { return colorOfType(p.event_type); }
export function typeOf(p) { return COLORS[p.event_type] ? p.event_type : OTHER_TYPE; }

/** A count in plain digits with thin grouping ("1,234"); "–" when the API did not give it. */
export function fmt(n) {
  return n === null || n === undefined || n === "" || isNaN(Number(n)) ? "–" : Number(n).toLocaleString("en");
}

export function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }

const ISO_DAY = /^\d{4}-\d\d-\d\d$/;

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(s) {
  if (!ISO_DAY.test(s || "")) return false;
  const d = new Date(s + "T00:00:00Z");
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A date or timestamp as the API gives it, shown ISO: "2013-01-20", "2013-01-21 08:00". */
export function isoDate(v) {
  if (v === null || v === undefined || v === "") return "";
  const s = String(v);
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d))?/.exec(s);
  if (m) return m[2] && m[2] !== "00:00" ? m[1] + " " + m[2] : m[1];
  const d = new Date(s);
  return isNaN(d.getTime()) ? s : d.toISOString().slice(0, 10);
}

let regionNames = null;
try { regionNames = new Intl.DisplayNames(["en"], { type: "region" }); } catch (e) { regionNames = null; }

export function countryName(code) {
  if (!code) return "";
  if (regionNames) {
    try {
      const name = regionNames.of(String(code).toUpperCase());
      if (name && name !== code) return name + " (" + code + ")";
    } catch (e) { /* not a region code */ }
  }
  return String(code);
}

/** Whether an analyst is signed in in this tab (``auth.js`` keeps the token there): their
 * reads ask for the current answer, never one the server may send for a few seconds after
 * the events change (a review they just made shows at once). */
function signedIn() {
  try { return Boolean(window.sessionStorage.getItem("sitrep.review.token")); } catch (e) { return false; }
}

export function getJSON(url) {
  const mode = signedIn() ? "no-cache" : "default";
  return fetch(url, { headers: { Accept: "application/json" }, cache: mode }).then(function (resp) {
    return resp.json().catch(function () { return null; }).then(function (data) {
      if (!resp.ok) throw new Error(data && data.error ? data.error : resp.status + " " + resp.statusText);
      return data;
    });
  });
}
