// Typeset math with the site's own copy of KaTeX (assets/vendor/katex), loaded only on
// pages that have math.
// Pages: pymdownx.arithmatex (generic) wraps math in .arithmatex as \( \) and \[ \].
// Notebooks: nbconvert leaves $ and $$ in rendered Markdown cells, so those delimiters are
// on too, limited to the page content (KaTeX skips pre and code, so code cells too).
(function () {
  var katexRoot = new URL("../vendor/katex/", document.currentScript.src);
  var root = document.documentElement;

  function hasMath(content) {
    if (content.querySelector(".arithmatex")) return true;
    return Array.from(content.querySelectorAll(".jp-RenderedMarkdown"))
      .some(function (el) { return /\$[^$]+\$/.test(el.textContent); });
  }
  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.assign(element, attributes, { onload: resolve, onerror: reject });
      document.head.appendChild(element);
    });
  }
  var katexLoaded = null;
  function loadKatex() {
    katexLoaded = katexLoaded || Promise.all([
      load("link", { rel: "stylesheet", href: new URL("katex.min.css", katexRoot).href }),
      // Inserted with async=false, the two scripts download together and run in this order.
      load("script", { src: new URL("katex.min.js", katexRoot).href, async: false }),
      load("script", { src: new URL("contrib/auto-render.min.js", katexRoot).href, async: false }),
    ]);
    return katexLoaded;
  }
  // For content added later (the practice page's cards): typeset `element` when it has math.
  window.typesetMath = function (element) {
    if (!element.querySelector(".arithmatex")) return Promise.resolve();
    return loadKatex().then(function () { render(element); });
  };
  function typeset() {
    var content = document.querySelector(".md-content");
    if (!content || !hasMath(content)) { root.dataset.mathTypeset = "none"; return; }
    loadKatex().then(function () {
      render(content);
      root.dataset.mathTypeset = "done";
      root.dataset.mathTypesetMs = String(Math.round(performance.now()));
    }).catch(function (error) {
      console.error("math typesetting failed:", error);
      root.dataset.mathTypeset = "failed";
    });
  }
  function render(content) {
    window.renderMathInElement(content, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "\\[", right: "\\]", display: true },
        { left: "\\(", right: "\\)", display: false },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: false,
    });
    // A formula wider than the column scrolls sideways: keyboard users must be able to reach
    // it (axe: scrollable-region-focusable). Only those that overflow become tab stops.
    content.querySelectorAll("div.arithmatex, .katex-display").forEach(function (block) {
      if (block.scrollWidth > block.clientWidth && !block.hasAttribute("tabindex")) {
        block.setAttribute("tabindex", "0");
      }
    });
  }
  // extra_javascript runs at the end of <body>: the content is parsed, so start now rather
  // than after Material's DOMContentLoaded work.
  if (document.querySelector(".md-content")) typeset();
  else document.addEventListener("DOMContentLoaded", typeset);
})();
