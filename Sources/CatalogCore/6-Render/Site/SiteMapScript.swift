// The optional tile map: where the site's assets include Leaflet (IO copies it from Debian's libjs-leaflet,
// /usr/share/javascript/leaflet/, when the machine running `opendata run` has it; it is never in git) and the
// visitor's browser is online, a dataset's SVG map becomes a Leaflet map with OpenStreetMap tiles and the same
// geometry. Without Leaflet, offline or without JavaScript the SVG stays. Appended to assets/site.js.

enum SiteMapScript {
    static let js = """
    // Maps: the SVG outline map of a dataset page becomes a tile map when Leaflet is in assets/leaflet/ and the
    // browser is online (the SVG stays otherwise).
    (function () {
      'use strict';
      var fig = document.querySelector('figure.map[data-geojson]');
      var self = document.querySelector('script[src$="assets/site.js"]');
      if (!fig || !self || !navigator.onLine || !window.fetch) { return; }
      var outline = fig.querySelector('svg');  // before Leaflet adds SVGs of its own
      var base = self.getAttribute('src').replace(/site\\.js$/, 'leaflet/');
      var css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = base + 'leaflet.css';
      var script = document.createElement('script');
      script.src = base + 'leaflet.js';
      script.onload = function () {
        if (!window.L) { return; }
        var box = document.createElement('div');
        box.className = 'tilemap';
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', 'Kachelkarte');
        fig.insertBefore(box, fig.firstChild);
        var map = window.L.map(box, { scrollWheelZoom: false });
        var tiles = window.L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
          maxZoom: 18,
          attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende'
        });
        // No tiles after all (offline behind a proxy, blocked): back to the outline map.
        tiles.once('tileerror', function () {
          map.remove();
          box.parentNode.removeChild(box);
          if (outline) { outline.style.display = ''; }
        });
        tiles.addTo(map);
        var layer = window.L.geoJSON(JSON.parse(fig.getAttribute('data-geojson')), {
          style: { color: '#0b5cad', weight: 2, fillOpacity: 0.15 }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { maxZoom: 15 });
        if (outline) { outline.style.display = 'none'; }
      };
      // The stylesheet first: Leaflet measures its panes when the map is made.
      css.onload = function () { document.head.appendChild(script); };
      document.head.appendChild(css);
    }());

    """
}
