/* Incident symbols, count labels, origin lines and popups for maps built by geo.mapping.
 *
 * Each layer arrives as one JSON document (see geo/mapping/layers.py), the map's
 * documents and sentences as another. Every text from a source document is put into
 * the page with textContent, never parsed as HTML.
 */
var GeoIncidents = (function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A column is {codes, strings} (dictionary-encoded) or {values}. */
  function value(column, i) {
    return column.values ? column.values[i] : column.strings[column.codes[i]];
  }

  function popupContent(data, sources, i) {
    var root = element("div", "geo-popup");
    root.appendChild(element("div", "geo-popup-title", value(data.title, i)));
    var table = element("table");
    function addRow(label, text) {
      if (!text) return;
      var row = element("tr");
      row.appendChild(element("th", "", label));
      row.appendChild(element("td", "", text));
      table.appendChild(row);
    }
    var place = data.place[i];
    addRow("Event", data.event);
    addRow("Place", data.places.name[place]);
    addRow("Admin", data.places.admin[place]);
    data.fields.forEach(function (label, f) { addRow(label, value(data.columns[f], i)); });
    root.appendChild(table);
    var refs = data.sources[i];
    if (refs.length) {
      root.appendChild(element("div", "geo-popup-heading", refs.length > 1 ? "Sources" : "Source"));
      var list = element("ol", "geo-sources");
      refs.forEach(function (ref) {
        var item = element("li");
        item.appendChild(element("q", "", sources.sentence[ref]));
        item.appendChild(element("cite", "", sources.documents[sources.document[ref]]));
        list.appendChild(item);
      });
      root.appendChild(list);
    }
    return root;
  }

  function latLng(data, i) {
    return [data.places.lat[data.place[i]], data.places.lon[data.place[i]]];
  }

  function symbol(data, sources, style, icon, i) {
    var latlng = latLng(data, i);
    var count = data.count[i];
    var marker = icon
      ? L.marker(latlng, {icon: icon})
      : L.circleMarker(latlng, {
          radius: data.radius[i],
          color: "#222",
          weight: 1,
          fillColor: style.color,
          fillOpacity: 0.55,
          dashArray: count === null ? "3 3" : null,
          className: style.className
        });
    marker.bindPopup(function () { return popupContent(data, sources, i); }, {maxWidth: 400});
    if (style.labels && count !== null) {
      marker.bindTooltip(element("span", "", count.toLocaleString("en-US")), {
        permanent: true, direction: "center", className: "geo-count-label", opacity: 1
      });
    }
    return marker;
  }

  /* Fill a Leaflet layer group (or marker cluster group) with one symbol per incident. */
  function addTo(group, data, sources, style) {
    var icon = style.proportional ? null : L.divIcon({
      html: style.svg,
      className: style.className,
      iconSize: [style.size, style.size],
      iconAnchor: [style.size / 2, style.size / 2],
      popupAnchor: [0, -style.size / 2]
    });
    var layers = [];
    var n = data.place.length;
    // Origin lines first, so that the symbols are drawn over them.
    for (var j = 0; data.origin && j < n; j++) {
      if (data.origin[j]) {
        layers.push(L.polyline([data.origin[j], latLng(data, j)], {
          color: style.color, weight: 2, opacity: 0.8, dashArray: "5 4", interactive: false
        }));
      }
    }
    for (var i = 0; i < n; i++) layers.push(symbol(data, sources, style, icon, i));
    if (group.addLayers) {
      group.addLayers(layers);
    } else {
      layers.forEach(function (layer) { group.addLayer(layer); });
    }
    return group;
  }

  return {addTo: addTo};
})();
