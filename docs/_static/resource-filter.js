// The filter box of the resource pages (docs/resources/): type words, see only the rows of the
// page's tables that contain all of them. Runs offline; no library, no request.
(function () {
  "use strict";
  function setUp(box) {
    var input = box.querySelector("input");
    var status = box.querySelector(".resource-filter-count");
    var article = box.closest("article") || document.body;
    // the rows of the tables after the box (the summary tables above it stay as they are)
    var rows = Array.prototype.slice.call(article.querySelectorAll("table tbody tr"))
      .filter(function (row) {
        return box.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var keep = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      status.textContent = words.length ? shown + " of " + rows.length + " entries match"
                                        : rows.length + " entries";
    }
    input.addEventListener("input", apply);
    apply();
  }
  function init() {
    document.querySelectorAll(".resource-filter").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
