// kb serve's live reload, injected into served pages only. It listens to
// the server's events: a page whose HTML changed reloads, keeping its
// scroll position; a stylesheet change swaps the stylesheet in place; the
// build's errors show in an overlay that goes away on the next good build.
// EventSource reconnects by itself when the server restarts; a page from
// an older build then reloads.
(function () {
  "use strict";
  var me = document.currentScript;
  var base = me.getAttribute("data-base");
  var id = me.getAttribute("data-id");
  var key = "kb-scroll:" + location.pathname;

  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  function here(paths) {
    var p = location.pathname;
    return paths.indexOf(p) >= 0 || paths.indexOf(decodeURI(p)) >= 0;
  }

  var overlay = null;
  function showErrors(errors) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!errors || !errors.length) return;
    overlay = document.createElement("div");
    overlay.id = "kb-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px";
    var h = document.createElement("h2");
    h.textContent = errors.length + (errors.length === 1 ? " problem" : " problems") + " in the site (showing the last good build underneath)";
    h.style.cssText = "font:600 16px system-ui,sans-serif;margin:0 0 16px;color:#fca5a5";
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var box = document.createElement("div");
      box.className = "kb-error";
      box.style.cssText = "margin:0 0 18px;padding:12px;border-left:4px solid #f87171;background:#27272a";
      var where = document.createElement("div");
      where.style.cssText = "color:#93c5fd";
      where.textContent = e.file ? e.file + (e.line ? ":" + e.line + (e.col ? ":" + e.col : "") : "") : "";
      var msg = document.createElement("div");
      msg.textContent = e.message;
      msg.style.cssText = "white-space:pre-wrap;margin:4px 0";
      box.appendChild(where);
      box.appendChild(msg);
      if (e.source) {
        var pre = document.createElement("pre");
        pre.style.cssText = "margin:8px 0 0;color:#d4d4d8";
        e.source.forEach(function (l) {
          var line = document.createElement("div");
          line.textContent = (l.here ? "> " : "  ") + String(l.n).padStart(4) + " | " + l.text;
          if (l.here) line.style.color = "#fde68a";
          pre.appendChild(line);
        });
        box.appendChild(pre);
      }
      overlay.appendChild(box);
    });
    document.body.appendChild(overlay);
  }

  var es = new EventSource(base + "__kb/events");
  // Marks the page as connected, for people and tests to see.
  es.addEventListener("open", function () { document.documentElement.setAttribute("data-kb-live", "connected"); });
  es.addEventListener("error", function () { document.documentElement.setAttribute("data-kb-live", "reconnecting"); });
  es.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (d.id !== id && !(d.errors && d.errors.length)) { reload(); return; }
    showErrors(d.errors);
  });
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    showErrors(null);
    id = d.id;
    if (d.all || (d.pages && here(d.pages))) reload();
  });
  es.addEventListener("css", function (e) {
    var d = JSON.parse(e.data);
    showErrors(null);
    id = d.id;
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var u = new URL(l.href);
      if (d.css.indexOf(u.pathname) >= 0) {
        u.searchParams.set("kb", String(Date.now()));
        l.href = u.toString();
      }
    });
  });
  es.addEventListener("errors", function (e) {
    showErrors(JSON.parse(e.data).errors);
  });
})();
