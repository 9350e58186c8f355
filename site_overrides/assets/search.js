// Site search over the sharded index (generator/site/search_shards.py). Queries are folded
// and stemmed exactly as generator/site/search_index.py did for the index (German Snowball
// and English Porter), so "Anträge" finds "Antrag". Nothing is sent anywhere: every file is
// one of this site's.
//
// What a visit loads: the page's directory (search-<lang>.<hash>.json: stop words, the "not
// here" list, which easy-language and local pages there are, and where each range of terms
// is); then per query the ranges of its words, and the result data of what is on screen.
// Each step below asks for what it needs (need()); a step that finds a file missing makes
// the whole reading start again once the files are there, so a query reads exactly as it
// would over the whole index, and its words' files load side by side.
//
// How a query is read (each step explainable, none guesses wildly):
// 1. Legal references ("SGB XII", "§27 SGB XII", "27 SGB 12", "sgb xii 27", "Paragraph 27
//    Sozialgesetzbuch XII", "12. Buch") become the codes the build gave each service's
//    legal basis (generator/site/search_terms.py).
// 2. Question words and fillers ("wie bekomme ich", "how do I get") are stop words of the
//    page's language, not search terms. A word followed by a number or numeral ("ALG 2",
//    "ALG II") is also read as one word ("alg2"), as the build indexed numbered synonyms.
// 3. Words that name a benefit the site does not describe (content/elsewhere.yaml) answer
//    "not here, but there" before any result; they can still show where a page mentions
//    them, never make a page the answer.
// 4. Every other word is read as its stem, or (the last word, being typed) as the start of
//    one; a word not in the index is read as the one word of the pages' titles, keywords
//    and summaries one typing slip away (a letter missing, extra, wrong or two swapped;
//    words of 5+ letters); failing that, a German compound is split into words of the index
//    ("Alkoholsucht": Alkohol + Sucht, its last part at least 5 letters). Bare numbers
//    ("2024") only help ranking.
// 5. Services that match every word are the results. When none does, services are ranked
//    by the words they match (weighted by field, rarity and the word's place in the query)
//    and the page says it shows results for part of the search: never an empty page while
//    a content word matches. A service is presented as an answer only when a main word of
//    the query (not one every page has) is in its title, keywords, synonyms, summary or
//    legal basis; services that only mention the words in their text are listed apart
//    ("Erwähnt in"). A local variant (a service offered in one area) ranks after the
//    general service when both answer alike, and a legal reference ranks the service whose
//    legal basis is the cited section first. Ties are broken by lunr's score, computed
//    here as lunr.Index.query computes it (see lunrQuery).
// 6. A service not translated into the page's language is found through its German page,
//    ranked with the rest and labelled as German.
// 7. "Did you mean" corrects the misspelt words of the query and keeps every other word.
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
  var elsewhere = root.querySelector("[data-sf-elsewhere]");
  var mentioned = root.querySelector("[data-sf-mentioned]");
  var moreAnswers = root.querySelector("[data-sf-more=answers]");
  var moreMentions = root.querySelector("[data-sf-more=mentions]");
  var siteRoot = new URL(root.dataset.root, location.href);
  var dirUrl = new URL(root.dataset.index, location.href);
  var dir = null, timer = null;
  // fields that say what a page is about; word starts and compound heads match only there
  var ABOUT = ["title", "keywords", "summary", "law", "other"];
  // the index's fields in its order, and their letters in the files (search_shards.py)
  var FIELDS = ["title", "keywords", "law", "summary", "other", "body"];
  var LETTER = {t: "title", k: "keywords", l: "law", s: "summary", o: "other", b: "body"};
  // generator/site/search_index.py: FIELDS, EASY_BOOST
  var FIELD = {title: 10, keywords: 8, law: 8, summary: 4, other: 2, body: 1};
  var EASY = 0.3, LOCAL = 0.9;
  // results shown at first, and added by each "more"
  var PAGE = 10;

  // --- the files ------------------------------------------------------------------------

  var files = {}, loading = {}, wanted = {}, missing = 0;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function need(name) {
    // a file of the index by its name, or undefined (then asked for) while it is not here
    if (has(files, name)) return files[name];
    if (dir.inline && has(dir.inline, name)) return dir.inline[name];
    if (!wanted[name]) { wanted[name] = true; missing++; }
    return undefined;
  }

  function fetchAll(names) {
    return Promise.all(names.map(function (name) {
      if (!loading[name]) {
        loading[name] = fetch(new URL(name, dirUrl)).then(function (r) {
          if (!r.ok) throw new Error(name);
          return r.json();
        }).then(function (data) { files[name] = data; });
      }
      return loading[name];
    }));
  }

  function shardName(table, hash) { return table + "-" + lang + "." + hash + ".json"; }

  function shardAt(table, key) {
    // the last shard of ``table`` whose first key is not after ``key``
    var listing = dir[table], lo = 0, hi = listing.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (listing[mid][0] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function shard(table, key) {
    if (!dir[table].length) return {};
    return need(shardName(table, dir[table][shardAt(table, key)][1]));
  }

  function keysFrom(table, kind, prefix) {
    // the keys of ``table`` that start with ``prefix`` (with their shard), or null while
    // one of the shards they are in is on its way
    var listing = dir[table], found = [], ready = true;
    if (!listing.length) return found;
    for (var i = shardAt(table, prefix); i < listing.length; i++) {
      if (listing[i][0] > prefix && listing[i][0].indexOf(prefix) !== 0) break;
      var s = need(shardName(table, listing[i][1]));
      if (!s) { ready = false; continue; }
      var part = s[kind] || {};
      Object.keys(part).forEach(function (k) {
        if (k.indexOf(prefix) === 0) found.push([k, part[k]]);
      });
    }
    return ready ? found : null;
  }

  function backwards(text) { return text.split("").reverse().join(""); }

  function arrayIndex(key) { return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295; }

  function vocabOrder(a, b) {
    // the order of Object.keys over lunr's inverted index, which lunr.js iterated
    // (integer-like keys first, by value; then the others as the index lists them)
    var ia = arrayIndex(a), ib = arrayIndex(b);
    if (ia || ib) return ia && ib ? Number(a) - Number(b) : (ia ? -1 : 1);
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  // per term, decoded once: its lunr index, per field its documents and their weights,
  // in how many documents it is (any field) and in how many it is in what they are about
  var info = {}, headInfo = {};

  function decode(index, raw, df) {
    var fields = {}, any = {}, inAbout = {}, aboutTerm = false;
    Object.keys(raw).forEach(function (letter) {
      var p = raw[letter], field = LETTER[letter], refs = [], weights = {}, ref = 0;
      for (var i = 0; i < p[0].length; i++) {
        ref += p[0][i];
        refs.push(ref);
        weights[ref] = p.length === 2 ? p[1] : p[1][p[2][i]];
        any[ref] = 1;
        if (ABOUT.indexOf(field) >= 0) { inAbout[ref] = 1; aboutTerm = true; }
      }
      fields[field] = {refs: refs, w: weights};
    });
    return {index: index, fields: fields, about: aboutTerm,
            df: df === undefined ? Object.keys(any).length : df,
            aboutDf: Object.keys(inAbout).length};
  }

  function termInfo(term) {
    // a term of the index; null for none; undefined while its shard is on its way
    if (has(info, term)) return info[term];
    var s = shard("t", term);
    if (!s) return undefined;
    var e = s.t && has(s.t, term) ? s.t[term] : null;
    info[term] = e && decode(e[0], e[1]);
    return info[term];
  }

  function known(term) { return !!termInfo(term); }

  function anyInfo(term) {
    // what is known of a term: all of it, or (a compound head) its fields about the page
    return (has(info, term) && info[term]) || (has(headInfo, term) && headInfo[term]) || null;
  }

  function startingWith(s) {
    // the terms that start with ``s``, in lunr's order; null while loading
    var found = keysFrom("t", "t", s);
    if (!found) return null;
    return found.map(function (e) {
      if (!has(info, e[0])) info[e[0]] = decode(e[1][0], e[1][1]);
      return e[0];
    }).sort(vocabOrder);
  }

  function endingWith(s) {
    // German: the terms pages are about that end with ``s`` and are 3+ letters longer
    if (lang !== "de") return [];
    if (dir.whole) {  // a small index: every term is at hand
      var all = [];
      dir.t.forEach(function (e) {
        Object.keys(need(shardName("t", e[1])).t).forEach(function (v) {
          if (v.length >= s.length + 3 && v.slice(v.length - s.length) === s &&
              termInfo(v).about) all.push(v);
        });
      });
      return all.sort(vocabOrder);
    }
    var found = keysFrom("h", "h", backwards(s));
    if (!found) return null;
    return found.filter(function (e) { return e[0].length >= s.length + 3; }).map(function (e) {
      var term = backwards(e[0]);
      if (!has(headInfo, term)) headInfo[term] = decode(e[1][0], e[1][2], e[1][1]);
      return term;
    }).sort(vocabOrder);
  }

  function slipWords(folded) {
    // the words one typing slip from ``folded`` may be: a slip at or after its middle
    // leaves the first half intact, one before it what follows the middle
    var half = Math.floor(folded.length / 2);
    var ahead = keysFrom("y", "y", folded.slice(0, half));
    var behind = keysFrom("z", "y", backwards(folded.slice(half + 1)));
    if (!ahead || !behind) return null;
    var words = {};
    ahead.concat(behind).forEach(function (e) { e[1].forEach(function (w) { words[w] = true; }); });
    return Object.keys(words).sort();
  }

  var ownWords = null;
  function vocabulary() {
    // the words of titles, keywords and synonyms ("did you mean"); null while loading
    var words = need("words-" + lang + "." + dir.words + ".json");
    if (!words) return null;
    if (!ownWords) {
      ownWords = {};
      words.forEach(function (w) { ownWords[w.toLowerCase()] = true; });
    }
    return words;
  }

  function refSet(gaps) {
    var set = {}, ref = 0;
    gaps.forEach(function (g) { ref += g; set[ref] = true; });
    return set;
  }
  var easyRefs = null, localRefs = null;
  function isEasy(ref) { return !!easyRefs[ref]; }
  function isLocal(ref) { return !!localRefs[ref]; }
  // an easy-language page follows its service's full page
  function serviceOf(ref) { return isEasy(ref) ? ref - 1 : ref; }

  function doc(ref) {
    // what a result shows: [title, summary, url, language of the text if not the page's]
    var per = dir.d[0], n = Math.floor(ref / per), block = Math.floor(n / dir.d[1]);
    var s = need("d-" + lang + "-" + n + "." + dir.d[2][block] + ".json");
    return s && s[ref % per];
  }

  var topicSets = {};
  function topicSet(topic) {
    if (!has(dir.topics, topic)) return {};
    if (!topicSets[topic]) {
      var gaps = need("topic-" + lang + "-" + topic + "." + dir.topics[topic] + ".json");
      if (!gaps) return null;
      topicSets[topic] = refSet(gaps);
    }
    return topicSets[topic];
  }

  function foldDe(word) {  // generator/site/search_index.py: fold_de()
    return word.toLowerCase().replace(/ß/g, "ss").replace(/ae/g, "ä").replace(/oe/g, "ö")
      .replace(/(?<!q)ue/g, "ü");
  }

  function stemLatin(w) {  // a German name in Latin letters (search_lang.stem)
    return lunr.de.stemmer(new lunr.Token(foldDe(w))).toString();
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
        if (/^[0-9a-zäöüß]+$/.test(w)) return stemLatin(w);
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
        if (/^[0-9a-zäöüß]+$/.test(w)) return stemLatin(w);
        if (w.length > 5) w = w.slice(0, 5);
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

  function tokens(text) {
    // the words of a query as the build cut the page's texts into words
    return (own ? own.fold(text).match(/[\p{L}\p{N}]+/gu) : text.toLowerCase().match(/[0-9a-zäöüß]+/g)) || [];
  }

  // --- 1. legal references --------------------------------------------------------------

  var ROMAN = {i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10,
               xi: 11, xii: 12, xiii: 13, xiv: 14};
  var ORDINAL = ["erstes", "zweites", "drittes", "viertes", "fünftes", "sechstes", "siebtes",
                 "achtes", "neuntes", "zehntes", "elftes", "zwölftes", "dreizehntes",
                 "vierzehntes"];
  var BOOK = "(xiv|xiii|xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i|1[0-4]|[1-9])";
  var SECTION = "(?:§+\\s*|paragraph\\s+|paragraf\\s+|section\\s+)(\\d+\\s?[a-z]?)(?![0-9])";
  var BARE = "(\\d{1,3}[a-z]?)";  // a section number without § ("27 SGB 12", "sgb xii 27")
  var CODE = "(?:sgb|sozialgesetzbuch(?:es|s)?|social code(?: book)?)";
  var LAW_PATTERNS = [
    // "§ 27 SGB XII", "§27 Abs. 1 SGB XII", "27 SGB 12", "SGB XII § 27", "sgb xii 27",
    // "Paragraph 27 Sozialgesetzbuch XII"
    new RegExp("(?:" + SECTION + "\\s*(?:abs\\.?\\s*\\d+\\s*)?|(?:^|\\b)" + BARE + "\\s+)?" + CODE +
               "\\s*-?\\s*" + BOOK + "(?![a-z0-9])(?:\\s*" + SECTION + "|\\s+" + BARE + "(?![0-9a-z]))?", "g"),
    // "12. Buch", "Buch 12", "book XII", "zwölftes Buch (Sozialgesetzbuch)",
    // "Sozialgesetzbuch Zwölftes Buch"
    new RegExp("(?:" + SECTION + "\\s*)?(?:" + CODE + "\\s+)?(?:(1[0-4]|[1-9])\\.\\s*buch|buch\\s+" + BOOK +
               "(?![a-z0-9])|book\\s+" + BOOK + "(?![a-z0-9])|(" + ORDINAL.join("|") +
               ")\\s+buch)(?:\\s+(?:des\\s+)?sozialgesetzbuch(?:es|s)?)?", "g")
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
        if (which === 0) { section = m[1] || m[2] || m[4] || m[5]; book = bookNumber(m[3]); }
        else { section = m[1]; book = bookNumber(m[2] || m[3] || m[4] || m[5]); }
        if (!book) return m[0];
        var code = "sgb" + book, terms = {};
        if (section) terms[code + "p" + section.replace(/\s/g, "")] = 30;
        terms[code] = 10;
        groups.push({terms: terms, word: m[0].trim(), law: true});
        return " ";
      });
    });
    return {groups: groups, rest: rest};
  }

  // --- 2.-4. words ------------------------------------------------------------------------

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
      else if (known(tail)) rest = [tail];  // "problem" stems to "probl", "Problemen" to it
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
    // the groups of index terms that stand for ``word``; [] when it means nothing here;
    // null while a file it needs is on its way
    var before = missing;
    var s = stem(word), terms = {}, any = false;
    if (known(s)) { terms[s] = 10; any = true; }
    if (known(word) && !terms[word]) { terms[word] = 10; any = true; }
    // a word being typed: its start, with up to 3 more letters anywhere ("zahl": "zahlt")
    // or longer only in what a page is about ("Schuldnerber"); and in German the last part
    // of a compound, also only there ("Amt": "Sozialamt", "Arbeitsamt")
    var heads = {};
    if (s.length >= 3) {
      var starting = last ? startingWith(s) : [], ending = endingWith(s);
      if (!starting || !ending) return null;
      starting.forEach(function (v) {
        if (v !== s && v.length - s.length <= 3) { terms[v] = 3; any = true; }
      });
      var about = starting.filter(function (v) { return info[v].about; });
      ending.forEach(function (v) { if (about.indexOf(v) < 0) about.push(v); });
      about.sort(vocabOrder).forEach(function (v) {
        if (v === s || terms[v]) return;
        if (last && v.indexOf(s) === 0) { terms[v] = 3; heads[v] = true; any = true; }
        else if (lang === "de" && v.length >= s.length + 3 &&
                 v.slice(v.length - s.length) === s) { terms[v] = 2; heads[v] = true; any = true; }
      });
    }
    if (missing > before) return null;
    // a word found only in passing (in a page's text) may be a slip for a word pages are
    // about ("engeli": "engelli"): then both readings count
    var inAbout = Object.keys(terms).some(function (v) { return anyInfo(v).about; });
    if (any && (inAbout || word.length < 5)) return [{terms: terms, word: word, about: heads}];
    if (word.length >= 5) {
      var folded = foldDe(word), slip = false, near = slipWords(folded);
      if (!near) return null;
      near.forEach(function (w) {  // the words of the index, in their order
        var ws = stem(w);
        if (ws !== s && damerau1(folded, foldDe(w)) && known(ws)) { terms[ws] = 7; slip = true; }
      });
      if (missing > before) return null;
      if (any || slip) return [{terms: terms, word: word, about: heads}];
    }
    if (lang === "de" && word.length >= 8) {
      var parts = split(foldDe(word), 0);
      if (missing > before) return null;
      if (parts) {
        return parts.map(function (p) { var g = {}; g[p] = 6; return {terms: g, word: word}; });
      }
    }
    return [];
  }

  function ownWord(text) {
    // whether a word names what the site's services are about (loads the vocabulary)
    var words = vocabulary();
    return words ? has(ownWords, text) : true;
  }

  function awayFrom(ws) {
    // the entries of the "not here" list the words name, and which words they take
    var stems = ws.map(function (w) { return w.joined ? null : stem(w.text); });
    var found = [], taken = {};
    dir.elsewhere.forEach(function (entry) {
      var hit = false;
      entry[0].forEach(function (phrase) {
        for (var i = 0; i + phrase.length <= stems.length; i++) {
          var ok = true;
          for (var k = 0; k < phrase.length && ok; k++) {
            var s = stems[i + k], p = phrase[k];
            // a compound of the word ("Wohngeldantrag") or one typing slip ("Wohngelt");
            // a word that names what the site's services are about (their titles, keywords
            // and synonyms) is never "not here" alone, even when it stems like a benefit of
            // the list ("rent" and "Rente")
            ok = s !== null && (s === p || (phrase.length === 1 && p.length >= 6 &&
              (s.indexOf(p) === 0 || damerau1(s, p)))) &&
              (phrase.length > 1 || !ownWord(ws[i].text));
          }
          if (!ok) continue;
          hit = true;
          for (k = 0; k < phrase.length; k++) taken[i + k] = true;
        }
      });
      if (hit) found.push(entry);
    });
    return {entries: found, taken: taken};
  }

  function read(query) {
    // the query as groups of terms; the words that found nothing; the "not here" entries;
    // ``waiting`` while a file it needs is on its way
    var law = lawTerms(query);
    var groups = law.groups.slice(), unknown = [], optional = [], ws = [], waiting = false;
    var raw = tokens(law.rest).filter(function (w) { return dir.stop.indexOf(w) < 0; });
    for (var i = 0; i < raw.length; i++) {
      var w = raw[i], next = raw[i + 1];
      var number = next && (ROMAN[next] || (/^\d+$/.test(next) ? Number(next) : 0));
      if (number && !/^\d+$/.test(w)) {
        // "ALG 2", "Hartz IV": one word, as the build indexed numbered synonyms
        var joined = [w + number, w + next].filter(function (j) { return known(j); });
        if (joined.length) {
          var g = {};
          joined.forEach(function (j) { g[j] = 10; });
          ws.push({text: w + " " + next, joined: g});
          i++;
          continue;
        }
      }
      ws.push({text: w});
    }
    var away = awayFrom(ws);
    ws.forEach(function (w, i) {
      if (w.joined) { groups.push({terms: w.joined, word: w.text}); return; }
      if (/^\d+$/.test(w.text)) {  // a bare number: helps ranking, never required
        if (known(w.text)) { var n = {}; n[w.text] = 2; optional.push({terms: n, word: w.text}); }
        return;
      }
      var found = readWord(w.text, i === ws.length - 1);
      if (!found) { waiting = true; return; }
      found.forEach(function (g) { g.away = !!away.taken[i]; });
      if (found.length) groups = groups.concat(found);
      else if (!away.taken[i]) unknown.push(w.text);
    });
    return {groups: groups, optional: optional, unknown: unknown, elsewhere: away.entries,
            waiting: waiting};
  }

  function rarity(g) {
    // how few documents a word's readings are in: log(1 + N / df), df of its widest reading
    var df = 1;
    Object.keys(g.terms).forEach(function (term) {
      var i = anyInfo(term);
      df = Math.max(df, i ? i.df : 0);
    });
    return Math.log(1 + dir.n / df);
  }

  function general(g) {
    // a word in what more than half the pages are about ("Hilfe", "beantragen") says
    // little about which page is the answer
    var n = 0;
    Object.keys(g.terms).forEach(function (term) {
      var i = anyInfo(term);
      n = Math.max(n, i ? i.aboutDf : 0);
    });
    return dir.n >= 6 && n * 2 > dir.n;
  }

  function lunrQuery(clauses) {
    // what lunr.Index.query (lunr.js 2.3.9) returns for these term clauses over the whole
    // index, from the shards of their terms: per field a query vector of the clauses'
    // boosts (summed where a term repeats), each document field scored by the dot product
    // of that vector and the field's weights over the vector's length, a document's fields
    // added up in the order lunr first met them; null while a term's shard is on its way.
    // The same sums in the same order give the same numbers, so ties break as they did.
    var vectors = {}, vectorTerms = {}, matching = [], byKey = {}, seen = {}, waiting = false;
    FIELDS.forEach(function (f) { vectors[f] = {}; vectorTerms[f] = {}; });
    clauses.forEach(function (c) {
      var ti = c.fields === ABOUT ? anyInfo(c.term) || termInfo(c.term) : termInfo(c.term);
      if (ti === undefined) { waiting = true; return; }
      if (!ti) return;  // not a term of the index: lunr expands it to nothing
      c.fields.forEach(function (f) {
        vectors[f][ti.index] = (vectors[f][ti.index] || 0) + c.boost;
        vectorTerms[f][ti.index] = c.term;
        if (seen[c.term + "/" + f]) return;
        seen[c.term + "/" + f] = true;
        var posting = ti.fields[f];
        if (!posting) return;
        posting.refs.forEach(function (ref) {
          var key = f + "/" + ref, m = byKey[key];
          if (!m) { m = byKey[key] = {ref: ref, field: f, terms: []}; matching.push(m); }
          m.terms.push(c.term);
        });
      });
    });
    if (waiting) return null;
    var order = {}, length = {};
    FIELDS.forEach(function (f) {
      order[f] = Object.keys(vectors[f]).map(Number).sort(function (a, b) { return a - b; });
      var squares = 0;
      order[f].forEach(function (i) { squares += vectors[f][i] * vectors[f][i]; });
      length[f] = Math.sqrt(squares);
    });
    var results = [], byRef = {};
    matching.forEach(function (m) {
      var dot = 0;
      order[m.field].forEach(function (i) {
        var known = anyInfo(vectorTerms[m.field][i]), p = known && known.fields[m.field];
        if (p && has(p.w, m.ref)) dot += vectors[m.field][i] * p.w[m.ref];
      });
      var score = dot / length[m.field] || 0, hit = byRef[m.ref];
      if (!hit) { hit = byRef[m.ref] = {ref: m.ref, score: score, matchData: {}}; results.push(hit); }
      else hit.score += score;
      m.terms.forEach(function (term) {
        (hit.matchData[term] = hit.matchData[term] || {})[m.field] = true;
      });
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  }

  function run(query) {
    // the answers and the mentions, ranked; null while a file is on its way
    var r = read(query);
    if (r.waiting) return null;
    var out = {answers: [], mentions: [], unknown: r.unknown, elsewhere: r.elsewhere, part: null};
    if (!r.groups.length) return out;
    var all = r.groups.concat(r.optional), clauses = [];
    all.forEach(function (g) {
      Object.keys(g.terms).forEach(function (term) {
        clauses.push({term: term, boost: g.terms[term],
                      fields: g.about && g.about[term] ? ABOUT : FIELDS});
      });
    });
    var hits = lunrQuery(clauses);
    if (!hits) return null;
    // the main words: those not every page is about; a query of general words only (and
    // nothing unknown or elsewhere) is its own main word
    var main = r.groups.filter(function (g) { return !g.away && !general(g); });
    if (!main.length && !r.unknown.length && !r.elsewhere.length) {
      main = r.groups.filter(function (g) { return !g.away; });
    }
    var rare = r.groups.map(rarity);
    var scored = hits.map(function (h) {
      var found = h.matchData, local = isLocal(h.ref);
      var score = 0, matched = 0, answer = false, words = [];
      r.groups.forEach(function (g, i) {
        var best = 0, inAbout = false;
        Object.keys(g.terms).forEach(function (term) {
          Object.keys(found[term] || {}).forEach(function (f) {
            var w = g.terms[term] / 10 * FIELD[f];
            if (w > best) best = w;
            if (ABOUT.indexOf(f) >= 0) inAbout = true;
          });
        });
        if (!best) return;
        matched++;
        words.push(g.word);
        // a legal reference: the general service on that law before a local variant
        if (g.law && local) best *= 0.5;
        score += best * rare[i] * (1 - 0.05 * Math.min(i, 4));
        if (inAbout && main.indexOf(g) >= 0) answer = true;
      });
      if (isEasy(h.ref)) score *= EASY;
      if (local) score *= LOCAL;
      return {ref: h.ref, score: score, lunr: h.score, full: matched === r.groups.length,
              answer: answer, words: words};
    });
    // the services that match every word, if one of them answers; else ranked partial
    // matching over all (a full match only in passing does not hide a partial answer)
    var full = scored.filter(function (s) { return s.full; });
    if (!full.some(function (s) { return s.answer; })) full = [];
    var pool = full.length ? full : scored;
    pool.sort(function (a, b) { return b.score - a.score || b.lunr - a.lunr; });
    if (!full.length && pool.length) {
      // ranked partial matching: the strong partial matches, never a long tail
      var floor = pool[0].score * 0.2;
      pool = pool.filter(function (s) { return s.score >= floor; });
    }
    out.answers = unique(pool.filter(function (s) { return s.answer; }));
    out.mentions = unique(pool.filter(function (s) { return !s.answer; }), out.answers);
    if ((!full.length || r.unknown.length) && out.answers.length) out.part = out.answers[0].words;
    return out;
  }

  function unique(hits, shown) {
    // one entry per service, at the rank of its best match: the full text when it matched
    // too, else the easy-language version; none already in ``shown``
    var order = [], versions = {}, taken = {};
    (shown || []).forEach(function (h) { taken[serviceOf(h.ref)] = true; });
    hits.forEach(function (h) {
      var service = serviceOf(h.ref);
      if (taken[service]) return;
      if (!versions[service]) { versions[service] = []; order.push(service); }
      versions[service].push(h);
    });
    return order.map(function (service) {
      var full = versions[service].filter(function (h) { return !isEasy(h.ref); });
      return full[0] || versions[service][0];
    });
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

  function say(template, n, query, words) {
    return template.replace("{n}", n).replace("{q}", query).replace("{words}", words || "");
  }

  // each search is one of a series: files that arrive for an older one show nothing
  var current = 0, shownFor = null, limits = {answers: PAGE, mentions: PAGE};

  function clear() {
    list.textContent = "";
    empty.hidden = true;
    elsewhere.hidden = true;
    mentioned.hidden = true;
    moreAnswers.hidden = true;
    moreMentions.hidden = true;
    suggestions.parentElement.hidden = true;
  }

  function search(focus) {
    var query = input.value.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    keepQuery(query);
    if (!dir) return;  // the directory is on its way; it runs this again
    var mine = ++current;
    if (query !== shownFor) limits = {answers: PAGE, mentions: PAGE};
    if (!query) { shownFor = null; clear(); setCount(""); return; }
    (function attempt() {
      if (mine !== current) return;
      wanted = {};
      missing = 0;
      var result = run(query);
      if (result && show(query, result, focus)) return;
      var names = Object.keys(wanted);
      if (!names.length) return;
      if (shownFor !== null && shownFor !== query) {
        // what is on screen is for another query: nothing stale is read out meanwhile
        shownFor = null;
        clear();
        window.clearTimeout(countTimer);
        status.textContent = "";
      }
      fetchAll(names).then(attempt, function () {
        if (mine === current) root.classList.add("sf-search--failed");
      });
    })();
  }

  function show(query, result, focus) {
    // the results on the page; false (nothing changed) while a file is on its way
    var chosen = topicsChosen(), sets = chosen.map(topicSet);
    if (sets.some(function (s) { return !s; })) return false;
    function inTopics(h) {
      return !chosen.length || sets.some(function (s) { return s[h.ref]; });
    }
    var answers = result.answers.filter(inTopics), mentions = result.mentions.filter(inTopics);
    var first = answers.slice(0, limits.answers), also = mentions.slice(0, limits.mentions);
    var docs = first.concat(also).map(function (h) { return doc(h.ref); });
    if (result.unknown.length) vocabulary();
    if (docs.some(function (d) { return !d; }) || missing) return false;
    shownFor = query;
    clear();
    var spoken = [];
    // not here, but there: before any result
    var away = elsewhere.querySelector("ul");
    away.textContent = "";
    result.elsewhere.forEach(function (entry) {
      away.appendChild(awayItem(entry));
      spoken.push(say(t.elsewhere_status, 0, query).replace("{name}", entry[1]).replace("{who}", entry[3]));
    });
    elsewhere.hidden = !result.elsewhere.length;
    first.forEach(function (h, i) { list.appendChild(item(docs[i], h.ref)); });
    var n = answers.length;
    if (!n) spoken.push(say(t.none, 0, query));
    else if (result.part) {
      spoken.push(say(n === 1 ? t.part_one : t.part_many, n, query, result.part.join(" ")));
    } else spoken.push(say(n === 1 ? t.one : t.many, n, query));
    var ul = mentioned.querySelector("ul");
    ul.textContent = "";
    also.forEach(function (h, i) { ul.appendChild(item(docs[first.length + i], h.ref)); });
    mentioned.hidden = !mentions.length;
    if (mentions.length) {
      spoken.push(say(mentions.length === 1 ? t.mentioned_one : t.mentioned_many, mentions.length, query));
    }
    moreAnswers.hidden = answers.length <= first.length;
    moreMentions.hidden = mentions.length <= also.length;
    if (focus) {
      // after "more": the first of the results it added, read out as it takes focus
      var links = (focus.list === "answers" ? list : ul).querySelectorAll("li > a");
      if (links[focus.from]) links[focus.from].focus();
    } else {
      setCount(spoken.join(" "));
    }
    showSuggestions(query, result.unknown);
    // without an answer the page offers the other ways: the A-Z list, the fallback contact
    empty.hidden = n > 0;
    return true;
  }

  function more(which) {
    var from = limits[which];
    limits[which] += PAGE;
    typing = false;
    search({list: which, from: from});
  }
  moreAnswers.addEventListener("click", function () { more("answers"); });
  moreMentions.addEventListener("click", function () { more("mentions"); });

  function marked(element, textLang) {
    // text in another language than the page's says so, for screen readers and hyphenation
    if (textLang) element.lang = textLang;
    return element;
  }

  function awayItem(entry) {
    // entry: [phrases, name, its language, who handles it, its language, phone]
    var li = document.createElement("li");
    var name = marked(document.createElement("strong"), entry[2]);
    name.textContent = entry[1];
    li.appendChild(name);
    var parts = t.elsewhere_who.split("{who}");
    li.appendChild(document.createTextNode(" " + parts[0]));
    var who = marked(document.createElement("span"), entry[4]);
    who.textContent = entry[3];
    li.appendChild(who);
    li.appendChild(document.createTextNode(parts[1] || ""));
    if (entry[5]) {
      var phone = t.elsewhere_phone.split("{phone}");
      li.appendChild(document.createTextNode(" " + phone[0]));
      var a = document.createElement("a");
      a.href = "tel:" + entry[5].replace(/[^0-9+]/g, "");
      a.textContent = entry[5];
      li.appendChild(a);
      li.appendChild(document.createTextNode(phone[1] || ""));
    }
    return li;
  }

  function item(doc, ref) {
    // doc: [title, summary, url, language of the text where it is not the page's]
    var li = document.createElement("li");
    var a = marked(document.createElement("a"), doc[3]);
    a.href = new URL(doc[2], siteRoot).href;
    a.textContent = doc[0];
    if (doc[3]) a.hreflang = doc[3];
    li.appendChild(a);
    var marks = [];
    if (isEasy(ref)) marks.push(t.easy);
    if (doc[3]) marks.push(t.in_german);
    if (marks.length) {
      var span = document.createElement("span");
      span.className = "sf-search__mark";
      span.textContent = " (" + marks.join(", ") + ")";
      li.appendChild(span);
    }
    var p = marked(document.createElement("p"), doc[3]);
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

  function corrections(word) {
    // the words of titles, keywords and synonyms closest to a word that found nothing
    var w = foldDe(word), limit = w.length < 5 ? 1 : Math.max(2, Math.min(3, Math.floor(w.length / 4)));
    return vocabulary().map(function (v) {
      return [distance(w, foldDe(v)), v];
    }).filter(function (p) { return p[0] <= limit; })
      .sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); })
      .map(function (p) { return p[1]; });
  }

  function showSuggestions(query, unknown) {
    // "did you mean": the query with each word that found nothing corrected, every other
    // word kept (never the query cut down to one of its words)
    var offers = [];
    var fixes = unknown.map(function (w) { return [w, corrections(w)]; })
      .filter(function (f) { return f[1].length; });
    var first = fixes[0];
    (first ? first[1].slice(0, 3) : []).forEach(function (choice) {
      var text = query;
      fixes.forEach(function (f) {
        var to = f === first ? choice : f[1][0];
        text = text.replace(new RegExp("(^|[^\\p{L}\\p{N}])" + f[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&") +
                                       "(?![\\p{L}\\p{N}])", "iu"), function (m, before) { return before + to; });
      });
      if (text !== query && offers.indexOf(text) < 0) offers.push(text);
    });
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
    timer = window.setTimeout(function () { search(); }, 120);
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
    typing = false;
    search();
    input.focus();
  });
  var asked = new URL(location.href).searchParams.get("q");
  if (asked && !input.value) input.value = asked;


  fetch(dirUrl).then(function (r) { return r.json(); }).then(function (data) {
    dir = data;
    easyRefs = refSet(dir.easy);
    localRefs = refSet(dir.local);
    root.classList.add("sf-search--ready");
    if (input.value.trim()) search();
  });
})();
