// Link previews: hovering or focusing a link in an article shows the
// target's title, description and section in a small card. The data is in
// the page (a JSON script; a glossary term's link carries its term and
// definition itself), so no request is made. Without JavaScript, or on
// touch screens, links are plain links; keyboards get it on focus.
(function () {
  "use strict";
  var data = document.getElementById("kb-previews");
  // Not on touch screens, where a tap is a click: there, links stay plain.
  if (!data && !document.querySelector(".prose a.term") || window.matchMedia("(pointer: coarse)").matches) return;
  var previews = {};
  try { if (data) previews = JSON.parse(data.textContent); } catch (e) { return; }

  var card = document.createElement("div");
  card.className = "preview-card";
  card.id = "kb-preview-card";
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  document.body.appendChild(card);
  var current = null, hideTimer = 0;

  function previewFor(a) {
    if (!a.closest(".prose") || a.origin !== location.origin) return null;
    if (a.classList.contains("term")) return a.dataset.definition ? { t: a.dataset.term, d: a.dataset.definition } : null;
    return previews[a.pathname] || previews[decodeURI(a.pathname)] || null;
  }

  function show(a) {
    var p = previewFor(a);
    if (!p) return;
    clearTimeout(hideTimer);
    card.textContent = "";
    if (p.s) {
      var s = document.createElement("p");
      s.className = "preview-section";
      s.textContent = p.s;
      card.appendChild(s);
    }
    var t = document.createElement("p");
    t.className = "preview-title";
    t.textContent = p.t;
    card.appendChild(t);
    if (p.d) {
      var d = document.createElement("p");
      d.className = "preview-description";
      d.textContent = p.d;
      card.appendChild(d);
    }
    card.hidden = false;
    var r = a.getBoundingClientRect();
    var width = card.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    card.style.left = left + "px";
    card.style.top = (r.bottom + window.scrollY + 6) + "px";
    if (current && current !== a) current.removeAttribute("aria-describedby");
    current = a;
    a.setAttribute("aria-describedby", card.id);
  }

  function hide() {
    card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 150);
  }

  document.addEventListener("mouseover", function (e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (a) show(a);
    else if (e.target === card || card.contains(e.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (a === current || e.target === card) hideSoon();
  });
  document.addEventListener("focusin", function (e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (a) show(a); else hide();
  });
  document.addEventListener("focusout", function (e) {
    if (e.target === current) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !card.hidden) hide();
  });
})();
