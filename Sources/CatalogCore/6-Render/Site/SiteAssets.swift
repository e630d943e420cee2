// The site's one stylesheet and one script (written for this project; no framework, no dependencies).

enum SiteAssets {
    static let css = """
    /* opendata catalogue site */
    :root{--ink:#1b1f23;--muted:#4a535c;--line:#c9d1d9;--bg:#fff;--soft:#f3f6f9;--accent:#0b5cad;--accent-ink:#fff;
    --ok-bg:#e3f3e8;--ok:#13532b;--warn-bg:#fff1cc;--warn:#5c4200;--bad-bg:#fde4e2;--bad:#8a1c13}
    *{box-sizing:border-box}
    html{font-size:100%}
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:var(--ink);background:var(--bg)}
    a{color:var(--accent)}
    a:hover{color:#08427d}
    a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #e8a800;outline-offset:2px}
    code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
    code{overflow-wrap:anywhere}
    pre{background:var(--soft);border:1px solid var(--line);padding:.75rem;overflow-x:auto}
    .skip{position:absolute;left:-999px;top:0;background:var(--accent);color:var(--accent-ink);padding:.5rem 1rem;z-index:10}
    .skip:focus{left:.5rem}
    .notice{margin:0;padding:.5rem 1rem;background:#fff4ce;color:#3d2e00;border-bottom:1px solid #e0c46c}
    .visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
    header.site{background:#0d3b66;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 2rem}
    header.site a{color:#fff;text-decoration:none}
    header.site a:hover,header.site a[aria-current]{text-decoration:underline}
    .brand{margin:0;font-weight:700;font-size:1.1rem}
    header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
    main{max-width:78rem;margin:0 auto;padding:1rem}
    main:focus{outline:none}
    footer.site{border-top:1px solid var(--line);color:var(--muted);padding:1rem;text-align:center;font-size:.9rem}
    h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
    h2{font-size:1.3rem;margin:1.75rem 0 .5rem}
    h3{font-size:1.05rem;margin:1rem 0 .25rem}
    .lead{max-width:50rem}
    .summary,.hits{color:var(--muted)}
    .pager{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:1rem 0}
    .pager p{margin:0;color:var(--muted)}
    .pager ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
    .pager a{display:inline-block;padding:.35rem .75rem;border:1px solid var(--line);border-radius:4px;text-decoration:none}
    .pager[hidden]{display:none}
    .crumbs{font-size:.9rem;margin:.25rem 0}
    .layout{display:grid;grid-template-columns:16rem 1fr;gap:2rem;align-items:start}
    @media (max-width:50rem){.layout{grid-template-columns:1fr}}
    .facets{background:var(--soft);border:1px solid var(--line);padding:.25rem 1rem 1rem;font-size:.95rem}
    .facets h2{font-size:1.1rem}
    .facets ul{list-style:none;margin:0;padding:0}
    .facets li{display:flex;justify-content:space-between;gap:.5rem;padding:.1rem 0}
    .facets a[aria-current]{font-weight:700;color:var(--ink)}
    .facets summary{cursor:pointer;color:var(--accent);margin:.25rem 0}
    .count{color:var(--muted);font-variant-numeric:tabular-nums}
    ol.datasets{list-style:none;margin:0;padding:0}
    ol.datasets li{border-bottom:1px solid var(--line);padding:.6rem 0}
    ol.datasets h3{margin:0;font-size:1.05rem}
    .snip{margin:.2rem 0;color:var(--ink)}
    .meta{margin:.2rem 0;color:var(--muted);font-size:.9rem}
    .badge{display:inline-block;padding:0 .45rem;border-radius:.75rem;font-size:.8rem;font-weight:600;line-height:1.5;border:1px solid transparent}
    .s-open{background:var(--ok-bg);color:var(--ok);border-color:#9fd0ad}
    .s-restricted,.s-closed{background:var(--warn-bg);color:var(--warn);border-color:#e6c766}
    .s-missing,.s-unknown,.s-invalid,.s-conflicting{background:var(--bad-bg);color:var(--bad);border-color:#eba8a2}
    .tags a{margin-right:.5rem}
    .tag{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:.3rem;padding:0 .4rem;text-decoration:none}
    .note{background:var(--warn-bg);color:var(--warn);border-left:4px solid #e6c766;padding:.5rem .75rem}
    .filter{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem 1rem;align-items:end;background:var(--soft);border:1px solid var(--line);padding:1rem;margin:1rem 0}
    .filter[hidden]{display:none}
    .filter details.more{grid-column:1/-1}
    .filter details.more>summary{cursor:pointer;color:var(--accent);font-weight:600}
    .filter .more-fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem 1rem;align-items:end;margin-top:.5rem}
    .field{display:flex;flex-direction:column;gap:.2rem;min-width:0}
    .field.wide{grid-column:span 2}
    @media (max-width:30rem){.field.wide{grid-column:auto}}
    label{font-weight:600;font-size:.9rem}
    input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid #6a737d;border-radius:.25rem;background:#fff;color:var(--ink);max-width:100%}
    button{background:var(--accent);color:var(--accent-ink);border-color:var(--accent);cursor:pointer}
    .scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0 1rem}
    th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
    thead th{background:var(--soft);border-bottom:2px solid #8c959f}
    td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    td.loc{overflow-wrap:anywhere;max-width:18rem}
    .sub{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
    span.sub{display:block}
    th .sub,td .sub{margin-top:.1rem}
    .button{display:inline-block;background:var(--accent);color:var(--accent-ink);padding:.15rem .6rem;border-radius:.25rem;text-decoration:none;margin-bottom:.2rem}
    .button:hover{background:#084887}
    dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0;color:var(--ink);font-size:1rem}
    dl.meta dt{font-weight:600}
    dl.meta dd{margin:0;overflow-wrap:anywhere}
    @media (max-width:40rem){dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.5rem}}
    ul.keywords{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem}
    ul.keywords li{background:var(--soft);border:1px solid var(--line);border-radius:.3rem;padding:0 .4rem}
    figure.map{margin:.5rem 0;max-width:22rem}
    figure.map>svg{width:100%;height:auto;border:1px solid var(--line);display:block}
    figure.map figcaption{font-size:.85rem;color:var(--muted)}
    figure.trend{margin:.5rem 0 .25rem;max-width:22.5rem;color:var(--accent)}
    figure.trend>svg{width:100%;height:auto;display:block}
    figure.trend figcaption,details.trend-values{font-size:.85rem;color:var(--ink)}
    details.trend-values{margin:0 0 1rem}
    .map .bg{fill:#eef4f8}
    .map .grid line{stroke:#b7c4cf;stroke-width:.6}
    .map .pg{fill:rgba(11,92,173,.25);stroke:#0b5cad;stroke-width:1.5}
    .map .ln{fill:none;stroke:#0b5cad;stroke-width:2}
    .map .labels text{font-size:9px;fill:#3d4650}
    .map .pt{fill:#c0392b;stroke:#fff;stroke-width:1.5}
    .map .ctx path{fill:#f7f5ef;stroke:#9aa5b1;stroke-width:.7}
    .map .ctx-land path{fill:none;stroke:#5f6b77;stroke-width:1.4}
    .map.overview{max-width:30rem}
    .map .tilemap{height:260px;border:1px solid var(--line)}
    .map.overview .ctx-land path{fill:#f7f5ef}
    .map .src{fill:none;stroke:#c0392b;stroke-width:1}
    .map .count{fill:#0b5cad;stroke:#fff;font-size:11px;font-weight:bold}
    .map text.count{fill:#fff;stroke:none}
    .map .labels .name{font-size:12px;font-weight:bold;fill:#0b3d73}
    .map a:focus path,.map a:hover path{fill:rgba(11,92,173,.5)}
    .bbox{font-size:.9rem}
    ul.files{list-style:none;margin:0;padding:0}
    li.file{border:1px solid var(--line);border-radius:.3rem;padding:.5rem .75rem;margin:.5rem 0}
    .file-head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem}
    .file-head h3{margin:0;overflow-wrap:anywhere}
    .file-head .button{padding:.4rem .9rem;font-weight:600}
    .file-desc{margin:.25rem 0;color:var(--muted)}
    dl.file-meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.25rem 0 0;font-size:.92rem}
    dl.file-meta dt{color:var(--muted)}
    dl.file-meta dd{margin:0;overflow-wrap:anywhere}
    ul.formats{padding-left:1.2rem}
    /* Narrow screens: nothing wider than the screen; results before the filters. */
    .layout>*{min-width:0}
    h1,h2,h3{overflow-wrap:break-word;hyphens:auto}
    td,th,dd,li,p{overflow-wrap:anywhere}
    /* A table in a horizontal scroll box keeps whole words: it scrolls instead of breaking every letter. */
    .scroll th,.scroll td:not(.loc){overflow-wrap:normal;hyphens:auto}
    .facets summary h2{display:inline;margin:0}
    .facets>details>summary{list-style-position:inside}
    @media (max-width:50rem){
    .layout{display:flex;flex-direction:column;align-items:stretch}
    .facets{order:2;width:100%}
    table{display:block;overflow-x:auto;max-width:100%}
    main{padding:.75rem}
    h1{font-size:1.4rem}
    .notice{font-size:.8rem;line-height:1.35;padding:.4rem .75rem}
    .lead{font-size:.92rem}
    .filter{padding:.6rem;margin:.5rem 0}
    header.site{padding:.4rem .75rem;gap:.25rem 1rem}
    .brand{font-size:1rem}
    .results h2{font-size:1.15rem;margin:.75rem 0 .25rem}
    .summary,.hits{margin:.4rem 0;font-size:.92rem}
    }
    dl.files dt{font-weight:600;margin-top:.75rem}
    dl.files dd{margin:0 0 .25rem 0}
    ul.totals{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
    .sev{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.8rem;font-weight:600}
    .sev-note{background:var(--soft);color:var(--muted)}
    .sev-warning{background:var(--warn-bg);color:var(--warn)}
    .sev-error{background:var(--bad-bg);color:var(--bad)}
    .error{color:var(--bad)}
    .run-done{color:var(--ok)}.run-doneWithErrors{color:var(--warn)}.run-failed{color:var(--bad)}
    ul.findings{padding-left:1.2rem}
    ul.findings li{margin:.2rem 0}
    @media print{header.site nav,.facets,.filter,.skip{display:none}.layout{display:block}}

    """

