// The static site's full-text search (written for this project; no framework). It goes in front of site.js,
// whose filter calls `window.opendataSuche.update` and leaves the list to it while the query has search terms.

enum SiteSearchScript {
    /// Normalises the query as `SearchText` does (stop words from there, so both lists stay one), loads one
    /// postings file per term and the list items of the hits from `suche/index/` (SiteSearchIndex), ranks as
    /// `SearchIndex.scores` does (all terms must match; whole term full score, beginning half; ties by list
    /// position), filters by the selected facets, counts the facet values of the hits and shows 100 per page.
    static var js: String {
        let stop = SearchText.stopWords.sorted().joined(separator: " ")
        return "// opendata catalogue site: full-text search over suche/index/ (same terms and scores as the server's /suche).\n"
            + "window.opendataSuche = (function () {\n  'use strict';\n  var STOP_WORDS = '\(stop)';\n" + body
    }

    static let body = #"""
      var STOP = {};
      STOP_WORDS.split(' ').forEach(function (w) { STOP[w] = true; });
      var FOLD = { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'þ': 'th' };
      var CHUNK = 100;
      var PAGE = 100;
      var MAX_DOCS = 2000;

      function tokens(text) {
        var s = text.normalize('NFC').toLowerCase().replace(/[äöüßæœøłđþ]/g, function (c) { return FOLD[c]; });
        return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
      }
      function stem(w) {
        if (!/[a-z]/.test(w)) { return w; }
        while (w.length > 3) {
          var l = w.charAt(w.length - 1), b = w.charAt(w.length - 2);
          if (w.length > 5 && ((b === 'e' && (l === 'm' || l === 'r')) || (b === 'n' && l === 'd'))) { w = w.slice(0, -2); }
          else if (l === 'e' || l === 'n' || (l === 's' && b !== 's')) { w = w.slice(0, -1); }
          else { break; }
        }
        return w;
      }
      function queryTerms(text) {
        var seen = {}, out = [];
        tokens(text).forEach(function (t) {
          if (t.length < 2 || STOP[t]) { return; }
          t = stem(t);
          if (!seen[t]) { seen[t] = true; out.push(t); }
        });
        return out;
      }

      var base = 'suche/index/';
      var files = {};
      // Set when the index cannot be fetched at all (a page opened as a file: browsers refuse file:// fetches);
      // then the list filter of site.js works alone. A missing file (404) only means no term with that start.
      var offline = false;
      function load(name) {
        if (!files[name]) {
          files[name] = fetch(base + name).then(function (r) { return r.ok ? r.json() : null; })
            .catch(function () { offline = true; return null; });
        }
        return files[name];
      }

      // [[doc, score], …] best first: every term must match an index term equal to it (full score) or starting
      // with it (half, rounded down); per term a document's best match counts.
      function rank(terms) {
        return Promise.all(terms.map(function (t) { return load('t-' + t.slice(0, 2) + '.json'); })).then(function (shards) {
          var total = null;
          terms.forEach(function (t, i) {
            var shard = shards[i] || {}, best = {};
            Object.keys(shard).forEach(function (k) {
              if (k.lastIndexOf(t, 0) !== 0) { return; }
              var p = shard[k], exact = k === t;
              for (var j = 0; j < p.length; j += 2) {
                var s = exact ? p[j + 1] : Math.floor(p[j + 1] / 2);
                if (!(best[p[j]] >= s)) { best[p[j]] = s; }
              }
            });
            if (total === null) { total = best; return; }
            var next = {};
            Object.keys(total).forEach(function (d) { if (best[d] !== undefined) { next[d] = total[d] + best[d]; } });
            total = next;
          });
          var ranked = Object.keys(total || {}).map(function (d) { return [parseInt(d, 10), total[d]]; });
          ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
          return ranked;
        });
      }

      function element(html) {
        var t = document.createElement('template');
        t.innerHTML = html;
        return t.content.firstElementChild;
      }
      function label(option) {
        if (!option.hasAttribute('data-text')) { option.setAttribute('data-text', option.textContent); }
        return option.getAttribute('data-text').replace(/ \(\d+\)$/, '');
      }

      var generation = 0;
      var results = null;
      var nav = null;
      var last = null;

      function clear(s) {
        generation += 1;
        last = null;
        if (results) { results.remove(); results = null; }
        if (nav) { nav.remove(); nav = null; }
        s.list.hidden = false;
        var heading = document.getElementById('liste-titel');
        if (heading && heading.hasAttribute('data-text')) { heading.textContent = heading.getAttribute('data-text'); }
        s.selects.forEach(function (sel) {
          Array.prototype.slice.call(sel.options).forEach(function (o) {
            if (o.hasAttribute('data-text')) { o.textContent = o.getAttribute('data-text'); }
          });
        });
      }

