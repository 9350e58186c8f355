// Site search on the prebuilt lunr index. Queries are folded and stemmed exactly as
// generator/site/search_index.py did for the index (German Snowball and English Porter),
// so "Anträge" finds "Antrag". Nothing is sent anywhere: index and data are files of this site.
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
//    legal basis is the cited section first.
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
  var siteRoot = new URL(root.dataset.root, location.href);
  var index = null, meta = null, vocab = null, typo = null, about = null, timer = null;
  var aboutSet = {}, ownWords = {};
  // fields that say what a page is about; word starts and compound heads match only there
  var ABOUT = ["title", "keywords", "summary", "law", "other"];
  // generator/site/search_index.py: FIELDS, EASY_BOOST
  var FIELD = {title: 10, keywords: 8, law: 8, summary: 4, other: 2, body: 1};
  var EASY = 0.3, LOCAL = 0.9;

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

  function known(term) { return Object.prototype.hasOwnProperty.call(vocab, term); }

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
    // a word found only in passing (in a page's text) may be a slip for a word pages are
    // about ("engeli": "engelli"): then both readings count
    var inAbout = Object.keys(terms).some(function (v) { return aboutSet[v]; });
    if (any && (inAbout || word.length < 5)) return [{terms: terms, word: word, about: heads}];
    if (word.length >= 5) {
      var folded = foldDe(word), slip = false;
      typo.forEach(function (w) {  // [folded word, its stem]
        if (w[1] !== s && damerau1(folded, w[0])) { terms[w[1]] = 7; slip = true; }
      });
      if (any || slip) return [{terms: terms, word: word, about: heads}];
    }
    if (lang === "de" && word.length >= 8) {
      var parts = split(foldDe(word), 0);
      if (parts) {
        return parts.map(function (p) { var g = {}; g[p] = 6; return {terms: g, word: word}; });
      }
    }
    return [];
  }

  function awayFrom(ws) {
    // the entries of the "not here" list the words name, and which words they take
    var stems = ws.map(function (w) { return w.joined ? null : stem(w.text); });
    var found = [], taken = {};
    meta.elsewhere.forEach(function (entry) {
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
              (phrase.length > 1 || !ownWords[ws[i].text]);
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
    // the query as groups of terms; the words that found nothing; the "not here" entries
    var law = lawTerms(query);
    var groups = law.groups.slice(), unknown = [], optional = [], ws = [];
    var raw = tokens(law.rest).filter(function (w) { return meta.stop.indexOf(w) < 0; });
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
      found.forEach(function (g) { g.away = !!away.taken[i]; });
      if (found.length) groups = groups.concat(found);
      else if (!away.taken[i]) unknown.push(w.text);
    });
    return {groups: groups, optional: optional, unknown: unknown, elsewhere: away.entries};
  }

  // per term: the documents it is in (any field), and those about it; counted once
  var dfs = {}, aboutDfs = {};
  function counts(term) {
    if (dfs[term] === undefined) {
      var any = {}, inAbout = {};
      Object.keys(vocab[term] || {}).forEach(function (f) {
        if (f === "_index") return;
        Object.keys(vocab[term][f]).forEach(function (r) {
          any[r] = 1;
          if (ABOUT.indexOf(f) >= 0) inAbout[r] = 1;
        });
      });
      dfs[term] = Object.keys(any).length;
      aboutDfs[term] = Object.keys(inAbout).length;
    }
  }

  function rarity(g) {
    // how few documents a word's readings are in: log(1 + N / df), df of its widest reading
    var df = 1;
    Object.keys(g.terms).forEach(function (term) { counts(term); df = Math.max(df, dfs[term]); });
    return Math.log(1 + meta.docs.length / df);
  }

  function general(g) {
    // a word in what more than half the pages are about ("Hilfe", "beantragen") says
    // little about which page is the answer
    var n = 0;
    Object.keys(g.terms).forEach(function (term) { counts(term); n = Math.max(n, aboutDfs[term]); });
    return meta.docs.length >= 6 && n * 2 > meta.docs.length;
  }

  function run(query) {
    var r = read(query);
    var out = {answers: [], mentions: [], unknown: r.unknown, elsewhere: r.elsewhere, part: null};
    if (!r.groups.length) return out;
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
    // the main words: those not every page is about; a query of general words only (and
    // nothing unknown or elsewhere) is its own main word
    var main = r.groups.filter(function (g) { return !g.away && !general(g); });
    if (!main.length && !r.unknown.length && !r.elsewhere.length) {
      main = r.groups.filter(function (g) { return !g.away; });
    }
    var rare = r.groups.map(rarity);
    var scored = hits.map(function (h) {
      var found = h.matchData.metadata, doc = meta.docs[h.ref];
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
        if (g.law && doc[7]) best *= 0.5;
        score += best * rare[i] * (1 - 0.05 * Math.min(i, 4));
        if (inAbout && main.indexOf(g) >= 0) answer = true;
      });
      if (doc[4]) score *= EASY;
      if (doc[7]) score *= LOCAL;
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
    (shown || []).forEach(function (h) { taken[meta.docs[h.ref][5]] = true; });
    hits.forEach(function (h) {
      var service = meta.docs[h.ref][5];
      if (taken[service]) return;
      if (!versions[service]) { versions[service] = []; order.push(service); }
      versions[service].push(h);
    });
    return order.map(function (service) {
      var full = versions[service].filter(function (h) { return !meta.docs[h.ref][4]; });
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

  function search() {
    var query = input.value.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    keepQuery(query);
    if (!index) return;  // the index is on its way; load() runs this again
    list.textContent = "";
    empty.hidden = true;
    elsewhere.hidden = true;
    mentioned.hidden = true;
    if (!query) { setCount(""); return; }
    var result = run(query);
    var chosen = topicsChosen();
    function inTopics(h) {
      var topics = meta.docs[h.ref][3];
      return !chosen.length || chosen.some(function (c) { return topics.indexOf(c) >= 0; });
    }
    var answers = result.answers.filter(inTopics), mentions = result.mentions.filter(inTopics);
    var spoken = [];
    // not here, but there: before any result
    var away = elsewhere.querySelector("ul");
    away.textContent = "";
    result.elsewhere.forEach(function (entry) {
      away.appendChild(awayItem(entry));
      spoken.push(say(t.elsewhere_status, 0, query).replace("{name}", entry[1]).replace("{who}", entry[3]));
    });
    elsewhere.hidden = !result.elsewhere.length;
    answers.forEach(function (h) { list.appendChild(item(meta.docs[h.ref], "li")); });
    var n = answers.length;
    if (!n) spoken.push(say(t.none, 0, query));
    else if (result.part) {
      spoken.push(say(n === 1 ? t.part_one : t.part_many, n, query, result.part.join(" ")));
    } else spoken.push(say(n === 1 ? t.one : t.many, n, query));
    var also = mentioned.querySelector("ul");
    also.textContent = "";
    mentions.forEach(function (h) { also.appendChild(item(meta.docs[h.ref], "li")); });
    mentioned.hidden = !mentions.length;
    if (mentions.length) {
      spoken.push(say(mentions.length === 1 ? t.mentioned_one : t.mentioned_many, mentions.length, query));
    }
    setCount(spoken.join(" "));
    showSuggestions(query, result.unknown);
    // without an answer the page offers the other ways: the A-Z list, the fallback contact
    empty.hidden = n > 0;
  }

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

  function item(doc, tag) {
    // doc: [title, summary, url, topics, easy, service, language of the text, local]
    var li = document.createElement(tag);
    var a = marked(document.createElement("a"), doc[6]);
    a.href = new URL(doc[2], siteRoot).href;
    a.textContent = doc[0];
    if (doc[6]) a.hreflang = doc[6];
    li.appendChild(a);
    var marks = [];
    if (doc[4]) marks.push(t.easy);
    if (doc[6]) marks.push(t.in_german);
    if (marks.length) {
      var span = document.createElement("span");
      span.className = "sf-search__mark";
      span.textContent = " (" + marks.join(", ") + ")";
      li.appendChild(span);
    }
    var p = marked(document.createElement("p"), doc[6]);
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
    return meta.words.map(function (v) {
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
    typing = false;
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
    about.forEach(function (term) { aboutSet[term] = true; });
    meta.words.forEach(function (w) { ownWords[w.toLowerCase()] = true; });
    root.classList.add("sf-search--ready");
    if (input.value.trim()) search();
  });
})();
