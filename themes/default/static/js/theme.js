// The reader's theme: "light" or "dark" in localStorage ("kb-theme") as
// data-theme on <html>, none to follow the system. Blocking in <head>,
// so the first paint has it; shows and wires the header's switch.
(function () {
  var root = document.documentElement, key = "kb-theme";
  function get() {
    try {
      var t = localStorage.getItem(key);
      if (t === "light" || t === "dark") return t;
    } catch (e) {}
    return "auto";
  }
  function set(t) {
    var s = document.getElementById(key);
    if (t === "auto") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", t);
    if (s) s.value = t;
  }
  function apply() { set(get()); }
  apply();
  // Pages from the back-forward cache or prerendered earlier catch up.
  addEventListener("pageshow", apply);
  addEventListener("storage", apply);
  document.addEventListener("prerenderingchange", apply);
  document.addEventListener("DOMContentLoaded", function () {
    var s = document.getElementById(key), m = document.getElementById("kb-menu");
    if (s) {
      s.parentNode.hidden = false;
      apply();
      s.onchange = function () {
        try {
          if (s.value === "auto") localStorage.removeItem(key);
          else localStorage.setItem(key, s.value);
        } catch (e) {}
        set(s.value);
      };
    }
    // Without ::details-content, CSS cannot show the sidebar open.
    if (m && !CSS.supports("selector(::details-content)") && matchMedia("(min-width: 48rem)").matches) m.open = true;
  });
})();
