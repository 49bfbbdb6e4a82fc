// Math is rendered when the site is built (sitebuild/math.py); the build loads this script
// on pages with math only. Two things remain for the browser:
// - copying a selection that holds formulas gives their TeX ($…$, $$…$$ for display math),
//   read from the MathML annotation KaTeX writes beside its HTML;
// - a formula wider than the column scrolls sideways, so it must take keyboard focus
//   (axe: scrollable-region-focusable); only those that overflow become tab stops.
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

  // Also called by the practice page for each card it shows. All widths are read before any
  // tabindex is written: a write between two reads would make the browser lay out again.
  window.focusWideMath = function (root) {
    var wide = Array.prototype.filter.call(root.querySelectorAll("div.arithmatex, .katex-display"), function (block) {
      return block.scrollWidth > block.clientWidth && !block.hasAttribute("tabindex");
    });
    wide.forEach(function (block) { block.setAttribute("tabindex", "0"); });
  };
  function focusWideMathOnPage() {
    var content = document.querySelector(".md-content");
    if (content) window.focusWideMath(content);
  }
  // Measured once the page and the fonts it preloads have loaded (widths change when KaTeX's
  // fonts arrive). Not earlier: asking for document.fonts.ready while the page is parsed made
  // the browser compute the style of the whole page then, 0.2 s on a phone for dl/normalization.
  if (document.readyState === "complete") focusWideMathOnPage();
  else window.addEventListener("load", focusWideMathOnPage);
})();
