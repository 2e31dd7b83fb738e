/* The event list: one button per event; arrow keys (and Home/End) move the selection, Enter or a
 * click opens the event. One button at a time is in the tab order (a roving tabindex). */

import { $, clear, colorOf, el, fmt, isoDate } from "./util.js";

const LIST_MAX = 300;
const listEl = $("list");
const listNote = $("list-note");

let handlers = { open: function () {}, move: function () {} };

/** ``open(id)`` opens an event's detail; ``move(id)`` selects it without opening. */
export function initList(open, move) {
  handlers = { open: open, move: move };
  listEl.addEventListener("keydown", onKey);
}

function buttons() { return Array.prototype.slice.call(listEl.querySelectorAll("li > button")); }

function onKey(evt) {
  const all = buttons();
  const at = all.indexOf(document.activeElement);
  if (at < 0 || !all.length) return;
  let to = null;
  if (evt.key === "ArrowDown") to = Math.min(all.length - 1, at + 1);
  else if (evt.key === "ArrowUp") to = Math.max(0, at - 1);
  else if (evt.key === "Home") to = 0;
  else if (evt.key === "End") to = all.length - 1;
  if (to === null) return;  // Enter and Space: the button's own click
  evt.preventDefault();
  all[to].focus();
  handlers.move(all[to].parentNode.getAttribute("data-id"));
}

export function renderList(events, total) {
  clear(listEl);
  events.slice(0, LIST_MAX).forEach(function (p, i) {
    const n = p.n_sources || 1;
    const flags = [];
    if (p.hedged) flags.push("unconfirmed");
    if (p.background) flags.push("background");
    const verdict = p.review && p.review.status;
    if (verdict) flags.push(verdict + (p.review.reviewer ? " by " + p.review.reviewer : ""));
    const btn = el("button", { type: "button", tabindex: i === 0 ? "0" : "-1" }, [
      el("span", { className: "swatch", style: "background:" + colorOf(p) }), " ",
      el("span", { className: "when", text: isoDate(p.date) || "undated" }), " · ",
      el("span", { className: "what", text: p.sub_event_type || p.event_type || "Event" }), " · ",
      [p.location, p.admin1, p.country].filter(Boolean).join(", ") || "unknown place",
      el("div", { className: "srcs", text: n + (n === 1 ? " source" : " sources") +
        (p.fatalities ? " · " + fmt(p.fatalities) + " killed" : "") +
        (p.version > 1 ? " · revised (v" + p.version + ")" : "") +
        (flags.length ? " · " + flags.join(", ") : "") })
    ]);
    btn.addEventListener("click", function () { handlers.open(p.event_id); });
    const li = el("li", { "data-id": p.event_id }, [btn]);
    if (verdict) li.classList.add("review-" + verdict);
    listEl.appendChild(li);
  });
  const shown = Math.min(events.length, LIST_MAX);
  const all = total === undefined || total === null ? events.length : total;
  listNote.textContent = all > shown ? "(first " + fmt(shown) + " of " + fmt(all) + ")" : "(" + fmt(shown) + ")";
}

/** Scroll the list (only the list, never the page) so that ``li`` shows below its heading. */
function keepInView(li) {
  const box = $("list-wrap");
  if (box.scrollHeight <= box.clientHeight) return;  // the list does not scroll (phones: the page does)
  const head = box.querySelector(".list-head");
  const top = li.offsetTop - box.offsetTop - (head ? head.offsetHeight : 0);
  const bottom = li.offsetTop - box.offsetTop + li.offsetHeight - box.clientHeight;
  if (box.scrollTop > top) box.scrollTop = top;
  else if (box.scrollTop < bottom) box.scrollTop = bottom;
}

/** Mark ``id`` selected in the list (null: none) and keep it in view. */
export function markSelected(id) {
  let found = null;
  Array.prototype.forEach.call(listEl.querySelectorAll("li"), function (li) {
    const on = li.getAttribute("data-id") === id;
    li.classList.toggle("selected", on);
    li.firstChild.setAttribute("aria-current", on ? "true" : "false");
    if (on) found = li;
  });
  if (found) {
    buttons().forEach(function (b) { b.setAttribute("tabindex", b.parentNode === found ? "0" : "-1"); });
    keepInView(found);
  }
}
