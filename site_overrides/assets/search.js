// Site search on the prebuilt lunr index. Queries are folded and stemmed exactly as
// generator/site/search_index.py did for the index (German Snowball and English Porter),
// so "Anträge" finds "Antrag". Nothing is sent anywhere: index and data are files of this site.
//
// How a query is read (each step explainable, none guesses wildly):
// 1. Legal references ("SGB XII", "§ 27 SGB XII", "12. Buch") become the codes the build
//    gave each service's legal basis (generator/site/search_terms.py).
// 2. A word followed by a number or numeral ("ALG 2", "ALG II") is also read as one word
//    ("alg2"), as the build indexed numbered synonyms.
// 3. Every other word must be found, as its stem, or (the last word, being typed) as the
//    start of one; a word not in the index is read as the one word of the pages' titles,
//    keywords and summaries one typing slip away (a letter missing, extra, wrong or two
//    swapped; words of 5+ letters); failing that, a German compound is split into words
//    of the index ("Alkoholsucht": Alkohol + Sucht, its last part at least 5 letters).
//    A word that is none of these finds nothing: no result, suggestions and the fallback
//    are better than unrelated services. Bare numbers ("2024") only help ranking.
// 4. A service is a result only if it matches every word (any reading of it).
(function () {
  "use strict";
  var root = document.querySelector("[data-sf-search]");
  if (!root || !window.lunr) return;
  var t = JSON.parse(root.dataset.labels);
  var lang = root.dataset.lang;
  var form = root.querySelector("form");
  form.hidden = false;  // hidden in the page: without script it could not search
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector("[data-sf-count]");
  var list = root.querySelector("[data-sf-results]");
  var empty = root.querySelector("[data-sf-empty]");
  var suggestions = root.querySelector("[data-sf-suggestions]");
  var siteRoot = new URL(root.dataset.root, location.href);
  var index = null, meta = null, vocab = null, typo = null, about = null, timer = null;
  // fields that say what a page is about; word starts and compound heads match only there
  var ABOUT = ["title", "keywords", "summary", "law", "other"];

  function foldDe(word) {  // generator/site/search_index.py: fold_de()
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


  function stem(word) {
    // the index of this page's language was stemmed with that language's stemmer
    if (own) return own.stem(word);
    if (lang === "de") return lunr.de.stemmer(new lunr.Token(foldDe(word))).toString();
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  function known(term) { return Object.prototype.hasOwnProperty.call(vocab, term); }

  // --- 1. legal references --------------------------------------------------------------

  var ROMAN = {i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10,
               xi: 11, xii: 12, xiii: 13, xiv: 14};
  var ORDINAL = ["erstes", "zweites", "drittes", "viertes", "fünftes", "sechstes", "siebtes",
                 "achtes", "neuntes", "zehntes", "elftes", "zwölftes", "dreizehntes",
                 "vierzehntes"];
  var BOOK = "(xiv|xiii|xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i|1[0-4]|[1-9])";
  var SECTION = "(?:§+\\s*|paragraph\\s+|section\\s+)(\\d+\\s?[a-z]?)(?![0-9])";
  var LAW_PATTERNS = [
    // "§ 27 SGB XII", "SGB XII § 27", "SGB 12", "Sozialgesetzbuch XII"
    new RegExp("(?:" + SECTION + "\\s*(?:abs\\.?\\s*\\d+\\s*)?)?(?:sgb|sozialgesetzbuch|social code(?: book)?)\\s*-?\\s*" +
               BOOK + "(?![a-z0-9])(?:\\s*" + SECTION + ")?", "g"),
    // "12. Buch", "Buch 12", "book XII", "zwölftes Buch (Sozialgesetzbuch)"
    new RegExp("(?:" + SECTION + "\\s*)?(?:(1[0-4]|[1-9])\\.\\s*buch|buch\\s+" + BOOK + "(?![a-z0-9])|book\\s+" +
               BOOK + "(?![a-z0-9])|(" + ORDINAL.join("|") + ")\\s+buch)(?:\\s+(?:des\\s+)?sozialgesetzbuch(?:es|s)?)?", "g")
  ];

  function bookNumber(text) {
    if (!text) return null;
    text = text.replace(/ue/g, "ü");
    if (ROMAN[text]) return ROMAN[text];
    if (/^\d+$/.test(text)) return Number(text);
    var i = ORDINAL.indexOf(text);
    return i >= 0 ? i + 1 : null;
  }

  function lawTerms(query) {
    // the legal references in ``query`` as groups of index terms, and the query without them
    var groups = [];
    var rest = (own ? own.fold(query) : query).toLowerCase().replace(/zwoelftes/g, "zwölftes").replace(/fuenftes/g, "fünftes");
    LAW_PATTERNS.forEach(function (pattern, which) {
      rest = rest.replace(pattern, function () {
        var m = arguments, book, section;
        if (which === 0) { section = m[1] || m[3]; book = bookNumber(m[2]); }
        else { section = m[1]; book = bookNumber(m[2] || m[3] || m[4] || m[5]); }
        if (!book) return m[0];
        var code = "sgb" + book, terms = {};
        if (section) terms[code + "p" + section.replace(/\s/g, "")] = 30;
        terms[code] = 10;
        groups.push({terms: terms, word: m[0].trim()});
        return " ";
      });
    });
    return {groups: groups, rest: rest};
  }

  // --- 2.-3. words ------------------------------------------------------------------------

  function damerau1(a, b) {
    // true when a and b differ by at most one typing slip (Damerau-Levenshtein <= 1)
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;  // one wrong letter
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function split(word, depth) {
    // a German compound as stems of the index: longest first part first; linking s/es/n/en/e
    for (var i = word.length - (depth ? 3 : 5); i >= 3; i--) {
      var head = word.slice(0, i), tail = word.slice(i), rest;
      if (known(stem(tail))) rest = [stem(tail)];
      else if (depth < 1 && tail.length >= 8) rest = split(tail, depth + 1);
      if (!rest) continue;
      var links = ["", "s", "es", "n", "en", "e"];
      for (var k = 0; k < links.length; k++) {
        var h = head.slice(0, head.length - links[k].length);
        if (head.slice(head.length - links[k].length) === links[k] && h.length >= 3 &&
            known(stem(h))) {
          return [stem(h)].concat(rest);
        }
      }
    }
    return null;
  }

  function readWord(word, last) {
    // the groups of index terms that stand for ``word``; [] when it means nothing here
    var s = stem(word), terms = {}, any = false;
    if (known(s)) { terms[s] = 10; any = true; }
    if (known(word) && !terms[word]) { terms[word] = 10; any = true; }
    // a word being typed: its start, with up to 3 more letters anywhere ("zahl": "zahlt")
    // or longer only in what a page is about ("Schuldnerber"); and in German the last part
    // of a compound, also only there ("Amt": "Sozialamt", "Arbeitsamt")
    var heads = {};
    if (last && s.length >= 3) {
      Object.keys(vocab).forEach(function (v) {
        if (v !== s && v.indexOf(s) === 0 && v.length - s.length <= 3) { terms[v] = 3; any = true; }
      });
    }
    if (s.length >= 3) {
      about.forEach(function (v) {
        if (v === s || terms[v]) return;
        if (last && v.indexOf(s) === 0) { terms[v] = 3; heads[v] = true; any = true; }
        else if (lang === "de" && v.length >= s.length + 3 &&
                 v.slice(v.length - s.length) === s) { terms[v] = 2; heads[v] = true; any = true; }
      });
    }
    if (any) return [{terms: terms, word: word, about: heads}];
    if (word.length >= 5) {
      var folded = foldDe(word);
      typo.forEach(function (w) {  // [folded word, its stem]
        if (damerau1(folded, w[0])) { terms[w[1]] = 2; any = true; }
      });
      if (any) return [{terms: terms, word: word}];
    }
    if (lang === "de" && word.length >= 8) {
      var parts = split(foldDe(word), 0);
      if (parts) {
        return parts.map(function (p) { var g = {}; g[p] = 4; return {terms: g, word: word}; });
      }
    }
    return [];
  }

  function read(query) {
    // the query as groups of terms, every group required; and the words that found nothing
    var law = lawTerms(query);
    var groups = law.groups.slice(), unknown = [], optional = [];
    var ws = ((own ? own.fold(law.rest).match(/[\p{L}\p{N}]+/gu) : law.rest.match(/[0-9a-zäöüß]+/g)) || []).filter(function (w) {
      return meta.stop.indexOf(w) < 0;
    });
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i], next = ws[i + 1], last = i === ws.length - 1;
      var number = next && (ROMAN[next] || (/^\d+$/.test(next) ? Number(next) : 0));
      if (number && !/^\d+$/.test(w)) {
        // "ALG 2", "Hartz IV": one word, as the build indexed numbered synonyms
        var joined = [w + number, w + next].filter(function (j) { return known(j); });
        if (joined.length) {
          var g = {};
          joined.forEach(function (j) { g[j] = 10; });
          groups.push({terms: g, word: w + " " + next});
          i++;
          continue;
        }
      }
      if (/^\d+$/.test(w)) {  // a bare number: helps ranking, never required
        if (known(w)) { var n = {}; n[w] = 2; optional.push({terms: n, word: w}); }
        continue;
      }
      var read_ = readWord(w, last);
      if (read_.length) groups = groups.concat(read_); else unknown.push(w);
    }
    return {groups: groups, optional: optional, unknown: unknown};
  }

  function run(query) {
    var r = read(query);
    if (r.unknown.length || !r.groups.length) return {hits: [], unknown: r.unknown};
    var all = r.groups.concat(r.optional);
    var hits = index.query(function (q) {
      all.forEach(function (g) {
        Object.keys(g.terms).forEach(function (term) {
          var options = {usePipeline: false, boost: g.terms[term]};
          if (g.about && g.about[term]) options.fields = ABOUT;
          q.term(term, options);
        });
      });
    });
    hits = hits.filter(function (h) {  // every word (some reading of it) in the service
      var found = h.matchData.metadata;
      return r.groups.every(function (g) {
        return Object.keys(g.terms).some(function (term) { return found[term]; });
      });
    });
    return {hits: hits, unknown: []};
  }

  // --- the page ---------------------------------------------------------------------------

  function topicsChosen() {
    return Array.prototype.map.call(root.querySelectorAll("input[name=thema]:checked"),
      function (box) { return box.value; });
  }

  function keepQuery(query) {
    // links to the search in another language or version take the query along
    document.querySelectorAll("[data-sf-keep-query], .sf-variants a").forEach(function (a) {
      var url = new URL(a.href);
      if (!/\/(suche|search)\/$/.test(url.pathname)) return;
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      a.href = url.href;
    });
  }

  function search() {
    var query = input.value.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    keepQuery(query);
    if (!index) return;  // the index is on its way; load() runs this again
    list.textContent = "";
    empty.hidden = true;
    if (!query) { setCount(""); return; }
    var result = run(query);
    var chosen = topicsChosen();
    var hits = result.hits.filter(function (h) {
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
    setCount(n === 0 ? t.none.replace("{q}", query)
      : (n === 1 ? t.one : t.many).replace("{n}", n).replace("{q}", query));
    if (!n) showSuggestions(query, result.unknown);
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

  function showSuggestions(query, unknown) {
    // an empty result is never a dead end: the query without the words that found nothing,
    // the closest words, the A-Z list, the fallback contact
    var offers = [];
    var words = query.split(/\s+/).filter(function (w) {
      return unknown.indexOf(w.toLowerCase().replace(/[^0-9a-zäöüß]/g, "")) < 0;
    });
    if (unknown.length && words.length && run(words.join(" ")).hits.length) {
      offers.push(words.join(" "));
    }
    var q = foldDe(query);
    meta.words.map(function (w) {
      return [distance(q, foldDe(w)), w];
    }).filter(function (p) { return p[0] <= Math.max(2, Math.floor(q.length / 3)); })
      .sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); }).slice(0, 3)
      .forEach(function (p) { if (offers.indexOf(p[1]) < 0) offers.push(p[1]); });
    suggestions.textContent = "";
    offers.forEach(function (text) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      var url = new URL(location.href);
      url.searchParams.set("q", text);
      a.href = url.href;
      a.textContent = text;
      li.appendChild(a);
      suggestions.appendChild(li);
    });
    suggestions.parentElement.hidden = offers.length === 0;
    empty.hidden = false;
  }

  // The count is a polite live region: while a word is being typed, the results follow
  // every key, but the count changes (and is announced) only once typing pauses, so a
  // screen reader says one count per word, not one per letter ("no results for S" ...).
  // Enter and the topic filters answer at once.
  var typing = false, countTimer = null, PAUSE = 800;
  function setCount(text) {
    window.clearTimeout(countTimer);
    if (!typing) { status.textContent = text; return; }
    countTimer = window.setTimeout(function () {
      typing = false;
      status.textContent = text;
    }, PAUSE);
  }

  // listen at once: what is typed (or submitted) before the index arrives is searched then
  input.addEventListener("input", function () {
    typing = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    typing = false;
    window.clearTimeout(timer);
    search();
  });
  root.addEventListener("change", function (e) {
    if (e.target.name === "thema") { typing = false; search(); }
  });
  suggestions.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (!a) return;
    e.preventDefault();
    input.value = a.textContent;
    search();
    input.focus();
  });
  var asked = new URL(location.href).searchParams.get("q");
  if (asked && !input.value) input.value = asked;

  function load(name) {
    return fetch(new URL(root.dataset[name], location.href)).then(function (r) { return r.json(); });
  }

  function expand(serialised) {
    // lunr's form of the index file (generator/site/search_index.py, compact()): every
    // field of every term (the file leaves out those without documents), each field's
    // documents as {ref: {}} (the file has the gaps between the sorted refs)
    serialised.invertedIndex.forEach(function (entry) {
      serialised.fields.forEach(function (f) {
        var gaps = entry[1][f] || [], docs = {}, ref = 0;
        for (var i = 0; i < gaps.length; i++) { ref += gaps[i]; docs[ref] = {}; }
        entry[1][f] = docs;
      });
    });
    return serialised;
  }

  Promise.all([load("index"), load("docs")]).then(function (data) {
    index = lunr.Index.load(expand(data[0]));
    meta = data[1];
    vocab = index.invertedIndex;
    typo = meta.typo.map(function (w) { return [foldDe(w), stem(w)]; })
      .filter(function (w) { return known(w[1]); });
    about = Object.keys(vocab).filter(function (term) {
      return ABOUT.some(function (f) {
        return vocab[term][f] && Object.keys(vocab[term][f]).length > 0;
      });
    });
    root.classList.add("sf-search--ready");
    if (input.value.trim()) search();
  });
})();
