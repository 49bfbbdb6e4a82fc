// Site search: queries cut into the words the index holds, and the title that holds the query
// as typed listed first. Why and how: sitebuild/search_index.py. Loaded in <head>
// (sitebuild/templates/main.html), before Material starts its search worker; it only edits
// the messages to and from that worker.
(function () {
  "use strict";
  deferIndex();
  if (typeof Worker === "undefined") return;
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var SECTION_BOOST = 2, DIGEST_BOOST = 0.5, PHRASE_BONUS = 3;
  var DIGEST = /^(errata|questions)(\/|\.html)/;
  var HAN = /\p{sc=Han}+/gu;
  var HAN_WORD = /^\p{sc=Han}+$/u;
  var HAN_RUN = /(\p{sc=Han}+)/u;
  // What lunr's trimmer strips from indexed words, so "id()" finds "id".
  var EDGE = /^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu;
  var TAG = /<[^>]*>/g;
  var NOT_LETTER = /[^\p{L}\p{N}]+/gu;
  // Appended to each Chinese word of two or more characters so that Material's own query
  // segmenter keeps it whole (it never tries a run's last character). CJK Extension A: in no
  // index word (tests/site/test_search_index.py).
  var MARK = "\u3400";
  // lunr.zh's stop words (the copy Material ships; tests/site/test_search_index.py compares):
  // the index leaves them out, so in a query they could only show as missing.
  var STOP = new Set("的 一 不 在 人 有 是 为 為 以 于 於 上 他 而 后 後 之 来 來 及 了 因 下 可 到 由 这 這 与 與 也 此 但 并 並 个 個 其 已 无 無 小 我 们 們 起 最 再 今 去 好 只 又 或 很 亦 某 把 那 你 乃 它 吧 被 比 别 趁 当 當 从 從 得 打 凡 儿 兒 尔 爾 该 該 各 给 給 跟 和 何 还 還 即 几 幾 既 看 据 據 距 靠 啦 另 么 麽 每 嘛 拿 哪 您 凭 憑 且 却 卻 让 讓 仍 啥 如 若 使 谁 誰 虽 雖 随 隨 同 所 她 哇 嗡 往 些 向 沿 哟 喲 用 咱 则 則 怎 曾 至 致 着 著 诸 諸 自".split(" "));
  var words = null;
  var longest = 0;
  var sent = [];  // each query on its way to the worker, oldest first: {phrase, several}

  function learn(index) {
    var separator = new RegExp(index.config.separator, "u");
    var found = new Set();
    index.docs.forEach(function (doc) {
      [doc.title, doc.text].forEach(function (field) {
        (field || "").split(separator).forEach(function (token) {
          if (HAN_WORD.test(token)) found.add(token);
        });
      });
    });
    longest = 0;
    found.forEach(function (word) { longest = Math.max(longest, word.length); });
    words = found;
  }

  // Fewest words; a character in no word counts one and a half; ties go to the longer first word.
  function cut(run) {
    var cost = [], step = [];
    cost[run.length] = 0;
    for (var i = run.length - 1; i >= 0; i--) {
      cost[i] = Infinity;
      for (var n = Math.min(longest, run.length - i); n >= 1; n--) {
        var known = words.has(run.slice(i, i + n));
        if (!known && n > 1) continue;
        var c = cost[i + n] + (known ? 2 : 3);
        if (c < cost[i]) { cost[i] = c; step[i] = n; }
      }
    }
    var out = [];
    for (var j = 0; j < run.length; j += step[j]) out.push(run.slice(j, j + step[j]));
    return out;
  }

  // Material appends a wildcard to every word ("深*" found 深度, "const*" constexpr) and any
  // one word is enough. Here the word being typed (the last, nothing after it) matches as a
  // prefix, 可 on the way to 可变 too; finished words match whole. The words cut from one
  // Chinese run are one term the reader typed, so a result must hold them all (列表字面量 is
  // not 量); words apart stay optional, as in Material. Terms written in search syntax
  // (+a -b a:b a* a^2 a~1 "a b") are left as written.
  function rewrite(query) {
    var pieces = [];
    query.trim().split(/\s+/).forEach(function (term) {
      if (/^[+-]|[:*^~"]/.test(term)) { pieces.push({ text: term, syntax: true }); return; }
      term.split(HAN_RUN).forEach(function (part) {
        if (!HAN_WORD.test(part)) {
          part = part.replace(EDGE, "");
          if (part) pieces.push({ text: part });
          return;
        }
        var parts = cut(part);
        var known = parts.filter(function (w) { return words.has(w) && !STOP.has(w); });
        parts.forEach(function (w) {
          pieces.push({ text: w, han: true, required: known.length > 1 && known.indexOf(w) >= 0 });
        });
      });
    });
    var open = !/\s$/.test(query);
    return pieces.map(function (piece, k) {
      if (piece.syntax) return piece.text;
      var typing = open && k === pieces.length - 1;
      if (STOP.has(piece.text) && !typing) return "";
      var mark = piece.han && piece.text.length > 1 && words.has(piece.text) ? MARK : "";
      if (piece.required) return "+" + piece.text + mark + (typing ? "*" : "");
      return piece.text + mark + (typing ? "" : "^1");
    }).filter(Boolean).join(" ");
  }

  function letters(text) {
    return text.replace(TAG, "").replace(NOT_LETTER, "").toLowerCase();
  }

  // Material's order, adjusted (its scores are kept, multiplied):
  // - Material multiplies an article's score by 1 + (1 + f)² and a section's by 1 + f² (f: the
  //   share of query words found), so a page's introduction outranked the section titled with
  //   the query, 5 to 2 when every word was found. SECTION_BOOST leaves the page a small lead.
  // - The errata and the question index restate other pages' headings: their sections get
  //   DIGEST_BOOST and no phrase bonus, so they come after the page they point to.
  // - Words are scored, not their order: "virtual inheritance" matched "Kinds of inheritance
  //   and virtual destructors" as well as "Virtual inheritance"; 感知 matched 感知面试基础复习
  //   as well as 感知. A title that is the query, or holds a query of two or more words as
  //   typed (nothing between the words), scores PHRASE_BONUS times more.
  function reorder(result, asked) {
    if (!result || !Array.isArray(result.items)) return;
    function stated(item) {
      var title = letters(item.title || "");
      return asked.phrase !== "" && (title === asked.phrase || (asked.several && title.indexOf(asked.phrase) >= 0));
    }
    result.items.forEach(function (group) {
      group.forEach(function (item) {
        var location = String(item.location || "");
        if (location.indexOf("#") < 0) {
          if (stated(item)) item.score *= PHRASE_BONUS;
        } else if (DIGEST.test(location)) {
          item.score *= DIGEST_BOOST;
        } else {
          item.score *= SECTION_BOOST;
          if (stated(item)) item.score *= PHRASE_BONUS;
        }
      });
      group.sort(function (a, b) { return b.score - a.score; });
    });
    result.items.sort(function (a, b) { return b[0].score - a[0].score; });
  }

  var proto = Worker.prototype;
  var post = proto.postMessage;
  proto.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    var asked = { phrase: "", several: false };
    try {
      if (message && message.type === SETUP && message.data && message.data.docs) {
        learn(message.data);
      } else if (message && message.type === QUERY && words && typeof message.data === "string") {
        var query = rewrite(message.data);
        asked = { phrase: letters(message.data), several: query.split(/\s+/).filter(Boolean).length > 1 };
        args[0] = { type: QUERY, data: query };
      }
    } catch (error) {  // then search as Material does, rather than not at all
      words = null;
      console.warn("search.js:", error);
    }
    if (message && message.type === QUERY) sent.push(asked);
    return post.apply(this, args);
  };

  var handled = new WeakSet();
  var wrapped = new WeakMap();
  var listen = proto.addEventListener, unlisten = proto.removeEventListener;
  proto.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return listen.apply(this, arguments);
    if (!wrapped.has(listener)) {
      wrapped.set(listener, function (event) {
        var data = event.data;
        if (data && typeof data === "object" && data.type === RESULT && !handled.has(data)) {
          handled.add(data);
          try {
            reorder(data.data, sent.shift() || { phrase: "", several: false });
          } catch (error) {
            console.warn("search.js:", error);
          }
        }
        return listener.call(this, event);
      });
    }
    return listen.call(this, type, wrapped.get(listener), options);
  };
  proto.removeEventListener = function (type, listener, options) {
    var inner = type === "message" && wrapped.get(listener);
    return unlisten.call(this, type, inner || listener, options);
  };

  // The index (about 200 KB gzip-compressed, parsed, copied to the worker and read by learn()
  // on the main thread) is fetched when the reader turns to search, not with every page:
  // focusing or pointing at the search box, or its key (Material focuses the box). Material
  // waits for it as for a slow network, so a query typed meanwhile is answered once it is in.
  // Opened with ?h= (from a search result) the page needs it for highlighting: fetched at once.
  // From file:// Material loads search_index.js itself, and only when search is opened.
  function deferIndex() {
    if (typeof XMLHttpRequest === "undefined" || /[?&]h=/.test(location.search)) return;
    var INDEX = /\/search\/search_index\.json(\?|$)/;
    var xhr = XMLHttpRequest.prototype, open = xhr.open, send = xhr.send;
    var waiting = [], wanted = false, EVENTS = ["focusin", "pointerdown", "pointerover", "change"];
    xhr.open = function (method, url) {
      this.__searchIndex = INDEX.test(String(url));
      return open.apply(this, arguments);
    };
    xhr.send = function () {
      if (this.__searchIndex && !wanted) { waiting.push([this, arguments]); return; }
      return send.apply(this, arguments);
    };
    function want() {
      if (wanted) return;
      wanted = true;
      EVENTS.forEach(function (type) { document.removeEventListener(type, onEvent, true); });
      waiting.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
    }
    function onEvent(event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      if (target.closest(".md-search, [for='__search']") || target.matches("[data-md-toggle='search']")) want();
    }
    EVENTS.forEach(function (type) { document.addEventListener(type, onEvent, true); });
  }
})();
