// The colour theme the reader chose: "light" or "dark" in localStorage
// ("kb-theme"), set as data-theme on <html>; none follows the system.
// Loaded blocking in <head>, so that the first paint has the right theme;
// it also shows and wires the header's switch, which stays hidden without
// JavaScript, and keeps pages restored from the back-forward cache or
// prerendered earlier in step with the latest choice.
(function () {
  var root = document.documentElement, key = "kb-theme";
  function stored() {
    try {
      var t = localStorage.getItem(key);
      return t === "light" || t === "dark" ? t : "auto";
    } catch (e) {
      return "auto";
    }
  }
  function apply() {
    var t = stored(), s = document.getElementById("kb-theme");
    if (t === "auto") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", t);
    if (s) s.value = t;
  }
  apply();
  addEventListener("pageshow", apply);
  addEventListener("storage", apply);
  document.addEventListener("prerenderingchange", apply);
  document.addEventListener("DOMContentLoaded", function () {
    var s = document.getElementById("kb-theme");
    if (s) {
      s.parentNode.hidden = false;
      apply();
      s.addEventListener("change", function () {
        try {
          if (s.value === "auto") localStorage.removeItem(key);
          else localStorage.setItem(key, s.value);
        } catch (e) {}
        if (s.value === "auto") root.removeAttribute("data-theme");
        else root.setAttribute("data-theme", s.value);
      });
    }
    // Where the browser cannot show a closed <details> open by CSS
    // (no ::details-content), open the sidebar on screens wide enough.
    var m = document.getElementById("kb-menu");
    if (m && !(window.CSS && CSS.supports("selector(::details-content)")) && matchMedia("(min-width: 48rem)").matches) m.open = true;
  });
})();
