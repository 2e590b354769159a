(function () {
  "use strict";
  var doc = document;
  var storageKey = "selfaudit-ticks:" + (doc.body.getAttribute("data-storage-key") || "default");
  var cards = Array.prototype.slice.call(doc.querySelectorAll("article.finding"));
  var postCards = cards.filter(function (c) { return c.classList.contains("post"); });
  var texts = new Map();
  var ticks = {};
  var storageOk = true;
  // The review page (served by `selfaudit review`) carries a per-run token and records decisions in the
  // store; the file report keeps its ticks in this browser and shows stored decisions as written.
  var token = doc.body.getAttribute("data-review-token") || "";
  var review = token !== "";

  function isDone(card) {
    return card.hasAttribute("data-done") || (!review && Boolean(ticks[card.getAttribute("data-key")]));
  }
  function load() {
    if (review) { return; }
    try {
      var raw = window.localStorage.getItem(storageKey);
      var parsed = raw ? JSON.parse(raw) : {};
      ticks = parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) { storageOk = false; ticks = {}; }
  }
  function save() {
    if (review) { return; }
    try { window.localStorage.setItem(storageKey, JSON.stringify(ticks)); } catch (e) { storageOk = false; }
  }
  function textOf(card) {
    var t = texts.get(card);
    if (t === undefined) { t = card.textContent.toLowerCase().replace(/\s+/g, " "); texts.set(card, t); }
    return t;
  }
  function byId(id) { return doc.getElementById(id); }
  function filterValues() {
    var out = {};
    Array.prototype.forEach.call(doc.querySelectorAll("select[data-filter]"), function (s) {
      out[s.getAttribute("data-filter")] = s.value;
    });
    return out;
  }
  function apply() {
    if (!postCards.length) { return; }
    var f = filterValues();
    var q = (byId("q").value || "").toLowerCase().trim().split(/\s+/).filter(Boolean);
    var hideDone = byId("hide-done").checked;
    var shown = 0;
    postCards.forEach(function (card) {
      var ok = true;
      Object.keys(f).forEach(function (name) {
        if (!ok || !f[name]) { return; }
        var have = (card.getAttribute("data-" + name) || "").split(" ");
        if (have.indexOf(f[name]) < 0) { ok = false; }
      });
      if (ok && q.length) {
        var t = textOf(card);
        ok = q.every(function (w) { return t.indexOf(w) >= 0; });
      }
      if (ok && hideDone && isDone(card)) { ok = false; }
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var worth = byId("worth");
    var active = q.length > 0 || hideDone || Object.keys(f).some(function (k) { return f[k]; });
    if (worth && active) { worth.open = true; }  // matches among the possible ones must be seen
    byId("shown").textContent = "Showing " + shown + " of " + postCards.length;
    byId("none").hidden = shown !== 0;
  }
  function paintTicks() {
    var done = 0;
    cards.forEach(function (card) {
      var key = card.getAttribute("data-key");
      var on = isDone(card);
      var box = card.querySelector("input.done");
      if (box) { box.checked = on; }
      card.classList.toggle("is-done", on);
      if (on) { done += 1; }
    });
    var counter = byId("done-count");
    if (counter) {
      var postsDone = postCards.filter(isDone).length;
      var accountCount = cards.length - postCards.length;
      counter.textContent = postsDone + " of " + postCards.length + " flagged posts" +
        (accountCount ? " and " + (done - postsDone) + " of " + accountCount + " account findings" : "") +
        (review ? " decided" : " done") + (storageOk ? "" : " (this browser cannot keep ticks: export them)");
    }
  }
  function describe(card) {
    var link = card.querySelector(".open a");
    var time = card.querySelector("time");
    return {
      key: card.getAttribute("data-key"),
      done_at: ticks[card.getAttribute("data-key")],
      finding: (card.querySelector("h3") || {}).textContent || "",
      severity: card.getAttribute("data-severity") || "",
      platform: card.getAttribute("data-platform") || "",
      date: time ? time.getAttribute("datetime") : "",
      link: link ? link.getAttribute("href") : ""
    };
  }
  function ticked() {
    return cards.filter(function (c) { return ticks[c.getAttribute("data-key")]; }).map(describe);
  }
  function download(name, type, body) {
    var url = URL.createObjectURL(new Blob([body], { type: type }));
    var a = doc.createElement("a");
    a.href = url;
    a.download = name;
    doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function csvCell(v) {
    var s = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function exportJson() {
    download("selfaudit-ticks.json", "application/json",
      JSON.stringify({ exported_at: new Date().toISOString(), ticks: ticked() }, null, 2));
  }
  function exportCsv() {
    var cols = ["key", "done_at", "finding", "severity", "platform", "date", "link"];
    var rows = [cols.join(",")].concat(ticked().map(function (r) {
      return cols.map(function (c) { return csvCell(r[c]); }).join(",");
    }));
    download("selfaudit-ticks.csv", "text/csv", rows.join("\r\n") + "\r\n");
  }

  // Open the folded group that holds a link's target, and point "Back to finding" at the card.
  function reveal(id) {
    var target = id ? byId(id) : null;
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    return target;
  }
  doc.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var id = a.getAttribute("href").slice(1);
    reveal(id);
    var card = a.closest("article.finding");
    if (card && a.classList.contains("ruleref")) {
      Array.prototype.forEach.call(doc.querySelectorAll("a.back-link"), function (b) {
        b.setAttribute("href", "#" + card.id);
      });
    }
  });
  window.addEventListener("hashchange", function () { reveal(window.location.hash.slice(1)); });
  reveal(window.location.hash.slice(1));

  function dealt() {
    var n = 0;
    cards.forEach(function (c) { n += parseInt(c.getAttribute("data-decided") || "0", 10) || 0; });
    var out = byId("dealt");
    var bar = byId("dealt-bar");
    if (out) { out.textContent = String(n); }
    if (bar) { bar.value = n; }
  }
  function showDecision(card, label, note) {
    var status = card.querySelector(".decision-status");
    if (!status) { return; }
    status.textContent = "";
    var head = doc.createElement("strong");
    head.textContent = "Your decision: ";
    status.appendChild(head);
    status.appendChild(doc.createTextNode(label + " (just now)"));
    if (note) {
      status.appendChild(doc.createElement("br"));
      var why = doc.createElement("span");
      why.className = "muted dnote";
      why.textContent = "Reason: " + note;
      status.appendChild(why);
    }
  }
  function decide(button) {
    var box = button.closest(".decide");
    var card = button.closest("article.finding");
    var msg = box.querySelector("output.msg");
    var noteBox = box.querySelector("input.note");
    var note = noteBox ? noteBox.value.trim() : "";
    var action = button.getAttribute("data-action");
    if (action === "keep" && !note) {
      msg.textContent = "To keep it, write why it is fine in the box first.";
      if (noteBox) { noteBox.focus(); }
      return;
    }
    var ids = (box.getAttribute("data-ids") || "").split(" ").filter(Boolean);
    msg.textContent = "Saving\u2026";
    window.fetch("/decide", {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Selfaudit-Token": token },
      body: JSON.stringify({ ids: ids, action: action, note: note })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body || {} }; });
    }).then(function (res) {
      if (!res.ok) { msg.textContent = "Not saved: " + (res.body.error || "refused"); return; }
      card.setAttribute("data-done", "1");
      card.setAttribute("data-decision", action);
      card.setAttribute("data-decided", card.getAttribute("data-count") || "0");
      showDecision(card, res.body.label || action, note);
      msg.textContent = "Saved.";
      dealt();
      paintTicks();
      apply();
    }).catch(function () {
      msg.textContent = "Not saved: the review server did not answer (is selfaudit review still running?).";
    });
  }
  if (review) {
    doc.addEventListener("click", function (ev) {
      var button = ev.target.closest ? ev.target.closest("button.act") : null;
      if (button) { decide(button); }
    });
  }

  load();
  paintTicks();
  doc.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.classList && el.classList.contains("done")) {
      var key = el.getAttribute("data-key");
      if (el.checked) { ticks[key] = new Date().toISOString(); } else { delete ticks[key]; }
      save();
      paintTicks();
    }
    apply();
  });
  var form = byId("filters");
  if (form) {
    byId("q").addEventListener("input", apply);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    if (byId("export-json")) {
      byId("export-json").addEventListener("click", exportJson);
      byId("export-csv").addEventListener("click", exportCsv);
    }
  }
  apply();
}());
