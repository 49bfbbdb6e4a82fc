// Under each interview question's answer: put it into today's drill, or mark it known, in
// the practice page's progress (localStorage, see practice.js). The build gives each
// question's anchor its card id (data-card, sitebuild/practice.py).
(function () {
  "use strict";
  var anchors = document.querySelectorAll("a.question-anchor[data-card]");
  if (!anchors.length) return;
  var language = document.documentElement.lang === "zh" ? "zh" : "en";
  var KEY = "perception-interview-drill:" + language;
  var fsrsUrl = new URL("../vendor/ts-fsrs/index.umd.js", document.currentScript.src).href;
  var TEXT = {
    zh: { today: "今天练这道题", known: "我已掌握这道题", added: "已加入今天的练习。",
          marked: "已标记为掌握，会在很久之后再出现。", failed: "无法保存练习进度。" },
    en: { today: "Drill this today", known: "I know this one", added: "Added to today's drill.",
          marked: "Marked as known; it will come back much later.", failed: "Could not save drill progress." },
  }[language];

  function read() {
    try {
      var file = JSON.parse(localStorage.getItem(KEY));
      if (file && file.format === "perception-interview-drill" && file.cards) return file;
    } catch (e) { /* unreadable: start afresh, as the practice page does */ }
    return { format: "perception-interview-drill", version: 1, language: language, cards: {} };
  }
  function write(file) { localStorage.setItem(KEY, JSON.stringify(file, null, 1)); }
  var loading = null;
  function fsrs() {
    loading = loading || new Promise(function (resolve, reject) {
      if (window.FSRS) { resolve(window.FSRS); return; }
      var script = document.createElement("script");
      script.src = fsrsUrl;
      script.onload = function () { resolve(window.FSRS); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  // Due now: a card already learned comes back today; a new one is first in the queue anyway
  // once it is due, so it gets a record that is due now without changing its FSRS memory.
  function drillToday(id) {
    return fsrs().then(function (FSRS) {
      var file = read();
      var now = new Date();
      var record = file.cards[id] || serialize(FSRS.createEmptyCard(now));
      record.due = now.toISOString();
      file.cards[id] = record;
      write(file);
      return TEXT.added;
    });
  }
  // Known: rated Easy now, as on the practice page.
  function markKnown(id) {
    return fsrs().then(function (FSRS) {
      var file = read();
      var now = new Date();
      var stored = file.cards[id];
      var card = stored ? Object.assign({}, stored, { due: new Date(stored.due),
        last_review: stored.last_review ? new Date(stored.last_review) : undefined }) : FSRS.createEmptyCard(now);
      var scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false }));
      file.cards[id] = serialize(scheduler.next(card, now, FSRS.Rating.Easy).card);
      write(file);
      return TEXT.marked;
    });
  }
  function serialize(card) {
    return { due: card.due.toISOString(), stability: card.stability, difficulty: card.difficulty,
             elapsed_days: card.elapsed_days, scheduled_days: card.scheduled_days,
             learning_steps: card.learning_steps || 0, reps: card.reps, lapses: card.lapses, state: card.state,
             last_review: card.last_review ? new Date(card.last_review).toISOString() : null };
  }

  anchors.forEach(function (anchor) {
    var holder = anchor.parentElement && anchor.parentElement.tagName === "P" ? anchor.parentElement : anchor;
    var details = holder.nextElementSibling;
    if (!details || details.tagName !== "DETAILS") return;
    var id = anchor.dataset.card;
    var status = document.createElement("span");
    status.className = "question-drill__status";
    status.setAttribute("role", "status");
    var bar = document.createElement("p");
    bar.className = "question-drill";
    [[TEXT.today, drillToday, "today"], [TEXT.known, markKnown, "known"]].forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button question-drill__" + entry[2];
      button.textContent = entry[0];
      button.addEventListener("click", function () {
        entry[1](id).then(function (message) { status.textContent = message; },
                          function () { status.textContent = TEXT.failed; });
      });
      bar.appendChild(button);
    });
    bar.appendChild(status);
    details.appendChild(bar);
  });
})();