      function show(s, page) {
        var docs = last.docs;
        var wanted = s.selects.filter(function (sel) { return sel.value !== ''; });
        function passes(d, except) {
          return wanted.every(function (sel) {
            return sel === except || (' ' + (d.li.getAttribute('data-' + sel.getAttribute('data-facet')) || '') + ' ').indexOf(' ' + sel.value + ' ') !== -1;
          });
        }
        s.selects.forEach(function (sel) {
          var counts = {}, f = sel.getAttribute('data-facet');
          docs.forEach(function (d) {
            if (!passes(d, sel)) { return; }
            (d.li.getAttribute('data-' + f) || '').split(' ').forEach(function (k) { if (k) { counts[k] = (counts[k] || 0) + 1; } });
          });
          Array.prototype.slice.call(sel.options).forEach(function (o) {
            if (o.value !== '') { o.textContent = label(o) + ' (' + (counts[o.value] || 0) + ')'; }
          });
        });
        var hits = docs.filter(function (d) { return passes(d, null); });
        var pages = Math.max(1, Math.ceil(hits.length / PAGE));
        page = Math.min(Math.max(1, page), pages);
        if (!results) {
          results = document.createElement('ol');
          results.className = 'datasets';
          results.id = 'suchtreffer';
          s.list.parentNode.insertBefore(results, s.list);
        }
        s.list.hidden = true;
        if (s.pager) { s.pager.hidden = true; }
        var heading = document.getElementById('liste-titel');
        if (heading) {
          if (!heading.hasAttribute('data-text')) { heading.setAttribute('data-text', heading.textContent); }
          heading.textContent = 'Treffer';
        }
        results.textContent = '';
        hits.slice((page - 1) * PAGE, page * PAGE).forEach(function (d) { results.appendChild(d.li); });
        var n = hits.length.toLocaleString('de-DE');
        var text = hits.length === 0 ? 'Keine Treffer' : (pages > 1
          ? 'Treffer ' + ((page - 1) * PAGE + 1).toLocaleString('de-DE') + '–' + Math.min(hits.length, page * PAGE).toLocaleString('de-DE') + ' von ' + n
          : n + ' Treffer');
        text += ' in ' + s.total.toLocaleString('de-DE') + ' Datensätzen, nach Relevanz';
        if (last.ranked > docs.length) { text += ' (Filter und Zahlen gelten für die besten ' + docs.length.toLocaleString('de-DE') + ' von ' + last.ranked.toLocaleString('de-DE') + ')'; }
        s.hits.textContent = text;
        if (nav) { nav.remove(); nav = null; }
        if (pages > 1) {
          nav = document.createElement('nav');
          nav.className = 'pager';
          nav.setAttribute('aria-label', 'Seiten der Treffer');
          var p = document.createElement('p');
          p.textContent = 'Seite ' + page + ' von ' + pages;
          nav.appendChild(p);
          [['‹ Zurück', page - 1], ['Weiter ›', page + 1]].forEach(function (b) {
            if (b[1] < 1 || b[1] > pages) { return; }
            var button = document.createElement('button');
            button.type = 'button';
            button.textContent = b[0];
            button.addEventListener('click', function () { show(s, b[1]); results.scrollIntoView(); });
            nav.appendChild(button);
          });
          results.parentNode.insertBefore(nav, results.nextSibling);
        }
      }

      // Takes over the list while `s.query` has search terms (true); else gives it back (false).
      function update(s) {
        var terms = queryTerms(s.query);
        if (terms.length === 0 || offline) { clear(s); return false; }
        if (s.form.hasAttribute('data-index')) { base = s.form.getAttribute('data-index'); }
        var key = terms.join(' ');
        if (last && last.key === key) { show(s, 1); return true; }
        generation += 1;
        var mine = generation;
        s.hits.textContent = 'Sucht …';
        rank(terms).then(function (ranked) {
          var top = ranked.slice(0, MAX_DOCS);
          var chunks = [];
          top.forEach(function (d) { var c = Math.floor(d[0] / CHUNK); if (chunks.indexOf(c) === -1) { chunks.push(c); } });
          return Promise.all(chunks.map(function (c) { return load('d-' + c + '.json'); })).then(function (loaded) {
            if (mine !== generation) { return; }
            if (offline) { clear(s); if (s.fallback) { s.fallback(); } return; }
            var items = {};
            chunks.forEach(function (c, i) { items[c] = loaded[i] || []; });
            var docs = [];
            top.forEach(function (d) {
              var html = items[Math.floor(d[0] / CHUNK)][d[0] % CHUNK];
              if (html) { docs.push({ id: d[0], score: d[1], li: element(html) }); }
            });
            last = { key: key, docs: docs, ranked: ranked.length };
            show(s, 1);
          });
        });
        return true;
      }

      return { update: update, queryTerms: queryTerms, rank: rank };
    }());

    """#
}
