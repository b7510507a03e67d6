// Status page: polls the on-demand API and draws the chosen pool. No build step, no dependencies.
"use strict";
(function () {
  const STAGES = ["PENDING", "DRAINING", "DRAINED", "REDEPLOYING", "REDEPLOYED", "VERIFYING", "VERIFIED", "FAILED", "SKIPPED"];
  const POLL_MS = 2000;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.hash.slice(1));
  let token = params.get("token") || sessionStorage.getItem("avdroll-token") || "";
  if (params.get("token")) {
    sessionStorage.setItem("avdroll-token", token);
    history.replaceState(null, "", location.pathname + location.search); // keep the token out of the address bar
  }
  let pool = new URLSearchParams(location.search).get("pool") || "";
  let timer = null;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function api(path) {
    const res = await fetch("/api/v1/pools" + path, { headers: { Authorization: "Bearer " + token } });
    if (res.status === 401) {
      $("token-label").hidden = false;
      throw new Error("The API needs a bearer token: enter it above (or open /status#token=...).");
    }
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || ("HTTP " + res.status));
    return body;
  }

  async function loadPools() {
    const pools = await api("");
    const select = $("pool");
    select.replaceChildren();
    const keys = pools.map((p) => p.resourceGroup + "/" + p.hostPool);
    if (pool && !keys.includes(pool)) keys.unshift(pool);
    keys.forEach((k) => select.append(el("option", { value: k }, k)));
    if (!pool && keys.length) pool = keys[0];
    select.value = pool;
    if (!keys.length) $("message").textContent = "No rollout is known yet. Open /status?pool=<resourceGroup>/<hostPool> to look at one pool.";
  }

  function render(v) {
    $("message").textContent = "";
    $("summary").hidden = $("hosts-section").hidden = $("events-section").hidden = false;
    $("pool-name").textContent = v.resourceGroup + "/" + v.hostPool;
    const state = $("state");
    state.textContent = v.state;
    state.className = "state " + v.state;
    $("rollout").textContent = "Rollout " + v.rolloutId + " to " + (v.targetImageVersionId || "").split("/").slice(-3).join("/").replace("/versions/", " ")
      + (v.requestedBy ? " — requested by " + v.requestedBy : "") + (v.stateReason ? " — " + v.stateReason : "");
    const c = v.counters;
    $("bar").style.width = c.percentDone + "%";
    $("percent").textContent = c.done + " / " + c.total + " hosts (" + c.percentDone + " %)";
    const counters = $("counters");
    counters.replaceChildren();
    [["pending", c.pending], ["in flight", c.inFlight], ["verified", c.verified], ["failed", c.failed], ["skipped", c.skipped]]
      .forEach(([label, n]) => {
        const d = el("div", { "data-counter": label });
        d.append(el("dt", {}, label), el("dd", {}, String(n)));
        counters.append(d);
      });
    const grid = $("grid");
    grid.replaceChildren();
    v.hosts.forEach((h) => {
      const tile = el("div", { class: "host " + h.stage, "data-host": h.host, "data-stage": h.stage, title: h.lastReason || "" });
      tile.append(el("b", {}, h.host), el("small", {}, h.stage.toLowerCase() + (h.attempt > 1 ? " · attempt " + h.attempt : "")),
        el("small", {}, h.hostClass === "DR" ? "DR host" : "standard"));
      grid.append(tile);
    });
    const events = $("events");
    events.replaceChildren();
    const lines = (v.recentEvents || []).map((e) => [e.at, e.outcome])
      .concat((v.history || []).map((h) => [h.at, h.text]))
      .sort((a, b) => (a[0] < b[0] ? 1 : -1)).slice(0, 40);
    lines.forEach(([at, text]) => {
      const li = el("li");
      li.append(el("time", { datetime: at }, new Date(at).toLocaleTimeString()), document.createTextNode(text));
      events.append(li);
    });
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  }

  async function refresh() {
    try {
      if (pool) render(await api("/" + pool));
    } catch (e) {
      $("message").textContent = e.message;
    }
    timer = setTimeout(refresh, POLL_MS);
  }

  function legend() {
    STAGES.forEach((s) => $("legend").append(el("span", { class: s }, s.toLowerCase())));
  }

  $("pick").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if ($("token").value) {
      token = $("token").value;
      sessionStorage.setItem("avdroll-token", token);
    }
    pool = $("pool").value || pool;
    history.replaceState(null, "", "?pool=" + encodeURIComponent(pool));
    clearTimeout(timer);
    start();
  });

  async function start() {
    try {
      await loadPools();
    } catch (e) {
      $("message").textContent = e.message;
    }
    refresh();
  }

  legend();
  start();
})();
