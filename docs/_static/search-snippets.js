/* Search result snippets are cut from each page's HTML text. KaTeX writes every
 * formula twice (visible HTML, plus hidden MathML holding the TeX source), so the
 * snippets showed "J(θ)=θ2J(\theta) = \theta^2J(θ)=θ2". Drop the hidden copy first. */
(function () {
  function patch() {
    if (typeof Search === "undefined" || !Search.htmlToText || Search._katexPatched) return;
    const original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".katex-mathml").forEach((el) => el.remove());
      return original.call(this, doc.documentElement.outerHTML, anchor);
    };
    Search._katexPatched = true;
  }
  patch();
  document.addEventListener("DOMContentLoaded", patch);
})();
