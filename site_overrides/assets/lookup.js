// "Who is responsible for me?" in the browser. Everything the citizen types, and their
// position, stays on this device: the script only fetches static data files of this site.
// Follows the ARIA combobox pattern (input + listbox, aria-activedescendant); results are
// announced through a polite live region. Without script, the page lists every office.
(function () {
  "use strict";

  // --- rules: what people type, reduced to one comparable form --------------------------
  // The same functions, line for line, as generator/places/normalise.py (read its module
  // text for the rules); tests/test_place_rules.py runs both on hundreds of spellings.
  var rules = (function () {
    var ABBREVIATIONS = {st: "sankt", skt: "sankt"};
    var OPTIONAL = ("bad sankt stadt hansestadt lutherstadt markt flecken gemeinde kurort " +
                    "seebad ostseebad").split(" ");
    var GLUED = ["gross", "klein", "ober", "unter", "nieder", "mittel"];
    var GLUED_REST = 4, LIMIT = 8;
    var COUNTRY_FIRST = /^(?:(?:d|de|deu) ?)?([0-9](?: ?[0-9])*)(?: ?([^0-9]+))?$/u;
    var NAME_FIRST = /^([^0-9]+?) ?([0-9](?: ?[0-9])*)$/u;

    function split(text) { return text.split(" ").filter(function (w) { return w; }); }
    function compact(key) { return key.split(" ").join(""); }
    function length(text) { return Array.from(text).length; }  // code points, as Python

    function fold(text) {
      text = text.toLowerCase().split("ß").join("ss").normalize("NFKD");
      text = text.replace(/\p{M}/gu, "").replace(/[^\p{L}\p{N}]/gu, " ");
      [["ae", "a"], ["oe", "o"], ["ue", "u"]].forEach(function (p) {
        text = text.split(p[0]).join(p[1]);
      });
      var ws = split(text);
      return ws.map(function (w, i) {
        return i < ws.length - 1 && ABBREVIATIONS.hasOwnProperty(w) ? ABBREVIATIONS[w] : w;
      }).join(" ");
    }

    function parse(text) {
      var key = fold(text), digits, place, m;
      if (!key) return {kind: "empty"};
      if (!/[0-9]/.test(key)) return {kind: "name", key: key};
      m = COUNTRY_FIRST.exec(key);
      if (m) {
        digits = m[1]; place = m[2] || "";
      } else {
        m = NAME_FIRST.exec(key);
        if (!m) return {kind: "bad"};
        place = m[1]; digits = m[2];
      }
      digits = compact(digits);
      if (digits.length !== 5) return {kind: "bad"};
      return {kind: "postcode", code: digits, place: place.trim()};
    }

    function words(key) {
      var out = [];
      key.split(" ").forEach(function (w) {
        if (!w) return;
        out.push(w);
        GLUED.forEach(function (prefix) {
          if (w.indexOf(prefix) === 0 && length(w) - length(prefix) >= GLUED_REST) {
            out.push(w.slice(prefix.length));
          }
        });
      });
      return out;
    }

    function core(key) {
      var kept = split(key).filter(function (w) { return OPTIONAL.indexOf(w) < 0; });
      return kept.length ? kept.join(" ") : key;
    }

    function shardLetter(key) {
      var ws = key.split(" ");
      var kept = ws.filter(function (w) { return w && OPTIONAL.indexOf(w) < 0; });
      var first = kept.length ? kept[0] : ws[0];
      return Array.from(first)[0] || "_";
    }

    var WHOLE = " =";  // a key matched only in full (normalise.py WHOLE)

    function rank(query, key) {
      if (!query || !key) return null;
      if (key.slice(-WHOLE.length) === WHOLE) {
        return compact(query) === compact(key.slice(0, -WHOLE.length)) ? 0 : null;
      }
      var q = compact(query), k = compact(key);
      if (q === k) return 0;
      if (compact(core(query)) === compact(core(key))) return 1;
      if (k.indexOf(q) === 0) return 2;
      var nameWords = words(key);
      var all = split(query).every(function (t) {
        return nameWords.some(function (n) { return n.indexOf(t) === 0; });
      });
      return all ? 3 : null;
    }

    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    function spelled(text) {
      text = text.toLowerCase().split("ß").join("ss").normalize("NFC");
      [["ä", "ae"], ["ö", "oe"], ["ü", "ue"]].forEach(function (p) {
        text = text.split(p[0]).join(p[1]);
      });
      return text.replace(/[^\p{L}\p{N}]/gu, "");
    }

    function find(query, entries, typed) {
      var start = spelled(typed || ""), scored = [];
      entries.forEach(function (entry) {
        var r = rank(query, entry[0]);
        var prefix = start && spelled(entry[1]).indexOf(start) === 0 ? 0 : 1;
        if (r !== null) scored.push([r, prefix, length(compact(entry[0])), entry[1], entry[2], entry]);
      });
      scored.sort(function (a, b) {
        return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || cmp(a[3], b[3]) || cmp(a[4], b[4]);
      });
      var seen = {}, out = [];
      for (var i = 0; i < scored.length && out.length < LIMIT; i++) {
        var entry = scored[i][5], id = entry[1] + "\u0000" + entry[2];
        if (seen[id]) continue;
        seen[id] = true;
        out.push(entry);
      }
      return out;
    }

    function exact(query, found) {
      var out = [];
      found.forEach(function (entry) {
        var r = rank(query, entry[0]);
        if (r !== null && r <= 1 && out.indexOf(entry[2]) < 0) out.push(entry[2]);
      });
      return out;
    }

    function narrow(place, municipalities) {
      if (!place) return municipalities;
      var hits = municipalities.filter(function (m) {
        return [m[1]].concat(m[3]).some(function (name) { return rank(place, fold(name)) !== null; });
      });
      return hits.length ? hits : municipalities;
    }

    // --- who answers for a place: generator/content/resolve.py, offered_at() and
    // responsible_at(); the same parity test runs both on every place and service

    function offeredAt(area, ars) {
      // a service with an area is offered only where one of its prefixes matches
      return !area || !area.length || area.some(function (p) { return ars.indexOf(p) === 0; });
    }

    function responsible(entries, ars) {
      // the most specific area wins; entries are [area prefix, office id]
      var best = -1, ids = [];
      (entries || []).forEach(function (entry) {
        var prefix = entry[0];
        if (ars.indexOf(prefix) !== 0) return;
        if (prefix.length > best) { best = prefix.length; ids = []; }
        if (prefix.length === best && ids.indexOf(entry[1]) < 0) ids.push(entry[1]);
      });
      return ids.sort();
    }

    function answer(entries, area, ars) {
      // null: not offered at ``ars``; else the office ids (empty: the fallback answers)
      return offeredAt(area, ars) ? responsible(entries, ars) : null;
    }

    return {fold: fold, spelled: spelled, parse: parse, words: words, core: core, shardLetter: shardLetter,
            rank: rank, find: find, exact: exact, narrow: narrow, offeredAt: offeredAt,
            responsible: responsible, answer: answer};
  })();

  // node loads this file for the parity tests: the rules only, no page
  if (typeof module === "object" && module && module.exports) {
    module.exports = rules;
    return;
  }

  var STORE = "servicefinder.place";
  var PAUSE = 800;  // ms without a key before the suggestions' count is said
  var cache = {};

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

  // a place as the answer names it: "Jena (Stadt Jena)"; a name that already ends with its
  // district in brackets ("Solling (Landkreis Northeim)") is not given it twice
  function placeLabel(place) {
    var tail = " (" + place.district + ")";
    var name = String(place.name);
    return !place.district || name.slice(-tail.length) === tail ? name : name + tail;
  }

  // ``template`` with {key} replaced by ``node``: the nodes to append (the words around
  // it stay text, so a place name can carry its own language)
  function fmtNodes(template, key, node) {
    var parts = template.split("{" + key + "}"), out = [];
    parts.forEach(function (part, i) {
      if (i) out.push(node.cloneNode(true));
      if (part) out.push(document.createTextNode(part));
    });
    return out;
  }

  function Lookup(root, words) {
    this.root = root;
    this.kind = root.dataset.kind;
    this.mode = root.dataset.mode;
    this.t = words;
    // "all" mode: the page lists its services itself, so a new service title changes
    // that one page and not the lookup data every service page refers to
    this.services = JSON.parse(root.dataset.services || "[]");
    // where the service is offered (service mode): {area, names, general} or null
    this.offered = JSON.parse(root.dataset.offer || "null");
    this.manifestUrl = new URL(root.dataset.manifest, location.href);
    this.siteRoot = new URL("../../", this.manifestUrl);
    this.input = root.querySelector("[role=combobox]");
    this.listbox = root.querySelector("[role=listbox]");
    this.status = root.querySelector("[data-sf-status]");
    this.answer = root.querySelector("[data-sf-answer]");
    // office data is in the source language: marked as such on pages in another language
    var src = root.dataset.sourceLang;
    this.srcDir = root.dataset.sourceDir || "ltr";
    this.src = src && src !== document.documentElement.lang ? src : null;
    this.options = [];
    this.active = -1;
    // "Meine Stellen" has no section heading above the lookup: its answer is an h2
    this.level = this.mode === "all" ? 2 : 3;
    // once a place is known, its answer replaces the list of all offices, which stays
    // one click away in its disclosure; the answer card at the top names the office too
    var doc = root.ownerDocument;
    this.allOffices = doc.querySelector("[data-sf-all-offices]");
    this.where = this.mode === "all" ? null : doc.querySelector("[data-sf-where]");
    root.hidden = false;
    this.bind();
    // started by onuse.js when the citizen first used the form: text typed meanwhile is
    // in the input, and a submit or a "use my location" held until now is done now
    var queued = root.getAttribute("data-sf-queued");
    root.removeAttribute("data-sf-queued");
    root.setAttribute("data-sf-ready", "");
    if (queued === "submit") this.submitted();
    else if (queued === "locate" && "geolocation" in navigator) this.locate();
    else if (this.input.value) this.typed();
    else this.restore();
  }

  Lookup.prototype.load = function (file) {
    var url = new URL(file, this.manifestUrl).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[url];
  };

  Lookup.prototype.manifest = function () { return this.load(this.manifestUrl.href); };

  Lookup.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.typed(); });
    this.input.addEventListener("keydown", function (e) { self.keydown(e); });
    // the list closes a moment after the input loses focus, unless the focus came back
    // meanwhile (a Shift+Tab and Tab, a tap beside it): the list shown since then stays
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (self.input.ownerDocument.activeElement !== self.input) self.close();
      }, 150);
    });
    this.root.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      self.submitted();
    });
    this.listbox.addEventListener("mousedown", function (e) { e.preventDefault(); });
    this.listbox.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) self.choose(self.options[Number(li.dataset.index)]);
    });
    var locate = this.root.querySelector("[data-sf-locate]");
    if (locate && "geolocation" in navigator) {
      locate.addEventListener("click", function () { self.locate(); });
    } else if (locate) {
      locate.parentNode.hidden = true;
    }
  };

  // --- what the answer on screen was given for ----------------------------------------------
  // An answer belongs to one input: a postcode (with or without a place name after it) or
  // a folded text. The moment the input says something else, the answer goes, so nobody
  // reads an office that belongs to what they typed before.

  Lookup.prototype.signature = function () {
    var p = rules.parse(this.input.value);
    return p.kind === "postcode" ? "pc:" + p.code : "text:" + rules.fold(this.input.value);
  };

  Lookup.prototype.clearAnswer = function () {
    this.answer.textContent = "";
    this.answerFor = null;
    this.summarise(null);
  };

  Lookup.prototype.summarise = function (parts) {
    // the list of all offices is open while no place is known, closed under an answer;
    // the answer card's "where" line says the answer in one line (null: no answer)
    if (this.allOffices) this.allOffices.open = !parts;
    if (!this.where) return;
    this.where.textContent = "";
    this.where.hidden = !parts;
    (parts || []).forEach(function (p) { this.where.appendChild(p); }, this);
  };

  Lookup.prototype.current = function (sig) {
    // false when the input changed since the work for ``sig`` began: its result is stale
    return sig === this.signature();
  };

  function given(self, sig) { return sig === undefined ? self.signature() : sig; }

  // --- suggestions (combobox) -------------------------------------------------------------

  Lookup.prototype.typed = function () {
    var self = this, p = rules.parse(this.input.value), sig = this.signature();
    if (this.answerFor && this.answerFor.sig !== sig) this.clearAnswer();
    if (p.kind === "postcode") {
      this.close();
      return this.postcode(p.code, p.place, false);  // typing: focus stays put
    }
    if (p.kind !== "name" || p.key.replace(/ /g, "").length < 2) return this.close();
    this.names(p.key, this.input.value).then(function (found) {
      if (self.current(sig)) self.open(found);
    }).catch(function () { self.close(); });
  };

  Lookup.prototype.names = function (key, typed) {
    // names are filed under the first letter of each of their words (the token index of
    // generator/site/lookup_data.py), so one file holds every name a query can match
    var self = this;
    return this.manifest().then(function (m) {
      var file = m.names[rules.shardLetter(key)];
      return file ? self.load(file) : [];
    }).then(function (entries) { return rules.find(key, entries, typed); });
  };

  Lookup.prototype.open = function (found) {
    var self = this;
    this.options = found.map(function (n) {
      return {label: n[1], ars: n[2], district: n[3], postcodes: n[4]};
    });
    this.active = -1;
    this.listbox.textContent = "";
    this.options.forEach(function (f, i) {
      self.listbox.appendChild(el("li", {
        role: "option", id: self.listbox.id + "-" + i, "data-index": String(i),
        "aria-selected": "false"
      }, [self.name(f.label + " – " + f.district)]));
    });
    var n = found.length;
    this.listbox.hidden = !n;
    this.input.setAttribute("aria-expanded", String(n > 0));
    this.input.removeAttribute("aria-activedescendant");
    // the count is said once typing pauses, not after every letter ("2 suggestions" three
    // times for four letters), and not again while it stays the same
    var self = this, said = n ? fmt(n === 1 ? this.t.suggestion_one : this.t.suggestions, {n: n}) : "";
    window.clearTimeout(this.countTimer);
    this.countTimer = window.setTimeout(function () {
      if (said && said !== self.lastCount) self.say(said);
      self.lastCount = said;
    }, PAUSE);
  };

  Lookup.prototype.close = function () {
    window.clearTimeout(this.countTimer);
    this.lastCount = "";
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Lookup.prototype.keydown = function (e) {
    var n = this.options.length;
    if (e.key === "Escape") { this.close(); return; }
    if (this.listbox.hidden || !n || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    this.active = e.key === "ArrowDown" ? (this.active + 1) % n : (this.active - 1 + n) % n;
    var items = this.listbox.children;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", String(i === this.active));
    }
    this.input.setAttribute("aria-activedescendant", items[this.active].id);
  };

  Lookup.prototype.choose = function (option, focus) {
    this.input.value = option.label;
    this.close();
    this.show({ars: option.ars, name: option.label, district: option.district}, null, focus,
              this.signature());
  };

  // --- answers ------------------------------------------------------------------------------

  Lookup.prototype.submitted = function () {
    if (this.active >= 0) return this.choose(this.options[this.active]);
    this.submit();
  };

  Lookup.prototype.submit = function () {
    // Enter: a postcode is answered; a name takes the place it names in full, or else the
    // first suggestion (the one shown first in the list, by the same rules)
    var self = this, raw = this.input.value.trim(), p = rules.parse(raw), sig = this.signature();
    if (p.kind === "postcode") return this.postcode(p.code, p.place, true);
    if (p.kind !== "name") return this.problem(this.t.bad_input, true, sig);
    this.names(p.key, raw).then(function (found) {
      if (!self.current(sig)) return;
      var exact = rules.exact(p.key, found);
      if (exact.length > 1) {
        var places = exact.map(function (ars) {
          var n = found.filter(function (f) { return f[2] === ars; })[0];
          return {ars: n[2], name: n[1], district: n[3]};
        });
        self.close();
        return self.offer(fmt(self.t.choose_name, {q: raw}), places, true, sig);
      }
      if (found.length) {
        return self.choose({label: found[0][1], ars: found[0][2], district: found[0][3]}, true);
      }
      self.close();
      self.problem(fmt(self.t.unknown_name, {q: raw}), true, sig);
    });
  };

  Lookup.prototype.postcode = function (code, place, focus) {
    // a place name typed with the postcode narrows a postcode several municipalities share
    var self = this, sig = this.signature();
    this.manifest().then(function (m) {
      var shard = m.postcodes[code.slice(0, 2)];
      return shard ? self.load(shard) : {};
    }).then(function (shard) {
      if (!self.current(sig)) return;
      var entries = rules.narrow(place, shard[code] || []);
      if (!entries.length) {
        // a postcode of another part of the country is not unknown: it is outside this
        // site's area, and the number 115 helps there too
        return self.national(code).then(function (known) {
          if (!self.current(sig)) return;
          var said = known ? self.t.outside_postcode : self.t.unknown_postcode;
          var shown = self.answerFor;
          if (shown && shown.sig === sig && shown.asked === "none") {
            if (focus) self.focusAnswer();  // already said while typing
            return;
          }
          self.problem(fmt(said, {code: code}), focus, sig, "none");
        });
      }
      var key = entries.map(function (e) { return e[0]; }).join(" ");
      var shown = self.answerFor;
      if (shown && shown.sig === sig && shown.asked === key) {
        // already there (typing answered it): Enter moves focus to it, which says it; the
        // status is not cleared and set again, or it would be said twice
        if (focus) self.focusAnswer();
        return;
      }
      var list = entries.map(function (e) { return {ars: e[0], name: e[1], district: e[2]}; });
      if (list.length === 1) return self.show(list[0], null, focus, sig, key);
      self.offer(fmt(self.t.choose_postcode, {code: code}), list, focus, sig, key);
    });
  };

  // German postcodes run from 01001 to 99998 and begin with a two-digit postal region
  // (Leitregion): every pair but 00, 05, 43 and 62. Without the import's list of the
  // country's postcodes, these tell a postcode of another part of the country from a
  // mistyped number.
  var POSTAL_REGION = /^(?!00|05|43|62|99999)\d{5}$/;

  Lookup.prototype.national = function (code) {
    // whether ``code`` is a postcode anywhere in the country: the import's list where the
    // site has one, else the postal regions
    var self = this;
    return this.manifest().then(function (m) {
      if (!m.national) return POSTAL_REGION.test(code) && code >= "01001";
      var file = m.national[code.charAt(0)];
      if (!file) return false;
      return self.load(file).then(function (groups) {
        var rest = groups[code.slice(0, 2)] || "";
        for (var i = 0; i < rest.length; i += 3) {
          if (rest.substr(i, 3) === code.slice(2)) return true;
        }
        return false;
      });
    }).catch(function () { return false; });
  };

  Lookup.prototype.focusAnswer = function () {
    var target = this.answer.querySelector("[tabindex='-1']");
    if (target) target.focus();
  };

  Lookup.prototype.offer = function (question, list, focus, sig, asked) {
    // several municipalities share this postcode or name: the citizen chooses
    var self = this;
    sig = given(this, sig);
    if (!this.current(sig)) return;
    var heading = el("h" + this.level, {tabindex: "-1", text: question});
    var ul = el("ul", {"class": "sf-lookup__choices"});
    list.forEach(function (place) {
      var button = el("button", {type: "button"}, [self.name(place.name + " – " + place.district)]);
      button.addEventListener("click", function () { self.show(place, null, true, sig, asked); });
      ul.appendChild(el("li", {}, [button]));
    });
    this.answer.textContent = "";
    this.answer.appendChild(heading);
    this.answer.appendChild(ul);
    this.answerFor = {sig: sig, asked: asked};
    // said once: by focus on the question, or (while typing) by the status region
    if (focus) heading.focus(); else this.say(question);
  };

  Lookup.prototype.show = function (place, note, focus, sig, asked) {
    // focus moves to the answer only after an explicit action, never while typing; ``sig``
    // is the input this answers, ``asked`` the municipalities that input named
    var self = this;
    sig = given(this, sig);
    this.manifest().then(function (m) { return self.load(m.offices); }).then(function (data) {
      if (!self.current(sig)) return;
      self.answer.textContent = "";
      self.answerFor = {sig: sig, asked: asked === undefined ? place.ars : asked};
      if (note) self.answer.appendChild(el("p", {"class": "sf-note", text: note}));
      var label = placeLabel(place);
      var title = fmt(self.t.responsible_for, {place: label});
      var heading = el("h" + self.level, {tabindex: "-1", "class": "sf-lookup__heading"},
                       fmtNodes(self.t.responsible_for, "place", self.name(label)));
      self.answer.appendChild(heading);
      var names = [];
      if (self.mode === "all") {
        var ul = el("ul", {"class": "sf-lookup__services"});
        self.services.forEach(function (s) {
          var offices = rules.answer(data.kinds[s.kind], s.area, place.ars);
          names.push(s.title);
          var said;
          if (offices === null) {
            said = el("span", {}, [el("strong", {text: self.t.not_offered_short})]);
            if (s.general) {
              said.appendChild(document.createTextNode(". " + self.t.general_pointer + " "));
              said.appendChild(el("a", {href: new URL(s.general.url, self.siteRoot).href,
                                        text: s.general.title}));
            }
            said.appendChild(document.createTextNode(". "));
            said.appendChild(el("span", self.marked({text: data.fallback.name})));
          } else if (offices.length) {
            said = self.officeLinks(data, offices);
          } else {
            said = el("span", self.marked({text: data.fallback.name}));
          }
          ul.appendChild(el("li", {}, [
            el("a", {href: new URL(s.url, self.siteRoot).href, text: s.title}),
            el("span", {text: ": "}),
            said
          ]));
        });
        self.answer.appendChild(ul);
      } else {
        var offices = rules.answer(data.kinds[self.kind], self.offered && self.offered.area, place.ars);
        if (offices === null) {
          var o = self.offered;
          var msg = fmt(self.t.not_offered, {place: place.name, area: o.names.join(", ")});
          self.answer.appendChild(el("p", {"class": "sf-lookup__not-offered"}, [
            el("strong", {}, fmtNodes(self.t.not_offered.replace("{area}", o.names.join(", ")),
                                      "place", self.name(place.name)))]));
          names.push(msg);
          if (o.general) {
            self.answer.appendChild(el("p", {}, [
              el("span", {text: self.t.general_pointer + " "}),
              el("a", {href: new URL(o.general.url, self.siteRoot).href, text: o.general.title})
            ]));
            names.push(self.t.general_pointer + " " + o.general.title);
          }
          self.answer.appendChild(self.fallback(data, self.t.fallback_intro));
          names.push(data.fallback.name);
          offices = [];
        }
        offices.forEach(function (id) {
          names.push(data.offices[id].name);
          self.answer.appendChild(self.card(data, id));
        });
        if (!offices.length && !names.length) {
          self.answer.appendChild(self.fallback(data, self.t.no_office));
          names.push(data.fallback.name);
        }
        var said = offices.length ? self.officeLinks(data, offices)
                                  : el("span", self.marked({text: names.join("; ")}));
        self.summarise([el("strong", {}, fmtNodes(self.t.responsible_for, "place", self.name(label))),
                        document.createTextNode(" "), said]);
      }
      self.answer.appendChild(self.controls(place));
      self.remember(place);
      // said once: after an action, focus on the heading says the title and the status
      // the offices; while typing, the status says both
      if (focus) {
        heading.focus();
        self.say(names.join("; "));
      } else {
        self.say(title + " " + names.join("; "));
      }
    });
  };

  Lookup.prototype.officeLinks = function (data, ids) {
    var self = this, span = el("span");
    ids.forEach(function (id, i) {
      if (i) span.appendChild(document.createTextNode(", "));
      span.appendChild(el("a", self.marked({href: new URL(data.offices[id].url, self.siteRoot).href,
                                text: data.offices[id].name})));
    });
    return span;
  };

  // a name from the office data (a place, a district, an office) as an element marked with
  // the data's language where the page is in another
  Lookup.prototype.name = function (text, tag) {
    return el(tag || "span", this.marked({text: text}));
  };

  Lookup.prototype.marked = function (attrs) {
    if (this.src) {
      attrs.lang = this.src; attrs.dir = this.srcDir;
      attrs.hreflang = attrs.href ? this.src : undefined;
    }
    if (attrs.hreflang === undefined) delete attrs.hreflang;
    return attrs;
  };

  function listedCard(doc, id, heading) {
    // the office's card as the page lists it (templates/components.html authority_card):
    // one markup for the list, the lookup's answer and the pre-check; its name becomes a
    // ``heading`` element (one level below the answer's), or null if the page lists none
    var listed = doc.querySelector('.sf-authority-list [data-sf-authority="' + id + '"]');
    if (!listed) return null;
    var card = listed.cloneNode(true);
    var name = card.querySelector(".sf-authority__name");
    if (name && heading) {
      var h = el(heading, {"class": name.className});
      while (name.firstChild) h.appendChild(name.firstChild);
      name.parentNode.replaceChild(h, name);
    }
    return card;
  }

  Lookup.prototype.card = function (data, id) {
    var card = listedCard(this.root.ownerDocument, id, "h" + (this.level + 1));
    if (!card) return el("p", {}, [this.officeLinks(data, [id])]);
    card.classList.add("sf-authority--answer");
    return card;
  };

  Lookup.prototype.fallback = function (data, intro) {
    var f = data.fallback;
    var div = el("div", {"class": "sf-fallback"}, [
      el("p", {text: intro}),
      el("p", {}, [el("strong", this.marked({text: f.name}))])
    ]);
    // the 115 text in the page's language where the page is not in the source language
    var text = this.src && this.t.fallback_text ? this.t.fallback_text : f.text;
    if (text) div.appendChild(el("p", {text: text}));
    if (f.phone) div.appendChild(el("p", {}, [el("span", {text: this.t.phone + ": "}),
      el("a", {href: "tel:" + f.phone.replace(/[^+\d]/g, ""), dir: "ltr", text: f.phone})]));
    return div;
  };

  Lookup.prototype.problem = function (message, focus, sig, asked) {
    var self = this;
    sig = given(this, sig);
    this.manifest().then(function (m) { return self.load(m.offices); }).then(function (data) {
      if (!self.current(sig)) return;
      self.answer.textContent = "";
      self.answerFor = {sig: sig, asked: asked};
      var p = el("p", {"class": "sf-lookup__problem", tabindex: "-1", text: message});
      self.answer.appendChild(p);
      self.answer.appendChild(self.fallback(data, self.t.fallback_intro));
      var rest = self.t.fallback_intro + " " + data.fallback.name;
      // the message once: by focus on it, or by the status region when focus stays put
      if (focus !== false) {
        p.focus();
        self.say(rest);
      } else {
        self.say(message + " " + rest);
      }
    });
  };

  Lookup.prototype.controls = function (place) {
    var self = this;
    var change = el("button", {type: "button", text: this.t.change});
    change.addEventListener("click", function () { self.input.focus(); self.input.select(); });
    var forget = el("button", {type: "button", text: this.t.forget});
    forget.addEventListener("click", function () {
      try { localStorage.removeItem(STORE); } catch (e) { /* storage blocked */ }
      self.clearAnswer();
      self.input.value = "";
      self.say(self.t.forgotten);
      self.input.focus();
    });
    return el("p", {"class": "sf-lookup__controls"}, [change, document.createTextNode(" "), forget]);
  };

  // --- memory and position ------------------------------------------------------------------

  Lookup.prototype.remember = function (place) {
    try { localStorage.setItem(STORE, JSON.stringify(place)); } catch (e) { /* blocked */ }
  };

  Lookup.prototype.restore = function () {
    var place = null;
    try { place = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { place = null; }
    if (!place || !place.ars) return;
    // the input names the place the answer is for, so typing anything else clears it
    this.input.value = place.name;
    this.show(place, fmt(this.t.remembered, {place: place.name}));
  };

  Lookup.prototype.locate = function () {
    var self = this;
    this.say(this.t.locating);
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude, lon = pos.coords.longitude;
      self.manifest().then(function (m) {
        var files = [];
        for (var dy = -1; dy <= 1; dy++) {
          for (var dx = -1; dx <= 1; dx++) {
            var key = (Math.floor(lat) + dy) + "_" + (Math.floor(lon) + dx);
            if (m.geo[key]) files.push(self.load(m.geo[key]));
          }
        }
        return Promise.all(files);
      }).then(function (tiles) {
        var best = null, bestD = Infinity, k = Math.cos(lat * Math.PI / 180);
        tiles.forEach(function (tile) {
          tile.forEach(function (p) {
            var d = Math.pow(p[3] - lat, 2) + Math.pow((p[4] - lon) * k, 2);
            if (d < bestD) { bestD = d; best = p; }
          });
        });
        if (!best) return self.problem(self.t.no_place_near);
        var place = {ars: best[0], name: best[1], district: best[2]};
        self.input.value = place.name;
        self.show(place, fmt(self.t.nearest, {place: place.name}), true);
      });
    }, function () {
      self.problem(self.t.no_position);
    }, {timeout: 15000, maximumAge: 600000});
  };

  Lookup.prototype.say = function (text) {
    // clear first, so the same message is announced again
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  };

  // what precheck.js shares with the lookup: who answers for a place, and the card
  window.servicefinderLookup = {rules: rules, card: listedCard, placeKey: STORE};

  // the words come in a data file per language (data-words), shared by every page
  document.querySelectorAll("[data-sf-lookup]").forEach(function (root) {
    fetch(new URL(root.dataset.words, location.href)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (words) { new Lookup(root, words); });
  });
})();
