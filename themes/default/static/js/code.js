// Code blocks: a "Copy code" button on each, which copies the block's
// text and says "Copied" in a live region beside it. Loaded only on pages
// with a code block; without JavaScript or a clipboard, blocks are plain.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".prose pre").forEach(function (pre) {
    var box = document.createElement("div");
    box.className = "code-block";
    pre.parentNode.insertBefore(box, pre);
    box.appendChild(pre);
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("aria-live", "polite");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = "Copy code";
    box.appendChild(status);
    box.appendChild(button);
    var timer;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.innerText.replace(/\n$/, "")).then(function () {
        status.textContent = "Copied";
      }, function () {
        status.textContent = "Could not copy";
      });
      clearTimeout(timer);
      timer = setTimeout(function () { status.textContent = ""; }, 2500);
    });
  });
})();
