// Search ranking of the site (conf.py: html_search_scorer). Sphinx's defaults put every
// glossary entry (an index entry, score 100) and every API object above the page that teaches
// the topic; a reader searching "adam" or "pca" wants the page first. Order here:
//   1. a teaching page (or a section of one) whose title matches, or that marks itself as
//      where a term is taught (a main index entry, ```{index} ! term```),
//   2. glossary entries, then teaching pages that match in their text,
//   3. gallery examples, then API entries (still found, lower down).
// The other values are Sphinx's own defaults (searchtools.js).
const _query = (new URLSearchParams(window.location.search).get("q") || "")
  .toLowerCase().replace(/[-\s]+/g, " ").trim();
const _names = (title) => (title || "").toLowerCase().replace(/[-\s]+/g, " ");

var Scorer = {
  score: (result) => {
    const [docname, title, , , score, , kind] = result;
    const api = docname.startsWith("reference/api/") || docname === "reference/api";
    const glossary = docname === "reference/glossary";
    const example = docname.startsWith("auto_examples/");
    const reference = docname.startsWith("reference/") || docname === "genindex";
    if (api) return Math.min(score, 12) - 10;
    if (glossary) return 40 + Math.min(score, 100) / 10;
    if (example) return Math.min(score, 30);
    if (!reference && kind === "title") return 100 + score;
    if (!reference && kind === "index") return 150 + Math.min(score, 100) / 10; // {index} !term
    if (!reference && _query && _names(title).includes(_query)) return 90 + score / 10;
    if (!reference) return 30 + score;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
