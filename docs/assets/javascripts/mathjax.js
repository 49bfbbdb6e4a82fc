// Typeset math with the site's own copy of MathJax 3, loaded only on pages that have math.
// Pages: pymdownx.arithmatex (generic) wraps math in .arithmatex as \( \) and \[ \].
// Notebooks: nbconvert leaves $ and $$ in rendered Markdown cells, so those delimiters are
// on too, limited to the page content (code is skipped by MathJax itself).
(function () {
  var here = document.currentScript.src;
  window.MathJax = {
    tex: {
      inlineMath: [["\\(", "\\)"], ["$", "$"]],
      displayMath: [["\\[", "\\]"], ["$$", "$$"]],
      processEscapes: true,
      processEnvironments: true,
    },
    // Only the page content: navigation, header and search never hold math.
    startup: { elements: [".md-content"] },
    chtml: { fontURL: new URL("../mathjax/output/chtml/fonts/woff-v2", here).href },
  };
  function hasMath() {
    return document.querySelector(".arithmatex, .jp-RenderedMarkdown") !== null &&
      /\\\(|\\\[|\$/.test(
        Array.from(document.querySelectorAll(".arithmatex, .jp-RenderedMarkdown"))
          .map(function (el) { return el.textContent; }).join(" "));
  }
  function load() {
    if (!hasMath()) { document.documentElement.dataset.mathTypeset = "none"; return; }
    Object.assign(window.MathJax.startup, {
      pageReady: function () {
        return window.MathJax.startup.defaultPageReady().then(function () {
          document.documentElement.dataset.mathTypeset = "done";
          document.documentElement.dataset.mathTypesetMs = String(Math.round(performance.now()));
        });
      },
    });
    var script = document.createElement("script");
    script.src = new URL("../mathjax/tex-chtml.js", here).href;
    script.async = true;
    document.head.appendChild(script);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
