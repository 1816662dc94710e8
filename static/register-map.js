// The map of /leegstand/kaart: the units with coordinates from the GeoJSON API, coloured by their state on the
// chosen date (the same classes as the street plan and the legend). No inline script or style (the CSP allows
// neither): settings come from data- attributes of #kaart, colours from static/stadshart.css. Without tiles
// configured (the default) only the units are drawn, on a plain background. Without JavaScript, or when the data
// cannot be loaded, the street plan on the same page and on /leegstand/straten shows the same.
(function () {
  'use strict';
  const LABELS = {
    in_use: 'in gebruik',
    vacant: 'leegstand',
    vacant_let: 'leeg, nieuwe huurder bekend',
    temporary: 'tijdelijk gebruik',
    housing: 'wonen',
    transformation: 'transformatie',
    none: 'geen gegevens',
  };
  const ASSEN = [52.9929, 6.5626];

  const container = document.getElementById('kaart');
  const status = document.getElementById('kaart-status');
  const say = (text) => { if (status) status.textContent = text; };
  if (!container) return;
  if (typeof window.L === 'undefined') {
    say('De kaart kon niet worden geladen. Het straatplan toont dezelfde panden.');
    return;
  }
  const L = window.L;
  container.textContent = '';
  container.classList.add('stadshart-map--active');
  L.Icon.Default.prototype.options.imagePath = '/static/vendor/leaflet-';

  const map = L.map(container, { center: ASSEN, zoom: 16, zoomControl: false });
  L.control.zoom({ zoomInTitle: 'Inzoomen', zoomOutTitle: 'Uitzoomen' }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" lang="en">Leaflet</a>');
  const tiles = container.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { attribution: container.dataset.attribution || '', maxZoom: 19 }).addTo(map);
  }

  const stateOf = (feature) => {
    const p = feature.properties || {};
    // `kind` is the state's code ("vacant"); `state` its Dutch label.
    const state = String(p.kind || 'none');
    return Object.prototype.hasOwnProperty.call(LABELS, state) ? state : 'none';
  };

  // Popup content built from text nodes: addresses come from the register, never as HTML.
  const popup = (feature) => {
    const p = feature.properties || {};
    const box = document.createElement('div');
    const title = document.createElement(p.url ? 'a' : 'strong');
    title.textContent = p.address || 'Pand';
    if (p.url) {
      title.href = p.url;
      title.className = 'utrecht-link';
    }
    const state = document.createElement('p');
    state.className = 'stadshart-map__popup-state';
    state.textContent = (p.state || LABELS[stateOf(feature)]) + (p.business ? `: ${p.business}` : '');
    box.append(title, state);
    return box;
  };

  say('De panden worden geladen…');
  fetch(container.dataset.geojson, { headers: { accept: 'application/geo+json, application/json' } })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((data) => {
      let count = 0;
      const zone = container.dataset.zone;
      const layer = L.geoJSON(data, {
        filter: (feature) => !zone || (feature.properties || {}).zone === zone,
        pointToLayer: (feature, latlng) => {
          count += 1;
          return L.circleMarker(latlng, {
            radius: 7,
            weight: 2,
            fillOpacity: 1,
            className: `stadshart-marker stadshart-state--${stateOf(feature)}`,
          });
        },
        onEachFeature: (feature, marker) => marker.bindPopup(() => popup(feature)),
      }).addTo(map);
      if (count > 0) map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 18 });
      container.dataset.units = String(count);
      say(count === 1 ? '1 pand op de kaart.' : `${count} panden op de kaart.`);
    })
    .catch(() => {
      container.dataset.units = 'fout';
      say('De panden konden niet worden geladen. Het straatplan toont dezelfde panden.');
    });
})();
