// The graph page's enhancements: hovering or focusing a point highlights
// it and its neighbours, the picture zooms (wheel, buttons) and pans
// (drag), and the section boxes hide or show a colour. Without this
// script the picture is complete and every point is a link.
(function () {
  "use strict";
  var svg = document.querySelector("svg.graph.site");
  if (!svg) return;
  var tools = document.querySelector(".graph-tools");
  if (tools) tools.hidden = false;
  svg.style.touchAction = "none"; // dragging pans the picture, not the page
  var nodes = Array.prototype.slice.call(svg.querySelectorAll("a.n"));
  var at = nodes.map(function (a) {
    var c = a.querySelector("circle");
    return [parseFloat(c.getAttribute("cx")), parseFloat(c.getAttribute("cy"))];
  });
  var nb = nodes.map(function (a) {
    var s = a.getAttribute("data-n");
    return s ? s.split(" ").map(Number) : [];
  });
  var ns = "http://www.w3.org/2000/svg";
  var edges = svg.querySelector("path.e");
  var hot = document.createElementNS(ns, "path");
  hot.setAttribute("class", "e2");
  svg.insertBefore(hot, edges ? edges.nextSibling : svg.firstChild);

  function line(i, j) { return "M" + at[i][0] + " " + at[i][1] + "L" + at[j][0] + " " + at[j][1]; }
  function shown(i) { return !nodes[i].classList.contains("off"); }

  function highlight(i) {
    svg.classList.add("hl");
    var d = "";
    nodes[i].classList.add("on");
    nb[i].forEach(function (j) {
      if (!shown(j)) return;
      nodes[j].classList.add("on");
      d += line(i, j);
    });
    hot.setAttribute("d", d);
  }
  function clear() {
    svg.classList.remove("hl");
    nodes.forEach(function (a) { a.classList.remove("on"); });
    hot.setAttribute("d", "");
  }
  svg.addEventListener("mouseover", function (e) {
    var a = e.target.closest && e.target.closest("a.n");
    if (a) { clear(); highlight(nodes.indexOf(a)); }
  });
  svg.addEventListener("mouseout", function (e) {
    if (!e.relatedTarget || !svg.contains(e.relatedTarget)) clear();
  });
  svg.addEventListener("focusin", function (e) {
    var a = e.target.closest && e.target.closest("a.n");
    if (a) { clear(); highlight(nodes.indexOf(a)); }
  });
  svg.addEventListener("focusout", clear);

  // Sections: a box unticked hides its points and their lines.
  document.querySelectorAll(".graph-filter input").forEach(function (box) {
    box.addEventListener("change", function () {
      nodes.forEach(function (a) {
        if (a.classList.contains(box.value)) a.classList.toggle("off", !box.checked);
      });
      if (!edges) return;
      var d = "";
      nb.forEach(function (list, i) {
        list.forEach(function (j) { if (i < j && shown(i) && shown(j)) d += line(i, j); });
      });
      edges.setAttribute("d", d);
    });
  });

  // Zoom and pan, by moving the viewBox.
  var box0 = svg.getAttribute("viewBox").split(" ").map(Number);
  var box = box0.slice();
  function set() { svg.setAttribute("viewBox", box.join(" ")); }
  function zoom(f, cx, cy) {
    var w = box[2] / f, h = box[3] / f;
    if (w > box0[2] * 2 || w < box0[2] / 12) return;
    box = [cx - (cx - box[0]) / f, cy - (cy - box[1]) / f, w, h];
    set();
  }
  function point(e) {
    var r = svg.getBoundingClientRect();
    return [box[0] + (e.clientX - r.left) / r.width * box[2], box[1] + (e.clientY - r.top) / r.height * box[3]];
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = point(e);
    zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, p[0], p[1]);
  }, { passive: false });
  document.querySelectorAll(".graph-zoom button").forEach(function (b) {
    b.addEventListener("click", function () {
      var f = parseFloat(b.getAttribute("data-zoom"));
      if (!f) { box = box0.slice(); set(); return; }
      zoom(f, box[0] + box[2] / 2, box[1] + box[3] / 2);
    });
  });
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.target.closest && e.target.closest("a.n")) return; // a click on a point opens it
    drag = [e.clientX, e.clientY, box[0], box[1]];
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    box[0] = drag[2] - (e.clientX - drag[0]) / r.width * box[2];
    box[1] = drag[3] - (e.clientY - drag[1]) / r.height * box[3];
    set();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
})();
