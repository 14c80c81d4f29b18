// "On this page" marks (aria-current) the last heading whose top has
// passed the upper third of the window. Without ::details-content, it
// opens the list where it is a column of its own.
(function () {
  var toc = document.querySelector(".toc"), links = [], heads = [], cur = -1;
  if (!toc) return;
  if (!CSS.supports("selector(::details-content)") && matchMedia("(min-width: 75rem)").matches) toc.firstElementChild.open = true;
  toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
    var h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (h) links.push(a), heads.push(h);
  });
  if (!heads.length || !window.IntersectionObserver) return;
  function update() {
    var i = heads.length - 1;
    while (i >= 0 && heads[i].getBoundingClientRect().top > innerHeight / 3) i--;
    if (i === cur) return;
    if (cur >= 0) links[cur].removeAttribute("aria-current");
    if ((cur = i) >= 0) links[i].setAttribute("aria-current", "location");
  }
  var io = new IntersectionObserver(update, { rootMargin: "0px 0px -67% 0px" });
  heads.forEach(function (h) { io.observe(h); });
  update();
})();
