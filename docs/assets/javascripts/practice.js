// The practice page: every interview question as a flash card, scheduled with FSRS (the
// vendored ts-fsrs, global FSRS). Cards come from window.drillCards (assets/practice/
// cards-<lang>.js, written by sitebuild/practice.py); progress is kept in localStorage per
// language and can be exported to a JSON file and imported again.
(function () {
  "use strict";
  var data = window.drillCards;
  var root = document.getElementById("drill");
  if (!data || !root || !window.FSRS) return;

  var FORMAT = "perception-interview-drill";
  var VERSION = 1;
  var KEY = FORMAT + ":" + data.language;
  var LEARN_AHEAD_MS = 20 * 60 * 1000;  // as Anki: a learning card due within 20 min is shown
  var STATES = [0, 1, 2, 3];  // FSRS.State: New, Learning, Review, Relearning
  var NUMBERS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses"];
  var TEXT = {
    zh: {
      allChapters: "全部章节", allPages: "全部页面", chapter: "章节", page: "页面",
      counts: function (c) { return "新题 " + c.new + " · 待复习 " + c.due + " · 已学 " + c.learned; },
      start: "开始练习", nothing: "现在没有要复习的题。", nextDue: "下一道到期：",
      show: "显示答案", end: "结束本轮", again: "重来", hard: "困难", good: "良好", easy: "简单",
      question: "问题", answer: "答案", rating: "评分", source: "在原页面查看",
      progress: function (n, more) { return "第 " + n + " 题，之后还有 " + more + " 道"; },
      rated: function (label, when) { return "已评为“" + label + "”，" + when + "后再复习。"; },
      summaryTitle: "本轮小结",
      summary: function (s) { return "本轮复习了 " + s.total + " 道题：重来 " + s[1] + "，困难 " + s[2] + "，良好 " + s[3] + "，简单 " + s[4] + "。"; },
      again2: "再练一轮", export: "导出进度", import: "导入进度", reset: "清空进度",
      confirmReset: "清空这个浏览器里的全部练习进度？此操作不能撤销（可以先导出）。",
      resetDone: "进度已清空。", exported: "进度已导出。",
      imported: function (n, dropped) { return "已导入 " + n + " 道题的进度" + (dropped ? "（" + dropped + " 道题已不在网站上，已略过）" : "") + "。"; },
      notJson: "导入失败：这个文件不是 JSON。进度没有改变。",
      foreign: "导入失败：这不是本站导出的练习进度文件。进度没有改变。",
      otherLanguage: function (l) { return "导入失败：这个文件是" + (l === "en" ? "英文" : "其他语言") + "页面的进度，请在对应语言的练习页导入。进度没有改变。"; },
      badVersion: "导入失败：文件版本不受支持。进度没有改变。",
      badCard: function (id) { return "导入失败：题目 " + id + " 的记录不完整或有误。进度没有改变。"; },
      unreadable: "浏览器里保存的进度无法读取，已从头开始。",
      units: ["分钟", "小时", "天", "个月", "年"], sep: "",
    },
    en: {
      allChapters: "All chapters", allPages: "All pages", chapter: "Chapter", page: "Page",
      counts: function (c) { return "New " + c.new + " · Due " + c.due + " · Learned " + c.learned; },
      start: "Start drill", nothing: "Nothing to review right now.", nextDue: "Next due: ",
      show: "Show answer", end: "End session", again: "Again", hard: "Hard", good: "Good", easy: "Easy",
      question: "Question", answer: "Answer", rating: "Rating", source: "See it on its page",
      progress: function (n, more) { return "Card " + n + ", " + more + " more after it"; },
      rated: function (label, when) { return "Rated " + label + "; next review in " + when + "."; },
      summaryTitle: "Session summary",
      summary: function (s) { return "You reviewed " + s.total + " cards: Again " + s[1] + ", Hard " + s[2] + ", Good " + s[3] + ", Easy " + s[4] + "."; },
      again2: "Drill again", export: "Export progress", import: "Import progress", reset: "Reset progress",
      confirmReset: "Erase all drill progress kept in this browser? This cannot be undone (export it first).",
      resetDone: "Progress erased.", exported: "Progress exported.",
      imported: function (n, dropped) { return "Imported progress for " + n + " cards" + (dropped ? " (" + dropped + " no longer on the site were skipped)" : "") + "."; },
      notJson: "Import failed: the file is not JSON. Your progress is unchanged.",
      foreign: "Import failed: this is not a progress file exported by this site. Your progress is unchanged.",
      otherLanguage: function (l) { return "Import failed: this file holds the progress of the " + (l === "zh" ? "Chinese" : "other language's") + " pages; import it on that practice page. Your progress is unchanged."; },
      badVersion: "Import failed: unsupported file version. Your progress is unchanged.",
      badCard: function (id) { return "Import failed: the record of card " + id + " is incomplete or wrong. Your progress is unchanged."; },
      unreadable: "The progress stored in this browser could not be read; starting afresh.",
      units: ["min", "h", "d", "mo", "y"], sep: " ",
    },
  };
  var t = TEXT[data.language] || TEXT.en;
  var LABELS = [null, t.again, t.hard, t.good, t.easy];
  var scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false }));
  var byId = {};
  data.cards.forEach(function (card) { byId[card.id] = card; });

  // --- progress -----------------------------------------------------------------------
  var progress = {};  // card id -> stored FSRS card (dates as ISO strings)

  function validRecord(record) {
    if (!record || typeof record !== "object") return false;
    if (NUMBERS.some(function (name) { return typeof record[name] !== "number" || !isFinite(record[name]) || record[name] < 0; })) return false;
    if (STATES.indexOf(record.state) < 0) return false;
    if (typeof record.due !== "string" || isNaN(Date.parse(record.due))) return false;
    return record.last_review === null || record.last_review === undefined
      || (typeof record.last_review === "string" && !isNaN(Date.parse(record.last_review)));
  }
  // The cards of a progress file, or an error message. Cards no longer on the site are dropped.
  function parseProgress(text) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return { error: t.notJson }; }
    if (!file || typeof file !== "object" || file.format !== FORMAT || typeof file.cards !== "object" || !file.cards) return { error: t.foreign };
    if (file.version !== VERSION) return { error: t.badVersion };
    if (file.language !== data.language) return { error: t.otherLanguage(file.language) };
    var cards = {}, dropped = 0;
    for (var id in file.cards) {
      if (!Object.prototype.hasOwnProperty.call(file.cards, id)) continue;
      if (!validRecord(file.cards[id])) return { error: t.badCard(id) };
      if (byId[id]) cards[id] = pick(file.cards[id]); else dropped += 1;
    }
    return { cards: cards, dropped: dropped };
  }
  function pick(record) {
    var kept = { due: record.due, state: record.state, last_review: record.last_review || null };
    NUMBERS.forEach(function (name) { kept[name] = record[name]; });
    return kept;
  }
  function serialize() {
    return JSON.stringify({ format: FORMAT, version: VERSION, language: data.language, cards: progress }, null, 1);
  }
  function save() {
    try { localStorage.setItem(KEY, serialize()); } catch (e) { say(String(e)); }
  }
  function load() {
    var text = null;
    try { text = localStorage.getItem(KEY); } catch (e) { /* storage disabled: session only */ }
    if (text === null) return;
    var parsed = parseProgress(text);
    if (parsed.error) { say(t.unreadable); return; }
    progress = parsed.cards;
    if (parsed.dropped) save();
  }
  function toCard(record) {
    var card = Object.assign({}, record, { due: new Date(record.due) });
    card.last_review = record.last_review ? new Date(record.last_review) : undefined;
    return card;
  }
  function fromCard(card) {
    var record = pick(Object.assign({}, card, {
      due: card.due.toISOString(), last_review: card.last_review ? new Date(card.last_review).toISOString() : null,
    }));
    return record;
  }

  // --- filters and counts -------------------------------------------------------------
  var chapterSelect, pageSelect, countsLine, main, status;

  function selected() {
    return data.cards.filter(function (card) {
      return (!chapterSelect.value || card.chapter === chapterSelect.value)
        && (!pageSelect.value || card.page === pageSelect.value);
    });
  }
  function counts(cards, now) {
    var c = { new: 0, due: 0, learned: 0 };
    cards.forEach(function (card) {
      var record = progress[card.id];
      if (!record) c.new += 1;
      else if (Date.parse(record.due) <= now) c.due += 1;
      else c.learned += 1;
    });
    return c;
  }
  function nextCard(cards, now, skip) {
    var due = [], fresh = [], ahead = [];
    cards.forEach(function (card) {
      if (skip && card.id === skip) return;
      var record = progress[card.id];
      if (!record) fresh.push(card);
      else if (Date.parse(record.due) <= now) due.push(card);
      else if (record.state !== 2 && Date.parse(record.due) <= now + LEARN_AHEAD_MS) ahead.push(card);
    });
    var byDue = function (a, b) { return Date.parse(progress[a.id].due) - Date.parse(progress[b.id].due); };
    due.sort(byDue); ahead.sort(byDue);
    return { card: due[0] || fresh[0] || ahead[0] || null, left: due.length + fresh.length + ahead.length };
  }

  // --- DOM helpers --------------------------------------------------------------------
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name === "html") node.innerHTML = attributes[name];
      else if (name === "on") Object.keys(attributes.on).forEach(function (e) { node.addEventListener(e, attributes.on[e]); });
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function say(message) { if (status) status.textContent = message; }
  function interval(from, to) {
    var minutes = Math.max(1, Math.round((to - from) / 60000));
    var value, unit;
    if (minutes < 60) { value = minutes; unit = 0; }
    else if (minutes < 24 * 60) { value = Math.round(minutes / 60); unit = 1; }
    else if (minutes < 31 * 24 * 60) { value = Math.round(minutes / 1440); unit = 2; }
    else if (minutes < 365 * 24 * 60) { value = Math.round(minutes / 1440 / 30 * 10) / 10; unit = 3; }
    else { value = Math.round(minutes / 1440 / 365 * 10) / 10; unit = 4; }
    return value + t.sep + t.units[unit];
  }
  // Material's treatment of code blocks on load: a block that scrolls must take keyboard focus.
  function prepare(node) {
    node.querySelectorAll("pre > code").forEach(function (code) { code.setAttribute("tabindex", "0"); });
    if (window.focusWideMath) window.focusWideMath(node);  // math.js; the cards' math is rendered by the build
  }

  // --- views --------------------------------------------------------------------------
  var view = "start", session = null, current = null;

  function refreshCounts() {
    countsLine.textContent = t.counts(counts(selected(), Date.now()));
  }
  function showStart(message) {
    view = "start"; current = null;
    refreshCounts();
    var now = Date.now();
    var next = nextCard(selected(), now);
    var children = [];
    if (next.card) {
      children.push(el("button", { type: "button", class: "md-button md-button--primary", id: "drill-start", text: t.start, on: { click: startSession } }));
    } else {
      var dues = selected().map(function (c) { return progress[c.id] && Date.parse(progress[c.id].due); }).filter(Boolean);
      var text = t.nothing + (dues.length ? " " + t.nextDue + new Date(Math.min.apply(null, dues)).toLocaleString(data.language) : "");
      children.push(el("p", { text: text }));
    }
    main.replaceChildren.apply(main, children);
    if (message) say(message);
  }
  function startSession() {
    session = { total: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
    showQuestion();
  }
  function showQuestion() {
    var next = nextCard(selected(), Date.now());
    if (!next.card) { showSummary(); return; }
    view = "question"; current = next.card;
    var heading = el("h2", { id: "drill-question-heading", tabindex: "-1", text: t.question });
    var front = el("div", { class: "drill-front", html: current.front });
    main.replaceChildren(
      el("section", { class: "drill-card", "aria-labelledby": "drill-question-heading", "data-card": current.id }, [
        el("p", { class: "drill-meta", text: current.chapter + " · " + current.pageTitle + " · " + t.progress(session.total + 1, next.left - 1) }),
        heading, front,
        el("div", { class: "drill-actions" }, [
          el("button", { type: "button", class: "md-button md-button--primary", id: "drill-show", text: t.show, on: { click: reveal } }),
          el("button", { type: "button", class: "md-button drill-end", text: t.end, on: { click: showSummary } }),
        ]),
      ]));
    prepare(front);
    heading.focus();
  }
  function reveal() {
    if (view !== "question") return;
    view = "answer";
    var now = new Date();
    var record = progress[current.id];
    var preview = scheduler.repeat(record ? toCard(record) : FSRS.createEmptyCard(now), now);
    var buttons = [1, 2, 3, 4].map(function (rating) {
      var due = preview[rating].card.due;
      return el("button", {
        type: "button", class: "md-button drill-rate" + (rating === 3 ? " md-button--primary" : ""),
        "data-rating": String(rating), "data-due": due.toISOString(), title: due.toLocaleString(data.language),
        on: { click: function () { rate(rating); } },
      }, [
        el("kbd", { "aria-hidden": "true", text: String(rating) }),
        el("span", { text: " " + LABELS[rating] + " · " + interval(now, due) }),
      ]);
    });
    var heading = el("h2", { id: "drill-answer-heading", tabindex: "-1", text: t.answer });
    var back = el("div", { class: "drill-back", html: current.back });
    var card = main.querySelector(".drill-card");
    card.querySelector(".drill-actions").replaceWith(
      el("section", { class: "drill-answer", "aria-labelledby": "drill-answer-heading" }, [
        heading, back,
        el("p", { class: "drill-source" }, [el("a", { href: current.url, text: t.source })]),
      ]),
      el("div", { class: "drill-actions drill-ratings", role: "group", "aria-label": t.rating }, buttons),
      el("div", { class: "drill-actions" }, [el("button", { type: "button", class: "md-button drill-end", text: t.end, on: { click: showSummary } })]));
    prepare(back);
    heading.focus();
  }
  function rate(rating) {
    if (view !== "answer") return;
    var now = new Date();
    var record = progress[current.id];
    var result = scheduler.next(record ? toCard(record) : FSRS.createEmptyCard(now), now, rating);
    progress[current.id] = fromCard(result.card);
    save();
    session.total += 1; session[rating] += 1;
    say(t.rated(LABELS[rating], interval(now, result.card.due)));
    refreshCounts();
    showQuestion();
  }
  function showSummary() {
    if (!session) { showStart(); return; }
    view = "summary"; current = null;
    refreshCounts();
    var heading = el("h2", { id: "drill-summary-heading", tabindex: "-1", text: t.summaryTitle });
    main.replaceChildren(el("section", { class: "drill-summary", "aria-labelledby": "drill-summary-heading" }, [
      heading, el("p", { text: t.summary(session) }),
      el("button", { type: "button", class: "md-button md-button--primary", text: t.again2, on: { click: function () { session = null; showStart(); } } }),
    ]));
    session = null;
    heading.focus();
  }

  // --- export, import, reset ----------------------------------------------------------
  function exportProgress() {
    var blob = new Blob([serialize()], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: FORMAT + "-" + data.language + "-" + new Date().toISOString().slice(0, 10) + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say(t.exported);
  }
  function importProgress(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = parseProgress(String(reader.result));
      if (parsed.error) { say(parsed.error); root.dataset.importResult = "rejected"; return; }
      progress = parsed.cards;
      save();
      session = null;
      showStart(t.imported(Object.keys(parsed.cards).length, parsed.dropped));
      root.dataset.importResult = "accepted";
    };
    reader.onerror = function () { say(t.notJson); root.dataset.importResult = "rejected"; };
    reader.readAsText(file);
  }
  function resetProgress() {
    if (!window.confirm(t.confirmReset)) return;
    progress = {};
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    session = null;
    showStart(t.resetDone);
  }

  // --- keyboard -----------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, .md-search, .md-header")) return;
    var onControl = target.closest && target.closest("button, a, summary");
    if (view === "question" && (event.key === " " || event.key === "Enter") && !onControl) {
      event.preventDefault(); reveal();
    } else if (view === "answer" && ["1", "2", "3", "4"].indexOf(event.key) >= 0) {
      event.preventDefault(); rate(Number(event.key));
    }
  });

  // --- build the page -----------------------------------------------------------------
  function options(select, first, values) {
    select.replaceChildren(el("option", { value: "", text: first }));
    values.forEach(function (v) { select.appendChild(el("option", { value: v[0], text: v[1] })); });
  }
  function unique(pairs) {
    var seen = {};
    return pairs.filter(function (p) { if (seen[p[0]]) return false; seen[p[0]] = true; return true; });
  }
  function fillPages() {
    options(pageSelect, t.allPages, unique(data.cards
      .filter(function (c) { return !chapterSelect.value || c.chapter === chapterSelect.value; })
      .map(function (c) { return [c.page, c.pageTitle]; })));
  }
  chapterSelect = el("select", { id: "drill-chapter" });
  pageSelect = el("select", { id: "drill-page" });
  options(chapterSelect, t.allChapters, unique(data.cards.map(function (c) { return [c.chapter, c.chapter]; })));
  fillPages();
  chapterSelect.addEventListener("change", function () { fillPages(); session = null; showStart(); });
  pageSelect.addEventListener("change", function () { session = null; showStart(); });
  countsLine = el("p", { class: "drill-counts", id: "drill-counts" });
  main = el("div", { class: "drill-main" });
  status = el("p", { class: "drill-status", role: "status", "aria-live": "polite" });
  var fileInput = el("input", { type: "file", accept: "application/json,.json", id: "drill-import-file", hidden: "" });
  fileInput.addEventListener("change", function () {
    if (fileInput.files[0]) importProgress(fileInput.files[0]);
    fileInput.value = "";
  });
  root.replaceChildren(
    el("div", { class: "drill-filters" }, [
      el("label", {}, [el("span", { text: t.chapter }), chapterSelect]),
      el("label", {}, [el("span", { text: t.page }), pageSelect]),
    ]),
    countsLine, main, status,
    el("div", { class: "drill-tools" }, [
      el("button", { type: "button", class: "md-button", id: "drill-export", text: t.export, on: { click: exportProgress } }),
      el("button", { type: "button", class: "md-button", id: "drill-import", text: t.import, on: { click: function () { fileInput.click(); } } }),
      el("button", { type: "button", class: "md-button", id: "drill-reset", text: t.reset, on: { click: resetProgress } }),
      fileInput,
    ]));
  root.dataset.cards = String(data.cards.length);
  load();
  showStart();
  root.dataset.state = "ready";
})();
