// Reader comforts that need a script (docs/_static/custom.css has the rest):
//  - a figure opens full size on click, Enter or Space (a <dialog>; Esc or a click closes it);
//  - a display formula wider than its column is shrunk to fit (down to 55 %; beyond that it
//    scrolls inside its own box), so phones show whole formulas;
//  - the sidebar's expand chevrons (labels of hidden checkboxes) work from the keyboard.
(() => {
  "use strict";

  function figureViewer() {
    const dialog = document.createElement("dialog");
    dialog.className = "figure-viewer";
    const big = document.createElement("img");
    dialog.appendChild(big);
    dialog.addEventListener("click", () => dialog.close());
    document.body.appendChild(dialog);
    return (img) => {
      big.src = img.currentSrc || img.src;
      big.alt = img.alt;
      dialog.showModal();
    };
  }

  function enlargeableFigures() {
    let viewer = null; // made on first use: an empty <img> in the page would be a broken image
    const open = (img) => (viewer = viewer || figureViewer())(img);
    for (const img of document.querySelectorAll("article img")) {
      if (img.closest("a")) continue; // thumbnails and linked images go where they link
      img.classList.add("enlargeable");
      img.tabIndex = 0;
      img.setAttribute("role", "button");
      img.setAttribute("aria-label", "Enlarge the figure: " + (img.alt || "figure"));
      img.addEventListener("click", () => open(img));
      img.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open(img);
        }
      });
    }
  }

  // How many times wider than its box a display formula is (KaTeX's visible part scrolls by
  // itself: .katex-html has overflow-x: auto).
  function overflowOf(box) {
    const shown = box.querySelector(".katex-html") || box;
    return shown.scrollWidth / Math.max(shown.clientWidth, 1);
  }

  function shrinkToFit(box) {
    box.style.fontSize = "";
    const overflow = overflowOf(box);
    if (overflow > 1.001) box.style.fontSize = Math.max(0.55, 0.98 / overflow) * 100 + "%";
  }

  // A long formula comes in variants (docs/_ext/katex_prerender.py): as written, its parts
  // stacked, its = chains broken. Show the first that fits at 75 % or more, else the last.
  function fitFormulas() {
    for (const math of document.querySelectorAll("div.math")) {
      const variants = Array.from(math.querySelectorAll(":scope > .math-variant"));
      if (!variants.length) continue;
      let chosen = variants[variants.length - 1];
      for (const variant of variants) variant.hidden = true;
      for (const variant of variants) {
        variant.hidden = false;
        const box = variant.querySelector(".katex-display") || variant;
        box.style.fontSize = "";
        const fits = overflowOf(box) <= 1 / 0.75;
        variant.hidden = true;
        if (fits) {
          chosen = variant;
          break;
        }
      }
      chosen.hidden = false;
    }
    for (const box of document.querySelectorAll(".katex-display")) {
      if (!box.closest(".math-variant[hidden]")) shrinkToFit(box);
    }
  }

  function keyboardChevrons() {
    for (const label of document.querySelectorAll(".sidebar-tree label[for]")) {
      const box = document.getElementById(label.htmlFor);
      if (!box || box.type !== "checkbox") continue;
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      const sync = () => label.setAttribute("aria-expanded", String(box.checked));
      const title = label.parentElement.querySelector(":scope > a");
      label.setAttribute("aria-label", "Expand " + (title ? title.textContent.trim() : "section"));
      sync();
      box.addEventListener("change", sync);
      label.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          box.checked = !box.checked;
          box.dispatchEvent(new Event("change"));
        }
      });
    }
  }

  function start() {
    enlargeableFigures();
    keyboardChevrons();
    fitFormulas();
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(fitFormulas);
    });
    document.fonts && document.fonts.ready.then(fitFormulas);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