    /// Progressive enhancement for the index: shows the filter form and filters the list as you type.
    /// Filters are kept in the address (`?q=…&thema=soci`) so a filtered view can be shared.
    static let js = """
    // opendata catalogue site: client-side filter for the dataset list (the facet pages work without it).
    (function () {
      'use strict';
      var form = document.getElementById('filter');
      var list = document.getElementById('liste');
      if (!form || !list) { return; }
      var items = [];
      var hits = document.getElementById('treffer');
      var pager = document.querySelector('.pager');
      var firstPage = list.children.length;
      var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-facet]'));
      var query = form.querySelector('input[name="q"]');
      // A list on several pages (seiten/2.html …): the further pages are fetched on the first filter, at most
      // MAX_PAGES of them; the facet pages list every dataset without the script.
      var pages = parseInt(list.getAttribute('data-pages') || '1', 10);
      var total = parseInt(list.getAttribute('data-total') || String(firstPage), 10);
      var MAX_PAGES = 50;
      var loading = null;

      function fold(s) {
        return s.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/\\s+/g, ' ');
      }
      var texts = [];
      var keys = [];
      function index(li) {
        items.push(li);
        texts.push(fold(li.textContent + ' ' + (li.getAttribute('data-k') || '')));
        var k = {};
        selects.forEach(function (s) {
          var f = s.getAttribute('data-facet');
          k[f] = ' ' + (li.getAttribute('data-' + f) || '') + ' ';
        });
        keys.push(k);
      }
      Array.prototype.slice.call(list.children).forEach(index);

      function loadAll() {
        if (loading || pages <= 1) { return loading; }
        var last = Math.min(pages, MAX_PAGES);
        var urls = [];
        for (var p = 2; p <= last; p += 1) { urls.push('seiten/' + p + '.html'); }
        hits.textContent = 'Lädt weitere Seiten …';
        loading = Promise.all(urls.map(function (u) {
          return fetch(u).then(function (r) { return r.ok ? r.text() : ''; }).catch(function () { return ''; });
        })).then(function (pagesText) {
          pagesText.forEach(function (html, n) {
            var doc = new DOMParser().parseFromString(html, 'text/html');
            var ol = doc.querySelector('ol.datasets');
            if (!ol) { return; }
            var base = new URL(urls[n], window.location.href);
            Array.prototype.slice.call(ol.children).forEach(function (li) {
              // Links in a further page are relative to it (../datensatz/…): make them absolute here.
              Array.prototype.slice.call(li.querySelectorAll('a[href]')).forEach(function (a) {
                a.setAttribute('href', new URL(a.getAttribute('href'), base).href);
              });
              var node = document.importNode(li, true);
              node.hidden = true;
              list.appendChild(node);
              index(node);
            });
          });
          apply();
        });
        return loading;
      }

      function apply() {
        var terms = fold(query.value).split(' ').filter(Boolean);
        var wanted = selects.filter(function (s) { return s.value !== ''; });
        // With search terms the full-text search (SiteSearchScript) shows the ranked hits instead of this list.
        if (window.opendataSuche && window.opendataSuche.update({
          form: form, query: query.value, selects: selects, list: list, hits: hits, pager: pager, total: total, fallback: apply
        })) { remember(wanted); return; }
        var filtered = terms.length > 0 || wanted.length > 0;
        if (filtered && pages > 1 && !loading) { loadAll(); return; }
        var shown = 0;
        items.forEach(function (li, i) {
          var ok = filtered
            ? terms.every(function (t) { return texts[i].indexOf(t) !== -1; }) &&
              wanted.every(function (s) { return keys[i][s.getAttribute('data-facet')].indexOf(' ' + s.value + ' ') !== -1; })
            : i < firstPage;
          li.hidden = !ok;
          if (ok) { shown += 1; }
        });
        if (pager) { pager.hidden = filtered; }
        var searched = items.length < total
          ? ' (gesucht in den ersten ' + items.length.toLocaleString('de-DE') + ' von ' + total.toLocaleString('de-DE') + ' Datensätzen; alle über die Filter links)'
          : ' von ' + total.toLocaleString('de-DE') + ' Datensätzen';
        hits.textContent = filtered
          ? shown.toLocaleString('de-DE') + searched
          : (pages > 1 ? 'Datensätze 1–' + firstPage.toLocaleString('de-DE') + ' von ' + total.toLocaleString('de-DE') : total.toLocaleString('de-DE') + ' Datensätze');
        remember(wanted);
      }

      // Keeps the search and filters in the address, so a filtered view can be shared.
      function remember(wanted) {
        var params = new URLSearchParams();
        if (query.value.trim() !== '') { params.set('q', query.value.trim()); }
        wanted.forEach(function (s) { params.set(s.name, s.value); });
        var search = params.toString();
        if (window.history && window.history.replaceState) {
          try {
            window.history.replaceState(null, '', search ? '?' + search : window.location.pathname.split('/').pop() || 'index.html');
          } catch (e) { /* file:// may refuse; filtering still works */ }
        }
      }

      var initial = new URLSearchParams(window.location.search);
      if (initial.has('q')) { query.value = initial.get('q'); }
      selects.forEach(function (s) {
        var v = initial.get(s.name);
        if (v && s.querySelector('option[value="' + v.replace(/["\\\\]/g, '') + '"]')) { s.value = v; }
      });

      // Phones: the filter lists start folded, so the first result is on the first screen (unless a filter is set).
      var more = form.querySelector('details.more');
      if (more && window.matchMedia('(max-width: 50rem)').matches && !selects.some(function (s) { return s.value; })) {
        more.open = false;
      }
      form.hidden = false;
      form.addEventListener('input', apply);
      form.addEventListener('change', apply);
      form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
      form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
      apply();
    }());

    """
}
