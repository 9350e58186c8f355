// "Could this be for me?" and "What do I bring?" in the browser. The pre-check asks the
// page's questions one at a time and says where the answers lead; the answers are never
// sent and never stored. The documents list becomes a checklist whose ticks are kept in
// this browser's localStorage (per service, clearable; no cookie), and prints as one page
// with the office the lookup found for the saved place. Without script the page lists
// every question and the documents as plain lists. Data: the JSON block #sf-precheck-data,
// which carries what those lists do not show; the words they show are read from them.
(function () {
  "use strict";
  var PLACE = "servicefinder.place";  // what lookup.js remembers, if the citizen asked it to
  var dataNode = document.getElementById("sf-precheck-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var w = data.words;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function load(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  // --- the responsible office: the lookup's answer for the saved place --------------------

  function savedPlace() {
    try { return JSON.parse(localStorage.getItem(PLACE) || "null"); } catch (e) { return null; }
  }

  // what lookup.js shares; the page fetches lookup.js when the lookup is first used
  // (onuse.js), so it is asked for here when nobody has used the lookup yet
  function lookupShared() {
    if (window.servicefinderLookup) return Promise.resolve(window.servicefinderLookup);
    var part = document.querySelector("[data-sf-lookup][data-sf-on-use]");
    var onUse = window.servicefinderOnUse;
    if (!part || !onUse) return Promise.resolve(null);
    return onUse.need(part).then(function () { return window.servicefinderLookup || null; });
  }

  // {place, offices: [office ids]} when known: the saved place's offices (by the lookup's
  // own rules), or the only office there is for this service; null otherwise
  function responsible() {
    if (!data.manifest) return Promise.resolve(null);
    var shared, manifestUrl = new URL(data.manifest, location.href);
    return lookupShared().then(function (found) {
      shared = found;
      if (!shared) throw new Error("no lookup");
      return load(manifestUrl.href);
    }).then(function (m) {
      return load(new URL(m.offices, manifestUrl).href);
    }).then(function (offices) {
      var place = savedPlace();
      var ids = place && place.ars
        ? shared.rules.answer(offices.kinds[data.kind], data.area, place.ars) : [];
      // a saved place outside the service's area has no office for it (lookup.js says so)
      if (ids === null) return null;
      if (!ids.length && data.offices.length === 1) { ids = data.offices; place = null; }
      return ids.length ? {place: place, offices: ids} : null;
    }).catch(function () { return null; });
  }

  function officeBlock(found) {
    // the offices' cards as the page lists them (one markup, see lookup.js)
    var div = el("div", {"class": "sf-precheck__office"});
    if (found.place) {
      // the place's name is in the office data's language: marked so on other pages
      var part = document.querySelector("[data-sf-lookup]"), src = part && part.dataset.sourceLang;
      var name = el("span", {text: found.place.name});
      if (src && src !== data.lang) { name.lang = src; name.dir = part.dataset.sourceDir || "ltr"; }
      var words = w.office_for.split("{place}"), p = el("p");
      words.forEach(function (text, i) {
        if (i) p.appendChild(name);
        if (text) p.appendChild(document.createTextNode(text));
      });
      div.appendChild(p);
    }
    found.offices.forEach(function (id) {
      var card = window.servicefinderLookup.card(document, id, null);
      if (card) div.appendChild(card);
    });
    return div;
  }

  // --- the pre-check ---------------------------------------------------------------------

  // the words of the tree as the page's list of questions shows them (the JSON block has
  // the structure only, so the page carries each text once)
  // with the language each is written in, where a translation left them in German
  function readWords(list, tree) {
    function text(node) { return node ? node.textContent : null; }
    function lang(node) {
      var marked = node && node.closest("[lang]");
      return marked ? [marked.getAttribute("lang"), marked.getAttribute("dir") || "ltr"] : null;
    }
    tree.questions.forEach(function (q) {
      var item = list.querySelector('[id="frage-' + q.id + '"]');
      var textNode = item.querySelector("[data-sf-text]");
      q.text = text(textNode);
      q.lang = lang(textNode);
      q.hint = text(item.querySelector("[data-sf-hint]"));
      var labels = item.querySelectorAll(":scope > ul > li > strong");
      q.answers.forEach(function (a, i) { a.label = text(labels[i]); a.lang = lang(labels[i]); });
    });
    tree.outcomes.forEach(function (o) {
      var node = list.querySelector('[data-sf-outcome="' + o.id + '"]');
      o.text = text(node) || "";
      o.lang = lang(node);
    });
    return tree;
  }

  // attributes for an element holding a text in ``lang``: marked where it is not the page's
  function langOf(attrs, lang) {
    if (lang && lang[0] !== data.lang) { attrs.lang = lang[0]; attrs.dir = lang[1]; }
    return attrs;
  }

  function Precheck(root, tree) {
    this.root = root;
    this.tree = tree;
    this.questions = {};
    this.outcomes = {};
    var self = this;
    tree.questions.forEach(function (q) { self.questions[q.id] = q; });
    tree.outcomes.forEach(function (o) { self.outcomes[o.id] = o; });
    this.level = Number(root.parentNode.querySelector("#vorab-pruefen").tagName.slice(1)) + 1;
    this.status = el("p", {"class": "sf-visually-hidden", role: "status", "aria-live": "polite"});
    this.stage = el("div", {"class": "sf-precheck__stage"});
    root.appendChild(this.status);
    root.appendChild(this.stage);
    root.parentNode.querySelector("[data-sf-precheck-list]").hidden = true;
    root.hidden = false;
    this.path = [];  // [{question, answer index}]
    this.show(false);
  }

  Precheck.prototype.label = function (answer) {
    return answer.label;  // as the list shows it (readWords)
  };

  Precheck.prototype.current = function () {
    if (!this.path.length) return this.tree.start;
    var last = this.path[this.path.length - 1];
    return this.questions[last.question].answers[last.answer].next;
  };

  Precheck.prototype.show = function (focus) {
    var id = this.current();
    this.stage.textContent = "";
    if (this.questions[id]) this.ask(this.questions[id], focus); else this.conclude(this.outcomes[id], focus);
  };

  Precheck.prototype.ask = function (q, focus) {
    var self = this, n = this.path.length + 1;
    var progress = fmt(w.progress, {n: n, max: this.path.length + q.max});
    var heading = el("h" + this.level, {tabindex: "-1", "class": "sf-precheck__question", id: "sf-pc-q"}, [
      el("span", {"class": "sf-precheck__progress", text: progress}),
      el("span", {"class": "sf-visually-hidden", text: ": "}),
      el("span", langOf({text: q.text}, q.lang))
    ]);
    this.stage.appendChild(heading);
    if (q.hint) this.stage.appendChild(el("p", langOf({"class": "sf-note", text: q.hint}, q.lang)));
    var list = el("ul", {"class": "sf-precheck__answers", "aria-label": w.answers});
    q.answers.forEach(function (a, i) {
      var button = el("button", langOf({type: "button", "data-answer": a.key, text: self.label(a)}, a.lang));
      button.addEventListener("click", function () {
        self.path.push({question: q.id, answer: i});
        self.show(true);
      });
      list.appendChild(el("li", {}, [button]));
    });
    this.stage.appendChild(list);
    this.stage.appendChild(this.controls());
    // the question is said once: by moving focus to its heading (which holds the progress
    // and the question), not also by the status region
    if (focus) heading.focus();
  };

  Precheck.prototype.conclude = function (o, focus) {
    var self = this, result = w[o.result];
    var heading = el("h" + this.level, {tabindex: "-1", "class": "sf-precheck__result sf-precheck__result--" + o.result,
                                        "data-result": o.result, text: fmt(w.result, {result: result})});
    this.stage.appendChild(heading);
    this.stage.appendChild(el("p", langOf({text: o.text}, o.lang)));
    var sub = "h" + (this.level + 1);
    this.stage.appendChild(el(sub, {text: w.reasons}));
    var reasons = el("ul", {"class": "sf-precheck__reasons"});
    this.path.forEach(function (step) {
      var q = self.questions[step.question], a = q.answers[step.answer];
      reasons.appendChild(el("li", langOf({text: a.reason || q.text + " " + self.label(a)}, q.lang)));
    });
    this.stage.appendChild(reasons);
    this.stage.appendChild(el("p", {"class": "sf-precheck__decides"}, [el("strong", {text: w.decides})]));
    this.stage.appendChild(el(sub, {text: w.office}));
    var office = el("div", {"data-sf-precheck-office": ""}, [
      el("p", {}, [document.createTextNode(w.office_unknown + " "),
                   el("a", {href: "#" + data.section, text: "„" + sectionName() + "“"})])
    ]);
    this.stage.appendChild(office);
    responsible().then(function (found) {
      if (found) { office.textContent = ""; office.appendChild(officeBlock(found)); }
    });
    if (o.related.length) {
      this.stage.appendChild(el(sub, {text: w.related}));
      var ul = el("ul", {"class": "sf-precheck__related"});
      o.related.forEach(function (rid) {
        var r = data.related[rid];
        if (!r) return;
        var a = el("a", {href: r.url, text: r.title});
        if (r.lang !== data.lang) { a.setAttribute("lang", r.lang); a.setAttribute("hreflang", r.lang); }
        ul.appendChild(el("li", {}, [a]));
      });
      this.stage.appendChild(ul);
    }
    this.stage.appendChild(this.controls());
    // focus says the result (the heading); the status region says what the heading does
    // not, so nothing is said twice
    if (focus) {
      heading.focus();
      this.say(o.text + " " + w.decides);
    }
  };

  Precheck.prototype.controls = function () {
    var self = this, p = el("p", {"class": "sf-precheck__controls"});
    if (this.path.length) {
      var back = el("button", {type: "button", "data-sf-back": "", text: w.back});
      back.addEventListener("click", function () { self.path.pop(); self.show(true); });
      var restart = el("button", {type: "button", "data-sf-restart": "", text: w.restart});
      restart.addEventListener("click", function () { self.path = []; self.show(true); });
      p.appendChild(back);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(restart);
    }
    return p;
  };

  Precheck.prototype.say = function (text) {
    this.status.textContent = text;
  };

  function sectionName() {
    var h = document.getElementById(data.section);
    return h ? h.textContent.trim() : data.section;
  }

  // --- the document checklist ------------------------------------------------------------

  // a document's name: the text its list item starts with (a note or "optional" follows)
  function documentName(li) {
    var first = li.firstChild;
    return first && first.nodeType === 3 ? first.data.trim() : undefined;
  }

  function Checklist(list) {
    this.list = list;
    this.key = "servicefinder.checklist." + data.lang + "." + data.service;
    this.boxes = [];
    var self = this, ticked = this.load();
    list.classList.add("sf-checklist--ticks");
    Array.prototype.forEach.call(list.children, function (li, i) {
      var name = documentName(li);
      if (!name) return;
      var box = el("input", {type: "checkbox", id: "sf-doc-" + i, "class": "sf-checklist__box"});
      box.checked = ticked.indexOf(name) >= 0;
      box.addEventListener("change", function () { self.save(); });
      var label = el("label", {"for": box.id, "class": "sf-checklist__label"});
      while (li.firstChild) label.appendChild(li.firstChild);
      li.appendChild(box);
      li.appendChild(label);
      self.boxes.push({box: box, name: name, label: label});
    });
    this.status = el("p", {"class": "sf-checklist__status", role: "status", "aria-live": "polite"});
    var clear = el("button", {type: "button", "data-sf-clear": "", text: w.checklist_clear});
    clear.addEventListener("click", function () { self.clear(); });
    var print = el("button", {type: "button", "data-sf-print": "", text: w.checklist_print});
    print.addEventListener("click", function () { self.print(); });
    // the page's own words go beside the list, outside a block a translation left in
    // German (lang="de" around the list), so they keep the page's language
    var place = list, fell = list.parentNode.closest("[lang]");
    if (fell && fell.getAttribute("lang") !== data.lang && fell.contains(list) &&
        fell !== document.documentElement) place = fell;
    place.parentNode.insertBefore(el("p", {"class": "sf-note", text: w.checklist_hint}), place);
    place.parentNode.insertBefore(el("p", {"class": "sf-checklist__controls"}, [
      clear, document.createTextNode(" "), print]), place.nextSibling);
    place.parentNode.insertBefore(this.status, place.nextSibling);
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("sf-print-checklist");
    });
  }

  Checklist.prototype.load = function () {
    try { return JSON.parse(localStorage.getItem(this.key) || "[]"); } catch (e) { return []; }
  };

  Checklist.prototype.save = function () {
    var names = this.boxes.filter(function (b) { return b.box.checked; }).map(function (b) { return b.name; });
    try {
      if (names.length) localStorage.setItem(this.key, JSON.stringify(names));
      else localStorage.removeItem(this.key);
    } catch (e) { /* storage blocked: the ticks last as long as the page */ }
    this.status.textContent = fmt(w.checklist_count, {n: names.length, total: this.boxes.length});
  };

  Checklist.prototype.clear = function () {
    this.boxes.forEach(function (b) { b.box.checked = false; });
    try { localStorage.removeItem(this.key); } catch (e) { /* blocked */ }
    this.status.textContent = w.checklist_cleared;
  };

  Checklist.prototype.print = function () {
    // one page: the service, the office where known, the documents with their ticks, the
    // date; the rest of the page is left out while this sheet prints (see the CSS)
    var self = this;
    responsible().then(function (found) {
      self.sheet(found);
      document.documentElement.classList.add("sf-print-checklist");
      window.print();
    });
  };

  Checklist.prototype.sheet = function (found) {
    var old = document.querySelector(".sf-print-sheet");
    if (old) old.parentNode.removeChild(old);
    var date = new Intl.DateTimeFormat(data.lang, {day: "numeric", month: "long", year: "numeric"})
      .format(new Date());
    var sheet = el("div", {"class": "sf-print-sheet", lang: data.lang}, [
      el("p", {"class": "sf-print-sheet__title", text: fmt(w.print_title, {title: data.title})}),
      el("p", {text: fmt(w.print_date, {date: date}) + " · " + w.print_as_of + ": " + data.as_of})
    ]);
    var docs = el("ul", {"class": "sf-print-sheet__docs"});
    this.boxes.forEach(function (b) {
      var li = el("li", {"class": b.box.checked ? "sf-print-sheet__done" : ""}, [
        el("span", {"class": "sf-print-sheet__box", "aria-hidden": "true", text: b.box.checked ? "☒" : "☐"}),
        el("span", {text: " " + b.name + " (" + (b.box.checked ? w.print_done : w.print_open) + ")"})
      ]);
      docs.appendChild(li);
    });
    sheet.appendChild(docs);
    sheet.appendChild(el("p", {"class": "sf-print-sheet__title", text: w.office}));
    if (found) sheet.appendChild(officeBlock(found));
    else sheet.appendChild(el("p", {text: w.print_office_unknown + " " + location.href.split("#")[0]}));
    document.body.appendChild(sheet);
  };

  // --- start --------------------------------------------------------------------------------

  var root = document.querySelector("[data-sf-precheck]");
  var list = document.querySelector("[data-sf-precheck-list]");
  if (root && list && data.tree) new Precheck(root, readWords(list, data.tree));
  var docs = document.querySelector("[data-sf-documents]");
  if (docs && docs.children.length) new Checklist(docs);
})();
