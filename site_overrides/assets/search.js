// Site search on the prebuilt lunr index. Queries are folded and stemmed exactly as
// generator/search_index.py did for the index (German Snowball and English Porter, both),
// so "Anträge" finds "Antrag". Typos are forgiven (edit distance 1, words of 5+ letters)
// only when the exact search finds too little, so results are not flooded. Nothing is
// sent anywhere: index and data are files of this site.
(function () {
  "use strict";
  var root = document.querySelector("[data-sf-search]");
  if (!root || !window.lunr) return;
  var t = JSON.parse(root.dataset.labels);
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector("[data-sf-count]");
  var list = root.querySelector("[data-sf-results]");
  var empty = root.querySelector("[data-sf-empty]");
  var suggestions = root.querySelector("[data-sf-suggestions]");
  var siteRoot = new URL(root.dataset.root, location.href);
  var index = null, meta = null, timer = null;

  function foldDe(word) {  // generator/search_index.py: fold_de()
    return word.toLowerCase().replace(/ß/g, "ss").replace(/ae/g, "ä").replace(/oe/g, "ö")
      .replace(/(?<!q)ue/g, "ü");
  }

  // Turkish, Arabic, Ukrainian: folded and stemmed as generator/site/search_lang.py does
  var LANGS = {
    tr: {
      fold: function (text) { return text.replace(/I/g, "ı").replace(/İ/g, "i").toLowerCase(); },
      stem: function (w) { return lunr.tr.stemmer(new lunr.Token(w)).toString(); }
    },
    ar: {
      fold: function (text) {
        text = text.normalize("NFC").replace(/[\u064b-\u065f\u0670\u0640]/g, "");
        return text.replace(/[أإآ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه");
      },
      stem: function (w) {
        if (w.length >= 4 && w[0] === "و") w = w.slice(1);
        var pre = ["وال", "بال", "كال", "فال", "لل", "ال"], suf = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ي"];
        for (var i = 0; i < pre.length; i++) {
          if (w.indexOf(pre[i]) === 0 && w.length - pre[i].length >= 2) { w = w.slice(pre[i].length); break; }
        }
        for (var j = 0; j < suf.length; j++) {
          var n = w.length - suf[j].length;
          if (n >= 2 && w.slice(n) === suf[j]) return w.slice(0, n);
        }
        return w;
      }
    },
    uk: {
      fold: function (text) { return text.toLowerCase().replace(/['\u2019\u02bc]/g, ""); },
      stem: function (w) {
        if (w.length > 5) return w.slice(0, 5);
        if (w.length > 3 && "аеєиіїоуюяь".indexOf(w[w.length - 1]) >= 0) return w.slice(0, -1);
        return w;
      }
    }
  };
  var own = LANGS[root.dataset.lang];

  function stems(word) {
    // the index of this page's language was stemmed with that language's stemmer
    if (own) return [own.stem(word)];
    if (root.dataset.lang === "de") return [lunr.de.stemmer(new lunr.Token(foldDe(word))).toString()];
    return [lunr.stemmer(new lunr.Token(word)).toString()];
  }

  function words(query) {
    var found = own ? own.fold(query).match(/[\p{L}\p{N}]+/gu)
      : query.toLowerCase().match(/[0-9a-zäöüß]+/g);
    return (found || []).filter(function (w) {
      return meta.stop.indexOf(w) < 0;
    });
  }

  function carryQuery(query) {
    // links to the other languages' search pages take the query along
    root.querySelectorAll("a[data-sf-carry-query]").forEach(function (a) {
      var url = new URL(a.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      a.href = url.href;
    });
  }

  function run(query, fuzzy) {
    var ws = words(query);
    if (!ws.length) return [];
    return index.query(function (q) {
      ws.forEach(function (w, i) {
        stems(w).forEach(function (s) {
          q.term(s, {usePipeline: false, boost: 10});
          if (i === ws.length - 1 && s.length >= 3) {  // the word being typed
            q.term(s, {usePipeline: false, boost: 3, wildcard: lunr.Query.wildcard.TRAILING});
          }
          if (fuzzy && w.length >= 5) {
            q.term(s, {usePipeline: false, boost: 1, editDistance: 1});
            // a misspelt ending keeps a word from stemming: try it with the ending cut
            for (var cut = 1; cut <= 3 && w.length - cut >= 5; cut++) {
              stems(w.slice(0, -cut)).forEach(function (c) {
                q.term(c, {usePipeline: false, boost: 1, editDistance: 1});
              });
            }
          }
        });
      });
    });
  }

  function topicsChosen() {
    return Array.prototype.map.call(root.querySelectorAll("input[name=thema]:checked"),
      function (box) { return box.value; });
  }

  function search() {
    var query = input.value.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    carryQuery(query);
    list.textContent = "";
    empty.hidden = true;
    if (!query) { status.textContent = ""; return; }
    var hits = run(query, false);
    if (hits.length < 3) hits = run(query, true);
    var chosen = topicsChosen();
    hits = hits.filter(function (h) {
      var topics = meta.docs[h.ref][3];
      return !chosen.length || chosen.some(function (c) { return topics.indexOf(c) >= 0; });
    });
    // one entry per service, at the rank of its best match: the full text when it matched
    // too, else the easy-language version
    var order = [], versions = {};
    hits.forEach(function (h) {
      var service = meta.docs[h.ref][5];
      if (!versions[service]) { versions[service] = []; order.push(service); }
      versions[service].push(h);
    });
    hits = order.map(function (service) {
      var full = versions[service].filter(function (h) { return !meta.docs[h.ref][4]; });
      return full[0] || versions[service][0];
    });
    hits.forEach(function (h) { list.appendChild(item(meta.docs[h.ref])); });
    var n = hits.length;
    status.textContent = n === 0 ? t.none.replace("{q}", query)
      : (n === 1 ? t.one : t.many).replace("{n}", n).replace("{q}", query);
    if (!n) showSuggestions(query);
  }

  function item(doc) {
    // doc: [title, summary, url, topics, easy, service]
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = new URL(doc[2], siteRoot).href;
    a.textContent = doc[0];
    li.appendChild(a);
    if (doc[4]) {
      var span = document.createElement("span");
      span.className = "sf-search__mark";
      span.textContent = " (" + t.easy + ")";
      li.appendChild(span);
    }
    var p = document.createElement("p");
    p.textContent = doc[1];
    li.appendChild(p);
    return li;
  }

  function distance(a, b) {
    var row = [], i, j, prev, tmp;
    for (j = 0; j <= b.length; j++) row[j] = j;
    for (i = 1; i <= a.length; i++) {
      prev = row[0]; row[0] = i;
      for (j = 1; j <= b.length; j++) {
        tmp = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = tmp;
      }
    }
    return row[b.length];
  }

  function showSuggestions(query) {
    // an empty result is never a dead end: closest words, the A-Z list, the fallback contact
    var q = foldDe(query);
    var close = meta.words.map(function (w) {
      return [distance(q, foldDe(w)), w];
    }).filter(function (p) { return p[0] <= Math.max(2, Math.floor(q.length / 3)); })
      .sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); }).slice(0, 3);
    suggestions.textContent = "";
    close.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      var url = new URL(location.href);
      url.searchParams.set("q", p[1]);
      a.href = url.href;
      a.textContent = p[1];
      li.appendChild(a);
      suggestions.appendChild(li);
    });
    suggestions.parentElement.hidden = close.length === 0;
    empty.hidden = false;
  }

  function load(name) {
    return fetch(new URL(root.dataset[name], location.href)).then(function (r) { return r.json(); });
  }

  Promise.all([load("index"), load("docs")]).then(function (data) {
    index = lunr.Index.load(data[0]);
    meta = data[1];
    root.classList.add("sf-search--ready");
    var q = new URL(location.href).searchParams.get("q");
    if (q) { input.value = q; search(); }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 120);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
    root.addEventListener("change", function (e) {
      if (e.target.name === "thema") search();
    });
    suggestions.addEventListener("click", function (e) {
      var a = e.target.closest("a");
      if (!a) return;
      e.preventDefault();
      input.value = a.textContent;
      search();
      input.focus();
    });
  });
})();
