// "On this page": marks the entry of the heading being read
// (aria-current), the last one whose top has passed the upper third of
// the window, as the reader scrolls. An enhancement: without it the list
// is a plain list of links. Where the stylesheet cannot show the closed
// list open in its own column (no ::details-content), it opens it there.
(function () {
  var toc = document.querySelector(".toc");
  if (!toc) return;
  var det = toc.querySelector("details");
  if (det && !(window.CSS && CSS.supports("selector(::details-content)")) && matchMedia("(min-width: 75rem)").matches) det.open = true;
  var links = [], heads = [];
  toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
    var h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (h) {
      links.push(a);
      heads.push(h);
    }
  });
  if (!heads.length || !("IntersectionObserver" in window)) return;
  var current = -1;
  function update() {
    var line = innerHeight / 3, i = heads.length - 1;
    while (i >= 0 && heads[i].getBoundingClientRect().top > line) i--;
    if (i === current) return;
    if (current >= 0) links[current].removeAttribute("aria-current");
    current = i;
    if (i >= 0) links[i].setAttribute("aria-current", "location");
  }
  var io = new IntersectionObserver(update, { rootMargin: "0px 0px -67% 0px" });
  heads.forEach(function (h) { io.observe(h); });
  update();
})();
