/* The time histogram: events per day (per month over two years); drag across it to choose the
 * since/until range. Dates are ISO days throughout (UTC, never the browser's locale). */

import { $, clear, svgEl } from "./util.js";
import { currentFilters, inputs } from "./filters.js";

const svg = $("histogram");
const rangeLabel = $("range-label");
const rangeClear = $("range-clear");
const DAY_MS = 86400000;

let buckets = [];   // [{start, end, n}] in date order: days, or months when the span is long
let drag = null;

function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

export function renderHistogram(byDay) {
  const keys = Object.keys(byDay || {}).filter(function (k) { return /^\d{4}-\d\d-\d\d$/.test(k); }).sort();
  buckets = [];
  if (!keys.length) { drawHistogram(); return; }
  const first = Date.parse(keys[0]), last = Date.parse(keys[keys.length - 1]);
  const monthly = (last - first) / DAY_MS > 730;
  const index = {};
  if (monthly) {
    const d = new Date(first); d.setUTCDate(1);
    while (d.getTime() <= last) {
      const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      index[iso(d.getTime()).slice(0, 7)] = buckets.length;
      buckets.push({ start: iso(d.getTime()), end: iso(next.getTime() - DAY_MS), n: 0 });
      d.setTime(next.getTime());
    }
    keys.forEach(function (k) { buckets[index[k.slice(0, 7)]].n += byDay[k]; });
  } else {
    for (let t = first; t <= last; t += DAY_MS) {
      index[iso(t)] = buckets.length;
      buckets.push({ start: iso(t), end: iso(t), n: 0 });
    }
    keys.forEach(function (k) { buckets[index[k]].n += byDay[k]; });
  }
  drawHistogram();
}

function axisText(x, y, anchor, text) {
  const t = svgEl("text", { x: x, y: y, class: "axis", "text-anchor": anchor });
  t.textContent = text;
  return t;
}

export function drawHistogram() {
  clear(svg);
  const w = svg.clientWidth || 800, h = svg.clientHeight || 70;
  svg.setAttribute("viewBox", "0 0 " + w + " " + h);
  const f = currentFilters();
  rangeLabel.textContent = f.since || f.until ? (f.since || "…") + " – " + (f.until || "…") : "all dates";
  rangeClear.hidden = !(f.since || f.until);
  if (!buckets.length) {
    svg.appendChild(axisText(4, h / 2, "start", "No dated events"));
    return;
  }
  const max = Math.max.apply(null, buckets.map(function (b) { return b.n; })) || 1;
  const bw = w / buckets.length;
  buckets.forEach(function (b, i) {
    if (!b.n) return;
    const bh = Math.max(2, (h - 14) * b.n / max);
    const inside = (!f.since || b.end >= f.since) && (!f.until || b.start <= f.until);
    const r = svgEl("rect", { x: i * bw + 0.5, y: h - 12 - bh, width: Math.max(1, bw - 1), height: bh,
      class: inside ? "b in" : "b", "data-start": b.start });
    const tip = svgEl("title", {});
    tip.textContent = (b.start === b.end ? b.start : b.start.slice(0, 7)) + ": " + b.n;
    r.appendChild(tip);
    svg.appendChild(r);
  });
  svg.appendChild(axisText(2, h - 1, "start", buckets[0].start));
  svg.appendChild(axisText(w - 2, h - 1, "end", buckets[buckets.length - 1].end));
  if (drag) {
    const x0 = Math.min(drag.a, drag.b), x1 = Math.max(drag.a, drag.b);
    svg.appendChild(svgEl("rect", { x: x0, y: 0, width: Math.max(1, x1 - x0), height: h - 12, class: "brush" }));
  }
}

function xToBucket(x) {
  const w = svg.clientWidth || 800;
  return buckets[Math.max(0, Math.min(buckets.length - 1, Math.floor(x / (w / buckets.length))))];
}

function svgX(evt) { return evt.clientX - svg.getBoundingClientRect().left; }

/** Wire the drag and the "All dates" button; ``reload(false)`` refetches without the histogram. */
export function initTimeline(reload) {
  svg.addEventListener("pointerdown", function (evt) {
    if (!buckets.length) return;
    drag = { a: svgX(evt), b: svgX(evt) };
    svg.setPointerCapture(evt.pointerId);
    drawHistogram();
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    drag.b = svgX(evt);
    drawHistogram();
  });
  svg.addEventListener("pointerup", function (evt) {
    if (!drag) return;
    drag.b = svgX(evt);
    const a = xToBucket(Math.min(drag.a, drag.b)), b = xToBucket(Math.max(drag.a, drag.b));
    drag = null;
    inputs.since.value = a.start;
    inputs.until.value = b.end;
    reload(false);
  });
  rangeClear.addEventListener("click", function () {
    inputs.since.value = "";
    inputs.until.value = "";
    reload(false);
  });
  window.addEventListener("resize", drawHistogram);
}
