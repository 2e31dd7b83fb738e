/* Duty of care (signed in, a token with read-private): per alert to a person, who is accounted
 * for. Reads ``GET /api/welfare`` with the session's token and lists each check with its state:
 * safe, needs help, waiting, or escalated (no answer after the server's welfare_escalate_minutes).
 * Shown only while signed in; names come from the private API and are written as text only. */

import { $, el } from "./util.js";
import { authorised, onAuthChange, session } from "./auth.js";

const LABELS = { safe: "safe", help: "needs help", waiting: "waiting", escalated: "escalated" };
const ORDER = { help: 0, escalated: 1, waiting: 2, safe: 3 };

function row(check) {
  const state = LABELS[check.state] || check.state;
  return el("li", { className: "duty-row duty-" + check.state }, [
    el("span", { className: "duty-state", text: state }),
    " ",
    el("strong", { text: check.name || check.item_id }),
    el("div", { className: "meta", text: (check.headline || "") + " · alert " + check.alert_id + " (" + check.status + ")" }),
    check.answered_at ? el("div", { className: "meta", text: "answered " + check.answered_at }) : null,
  ]);
}

export function loadDuty() {
  const box = $("duty");
  const list = $("duty-list");
  const note = $("duty-note");
  if (!session()) { box.hidden = true; list.replaceChildren(); return; }
  box.hidden = false;
  note.textContent = "loading…";
  authorised("GET", "api/welfare").then(function (answer) {
    if (answer.status !== 200 || !answer.data) {
      list.replaceChildren();
      note.textContent = answer.status === 403 ? "(this token may not read private data)" : "(unavailable: " + answer.status + ")";
      return;
    }
    const checks = answer.data.checks.slice().sort(function (a, b) {
      return (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9) || (a.sent < b.sent ? 1 : -1);
    });
    const counts = answer.data.counts || {};
    note.textContent = Object.keys(LABELS).filter(function (k) { return counts[k]; })
      .map(function (k) { return counts[k] + " " + LABELS[k]; }).join(" · ") || "no welfare checks";
    list.replaceChildren.apply(list, checks.map(row));
  });
}

export function initDuty() {
  $("duty-refresh").addEventListener("click", loadDuty);
  onAuthChange(loadDuty);
  loadDuty();
}
