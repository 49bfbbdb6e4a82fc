// Math is rendered when the site is built (sitebuild/math.py); the build loads this script
// on pages with math only. Two things remain for the browser:
// - copying a selection that holds formulas gives their TeX ($…$, $$…$$ for display math),
//   read from the MathML annotation KaTeX writes beside its HTML;
// - a formula wider than the column scrolls sideways, so it must take keyboard focus
//   (axe: scrollable-region-focusable); only those that overflow stay tab stops.
(function () {
  function formulaOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element && element.closest(".katex");
  }
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!event.clipboardData || !selection.rangeCount || selection.isCollapsed) return;
    var range = selection.getRangeAt(0).cloneRange();
    // Part of a formula selected: copy the whole formula.
    var start = formulaOf(range.startContainer), end = formulaOf(range.endContainer);
    if (start) range.setStartBefore(start);
    if (end) range.setEndAfter(end);
    var fragment = range.cloneContents();
    if (!fragment.querySelector(".katex-mathml")) return;
    var holder = document.createElement("div");
    holder.appendChild(fragment.cloneNode(true));
    fragment.querySelectorAll(".katex").forEach(function (formula) {
      var annotation = formula.querySelector('annotation[encoding="application/x-tex"]');
      if (!annotation) return;
      var block = formula.parentElement && formula.parentElement.classList.contains("katex-display")
        ? formula.parentElement : null;
      var delimiter = block ? "$$" : "$";
      (block || formula).replaceWith(document.createTextNode(delimiter + annotation.textContent + delimiter));
    });
    event.clipboardData.setData("text/plain", fragment.textContent);
    event.clipboardData.setData("text/html", holder.innerHTML);
    event.preventDefault();
  });

  // A formula wider than its column scrolls sideways and must be a tab stop; one that fits
  // must not. Every display formula starts as a tab stop (so none is ever out of the
  // keyboard's reach) and is measured once it is rendered: after the page and its fonts have
  // loaded, and again whenever its size changes (a ResizeObserver: it comes near the screen
  // past the page's first blocks, see extra.css; a closed <details> or another tab opens; the
  // phone turns). A formula the browser skips rendering is not measured: reading its width
  // would make the browser render it, and everything else skipped, at once.
  var FORMULAS = "div.arithmatex, .katex-display";
  // A formula is rendered if its content is: a top-level formula past the first blocks is
  // itself the element whose content the browser skips.
  var measure = function (blocks) {
    var rendered = blocks.filter(function (block) {
      var content = block.firstElementChild || block;
      return !content.checkVisibility || content.checkVisibility({contentVisibilityAuto: true});
    });
    // All widths are read before any tabindex is written: a write between two reads would
    // make the browser lay out again.
    var wide = rendered.map(function (block) { return block.scrollWidth > block.clientWidth; });
    rendered.forEach(function (block, i) {
      if (wide[i]) block.setAttribute("tabindex", "0");
      else if (block !== document.activeElement) block.removeAttribute("tabindex");
    });
  };
  var resized = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(function (entries) {
    measure(entries.map(function (entry) { return entry.target; }));
  });
  // Also called by the practice page for each card it shows.
  window.focusWideMath = function (root) {
    var blocks = Array.prototype.slice.call(root.querySelectorAll(FORMULAS));
    blocks.forEach(function (block) {
      if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "0");
      if (resized) resized.observe(block);
    });
    return blocks;
  };
  var onPage = [];
  var content = document.querySelector(".md-content");
  if (content) onPage = window.focusWideMath(content);
  // Widths change when KaTeX's fonts arrive: measured again once the page and the fonts it
  // preloads have loaded. Not earlier: asking for document.fonts.ready while the page is
  // parsed made the browser compute the style of the whole page then, 0.2 s on a phone for
  // dl/normalization.
  if (document.readyState === "complete") measure(onPage);
  else window.addEventListener("load", function () { measure(onPage); });
})();
