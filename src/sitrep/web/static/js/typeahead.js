/* A place typeahead over /api/places/search: an ARIA combobox (the input) with a listbox of the
 * gazetteer's places whose name starts with what is typed, most populous first. Arrow keys move
 * through it, Enter or a click picks, Escape closes it. */

import { clear, countryName, el, fmt, getJSON } from "./util.js";

const LIMIT = 8;
const WAIT_MS = 200;
const KINDS = { PPLC: "capital", ADM1: "region", ADM2: "district", PCLI: "country" };

/** Make ``input`` a combobox that calls ``onPick(place)``; ``note(text)`` shows a hint. */
export function placeTypeahead(input, list, onPick, note) {
  let places = [], active = -1, timer = null, seq = 0, asked = null;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  list.setAttribute("role", "listbox");
  list.hidden = true;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, j) {
      li.setAttribute("aria-selected", j === i ? "true" : "false");
    });
    if (i >= 0 && list.children[i]) {
      input.setAttribute("aria-activedescendant", list.children[i].id);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(i) {
    const p = places[i];
    if (!p) return;
    close();
    onPick(p);
  }

  function show(found) {
    places = found;
    clear(list);
    found.forEach(function (p, i) {
      const kind = KINDS[p.kind] || "town";
      const li = el("li", { id: list.id + "-" + i, role: "option", "aria-selected": "false",
        "data-geonameid": String(p.geonameid) }, [
        el("span", { className: "opt-name", text: p.name }),
        el("span", { className: "opt-meta", text: [p.admin1, countryName(p.country)].filter(Boolean).join(", ") +
          " · " + kind + (p.population ? " · " + fmt(p.population) : "") })
      ]);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the focus in the input
      li.addEventListener("click", function () { pick(i); });
      list.appendChild(li);
    });
    list.hidden = !found.length;
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    mark(-1);
    if (found.length) list.scrollIntoView({ block: "nearest" });  // the panel scrolls: keep it in sight
  }

  function search() {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) { show([]); return; }
    getJSON("api/places/search?" + new URLSearchParams({ q: q.slice(0, 100), limit: String(LIMIT) })).then(function (data) {
      if (mine !== seq) return;
      asked = q;
      if (data && data.available === false) {
        note("No gazetteer on this server: type the name and pick the point on the map.");
        show([]);
        return;
      }
      note(data && data.places && data.places.length ? "" : "No place in the gazetteer starts with “" + q + "”.");
      show((data && data.places) || []);
    }).catch(function (err) {
      if (mine === seq) note("Place search failed: " + err.message);
    });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, WAIT_MS);
  });
  input.addEventListener("keydown", function (e) {
    const open = !list.hidden && places.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!open) {
        if (e.key !== "ArrowDown") return;
        e.preventDefault();
        if (places.length && asked === input.value.trim()) { show(places); mark(0); } else search();
        return;
      }
      e.preventDefault();
      const n = places.length;
      mark(e.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();  // picks the place, does not submit the form
      pick(active);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  return { close: close };
}
