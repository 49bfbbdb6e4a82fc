// A link to a question (#q-N, e.g. from the question index) opens its collapsed answer.
(function () {
  function openQuestion() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("q-") !== 0) return;
    var anchor = document.getElementById(id);
    if (!anchor) return;
    var holder = anchor.parentElement && anchor.parentElement.tagName === "P" ? anchor.parentElement : anchor;
    var details = holder.nextElementSibling;
    if (details && details.tagName === "DETAILS") details.open = true;
  }
  window.addEventListener("hashchange", openQuestion);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", openQuestion);
  else openQuestion();
})();
