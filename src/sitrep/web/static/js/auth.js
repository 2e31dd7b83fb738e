/* Review sign-in: the analyst's name and the server's token, kept in sessionStorage (this tab
 * only; never in the URL or localStorage), the header's sign-in form, and the authorised
 * requests of the review desk (``Authorization: Bearer <token>``). The token is checked at
 * sign-in against ``GET /api/reviews`` (401: wrong token; 403: the server takes no reviews). */

import { $ } from "./util.js";

const TOKEN_KEY = "sitrep.review.token";
const NAME_KEY = "sitrep.review.name";
const PROBE = "api/reviews?since=9999-12-31T23:59:59Z";  // an empty answer: only the token is checked

const form = $("signin");
const openBtn = $("signin-open");
const msg = $("signin-msg");
let listeners = [];
let lastName = "";

function tabStore() {
  try { return window.sessionStorage; } catch (e) { return null; }
}

/** The signed-in analyst, ``{name, token}``, or null. */
export function session() {
  const s = tabStore();
  const token = s && s.getItem(TOKEN_KEY);
  const name = s && s.getItem(NAME_KEY);
  return token && name ? { name: name, token: token } : null;
}

/** Call ``fn()`` whenever the analyst signs in or out. */
export function onAuthChange(fn) { listeners.push(fn); }

function changed() {
  render();
  listeners.forEach(function (fn) { fn(); });
}

/** What a 401 or 403 answer means to the analyst. */
export function authMessage(status) {
  if (status === 401) return "The server refused this token (401 Unauthorized): check it and sign in again.";
  if (status === 403) {
    return "This server takes no reviews (403 Forbidden): it was started without a token " +
      "(sitrep serve --token …).";
  }
  return null;
}

/** Forget the token (the name stays in the form); ``why`` is shown in the sign-in form. */
export function signOut(why) {
  const s = tabStore();
  if (s) { s.removeItem(TOKEN_KEY); s.removeItem(NAME_KEY); }
  changed();
  if (why) openForm(why);
}

/** ``fetch`` with the token; resolves to ``{status, data}`` (data: the JSON answer, or null). */
export function authorised(method, url, body) {
  const who = session();
  const headers = { Accept: "application/json" };
  if (who) headers.Authorization = "Bearer " + who.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin", cache: "no-store" }).then(function (resp) {
    return resp.json().catch(function () { return null; }).then(function (data) {
      return { status: resp.status, data: data };
    });
  });
}

function render() {
  const who = session();
  openBtn.hidden = !!who;
  $("auth-who").hidden = !who;
  $("signout").hidden = !who;
  $("auth-name").textContent = who ? who.name : "";
  document.body.dataset.auth = who ? "in" : "out";
}

export function openForm(why) {
  form.hidden = false;
  openBtn.setAttribute("aria-expanded", "true");
  msg.textContent = why || "";
  msg.className = why ? "form-msg error" : "form-msg";
  const name = $("signin-name");
  if (!name.value) name.value = lastName;
  (name.value ? $("signin-token") : name).focus();
}

function closeForm() {
  form.hidden = true;
  openBtn.setAttribute("aria-expanded", "false");
  $("signin-token").value = "";
  msg.textContent = "";
}

function submit(evt) {
  evt.preventDefault();
  const name = $("signin-name").value.trim().replace(/\s+/g, " ");
  const token = $("signin-token").value.trim();
  if (!name || !token) {
    msg.className = "form-msg error";
    msg.textContent = !name ? "Give your name: it is recorded with every review." : "Give the token.";
    (!name ? $("signin-name") : $("signin-token")).focus();
    return;
  }
  msg.className = "form-msg";
  msg.textContent = "Checking the token…";
  form.setAttribute("aria-busy", "true");
  const headers = { Accept: "application/json", Authorization: "Bearer " + token };
  fetch(PROBE, { headers: headers, cache: "no-store" }).then(function (resp) {
    form.setAttribute("aria-busy", "false");
    if (resp.ok) {
      const s = tabStore();
      if (!s) throw new Error("this browser keeps no session storage");
      s.setItem(TOKEN_KEY, token);
      s.setItem(NAME_KEY, name);
      lastName = name;
      closeForm();
      changed();
      $("signout").focus();
      return;
    }
    msg.className = "form-msg error";
    msg.textContent = authMessage(resp.status) || "Could not sign in: the server answered " + resp.status + ".";
    $("signin-token").select();
  }).catch(function (err) {
    form.setAttribute("aria-busy", "false");
    msg.className = "form-msg error";
    msg.textContent = "Could not sign in: " + (err && err.message ? err.message : String(err));
  });
}

export function initAuth() {
  const who = session();
  lastName = who ? who.name : "";
  openBtn.addEventListener("click", function () { if (form.hidden) openForm(); else closeForm(); });
  $("signin-cancel").addEventListener("click", function () { closeForm(); openBtn.focus(); });
  $("signout").addEventListener("click", function () {
    lastName = (session() || {}).name || lastName;
    signOut();
    openBtn.focus();
  });
  form.addEventListener("submit", submit);
  form.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); closeForm(); openBtn.focus(); }
  });
  render();
}
