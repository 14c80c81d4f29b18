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

  // The overlay: one box per problem, with its source lines and a caret
  // under the column, and a Dismiss button; the next failing build brings
  // it back. built says whether a good build is underneath.
  var overlay = null;
  function showErrors(errors, built) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!errors || !errors.length) return;
    overlay = document.createElement("div");
    overlay.id = "kb-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px;box-sizing:border-box";
    var close = document.createElement("button");
    close.type = "button";
    close.id = "kb-error-dismiss";
    close.textContent = "Dismiss (Esc)";
    close.style.cssText = "float:right;margin:0 0 8px 16px;font:600 14px system-ui,sans-serif;color:#18181b;background:#f4f4f5;border:0;border-radius:4px;padding:6px 12px;cursor:pointer";
    close.addEventListener("click", dismiss);
    overlay.appendChild(close);
    var h = document.createElement("h2");
    var n = errors.length + (errors.length === 1 ? " problem" : " problems");
    h.textContent = built === false
      ? n + " in the site, so nothing is built yet: fix " + (errors.length === 1 ? "it" : "them") + " and save, and the site appears"
      : n + " in the site: the page underneath is the last good build";
    h.style.cssText = "font:600 16px system-ui,sans-serif;margin:0 0 16px;color:#fca5a5";
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var box = document.createElement("div");
      box.className = "kb-error";
      box.style.cssText = "margin:0 0 18px;padding:12px;border-left:4px solid #f87171;background:#27272a;clear:both";
      var where = document.createElement("div");
      where.style.cssText = "color:#93c5fd;overflow-wrap:anywhere";
      where.textContent = e.file ? e.file + (e.line ? ":" + e.line + (e.col ? ":" + e.col : "") : "") : "";
      var msg = document.createElement("div");
      msg.textContent = e.message;
      msg.style.cssText = "white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0";
      box.appendChild(where);
      box.appendChild(msg);
      if (e.source) {
        var pre = document.createElement("pre");
        pre.className = "kb-source";
        pre.style.cssText = "margin:8px 0 0;color:#d4d4d8;white-space:pre;overflow:hidden;font:inherit";
        pre.kbError = e;
        box.appendChild(pre);
      }
      overlay.appendChild(box);
    });
    document.body.appendChild(overlay);
    layoutSources();
    close.focus();
  }

  // layoutSources writes each problem's source lines, cut to the width of
  // the overlay (continuations keep the gutter), with a caret line right
  // under the piece that holds the problem's column. Cutting them here
  // rather than letting CSS wrap keeps the caret exactly under its column.
  function layoutSources() {
    if (!overlay) return;
    overlay.querySelectorAll("pre.kb-source").forEach(function (pre) {
      var e = pre.kbError;
      pre.textContent = "";
      var probe = document.createElement("span");
      probe.textContent = "0000000000";
      pre.appendChild(probe);
      var width = Math.max(20, Math.floor(pre.clientWidth / (probe.getBoundingClientRect().width / 10)));
      pre.removeChild(probe);
      e.source.forEach(function (l) {
        var gutter = (l.here ? "> " : "  ") + String(l.n).padStart(4) + " | ";
        var blank = " ".repeat(gutter.length - 2) + "| ";
        var per = Math.max(10, width - gutter.length);
        // A tab counts as one column, so it is shown as one space.
        var text = l.text.replace(/\t/g, " ");
        for (var at = 0; at === 0 || at < text.length; at += per) {
          var line = document.createElement("div");
          line.textContent = (at === 0 ? gutter : blank) + text.slice(at, at + per);
          if (l.here) line.style.color = "#fde68a";
          pre.appendChild(line);
          var col = e.col - 1;
          if (l.here && e.col && col >= at && (col < at + per || at + per >= text.length)) {
            var caret = document.createElement("div");
            caret.className = "kb-caret";
            caret.textContent = " ".repeat(gutter.length + col - at) + "^";
            caret.style.cssText = "color:#f87171;font-weight:700";
            pre.appendChild(caret);
          }
        }
      });
    });
  }
  var resizing = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(layoutSources, 100);
  });
  function dismiss() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && overlay) dismiss();
  });

  var es = new EventSource(base + "__kb/events");
  // Marks the page as connected, for people and tests to see.
  es.addEventListener("open", function () { document.documentElement.setAttribute("data-kb-live", "connected"); });
  es.addEventListener("error", function () { document.documentElement.setAttribute("data-kb-live", "reconnecting"); });
  es.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (d.id !== id && !(d.errors && d.errors.length)) { reload(); return; }
    showErrors(d.errors, d.built);
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
    var d = JSON.parse(e.data);
    showErrors(d.errors, d.built);
  });
})();
