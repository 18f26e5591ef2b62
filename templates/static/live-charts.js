// binderpress: live charts (Plotly, Vega, Vega-Lite, Bokeh). A chart drawn at build time is a picture; where the page also carries
// the chart's data (an inert <script type="application/json" data-bp-live="…"> beside the picture)
// and the chart library was served with the page, the picture is replaced by the live chart once
// it is drawn. The data is parsed as JSON, never run; the notebook's own chart options are not
// used (they can link to outside services); charts that would load maps or pictures from other
// sites stay pictures. When anything fails, the picture stays, with a note.
(() => {
  'use strict';

  // Trace types that fetch map data or tiles from a CDN: the page's CSP (and the site's promise
  // of no outside requests) forbids it.
  var MAP_TRACES =
    /^(scattergeo|choropleth|scattermapbox|choroplethmapbox|densitymapbox|scattermap|choroplethmap|densitymap)$/;
  var PLOTLY_CONFIG = {
    responsive: true,
    displaylogo: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    showTips: false,
  };

  function note(figure, text) {
    var p = document.createElement('p');
    p.className = 'output-note';
    p.textContent = text;
    figure.appendChild(p);
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // Once the live chart is drawn it takes the picture's place; when it fails, it goes and the picture stays.
  function settle(box, img, chart, drawn) {
    return drawn.then(
      () => {
        img.remove();
        box.classList.add('is-live');
      },
      (error) => {
        chart.remove();
        throw error;
      },
    );
  }

  // The figure's data and layout, or null when it cannot be live without outside requests.
  function plotlyFigure(figure) {
    var data = Array.isArray(figure.data) ? figure.data.filter(isObject) : [];
    if (data.some((trace) => MAP_TRACES.test(String(trace.type)))) return null;
    var layout = isObject(figure.layout) ? figure.layout : {};
    if (Array.isArray(layout.images)) {
      // pictures in a layout may come from anywhere: only inline ones stay
      layout.images = layout.images.filter((image) => isObject(image) && /^data:image\//i.test(String(image.source)));
    }
    var frames = Array.isArray(figure.frames) ? figure.frames.filter(isObject) : undefined;
    return { data: data, layout: layout, frames: frames, config: PLOTLY_CONFIG };
  }

  function livePlotly(box, img, spec) {
    var Plotly = window.Plotly;
    if (!Plotly || typeof Plotly.newPlot !== 'function') return Promise.reject(new Error('plotly.js is not loaded'));
    var figure = plotlyFigure(spec);
    if (!figure) return Promise.reject(new Error('its map needs data from outside this site'));
    var chart = document.createElement('div');
    chart.className = 'live-chart live-plotly';
    box.insertBefore(chart, img);
    return settle(box, img, chart, Plotly.newPlot(chart, figure));
  }

  // A vega loader that loads nothing: no data URL (a chart that had one was never drawn), and no
  // link of a mark is followed (vega asks the loader's `sanitize` before it opens one).
  function refusingLoader() {
    var refuse = () => Promise.reject(new Error('this chart loads nothing'));
    var loader = window.vega.loader();
    loader.load = refuse;
    loader.sanitize = refuse;
    loader.http = refuse;
    loader.file = refuse;
    return loader;
  }

  // vega and vega-lite through vega-embed: `ast: true` makes vega run expressions with its
  // interpreter, never `new Function`, so the pages' CSP needs no 'unsafe-eval'. A spec's
  // `usermeta.embedOptions` would override these options: it is dropped.
  function liveVega(mode) {
    return (box, img, spec) => {
      if (typeof window.vegaEmbed !== 'function' || !window.vega)
        return Promise.reject(new Error('vega is not loaded'));
      if (!isObject(spec)) return Promise.reject(new Error('the spec is not an object'));
      if (isObject(spec.usermeta)) delete spec.usermeta.embedOptions;
      var chart = document.createElement('div');
      chart.className = 'live-chart live-vega';
      box.insertBefore(chart, img);
      var options = { mode: mode, ast: true, actions: false, renderer: 'svg', loader: refusingLoader(), logLevel: 0 };
      return settle(box, img, chart, window.vegaEmbed(chart, spec, options));
    };
  }

  // Bokeh: the saved document, embedded by the site's BokehJS into boxes of our own making (the
  // notebook's element ids and its script are not used). A document's CustomJS needs `new
  // Function`, which the page's CSP forbids: such a plot fails, and its picture stays.
  var bokehRoots = 0;
  // Models that load from other sites: map tiles (from a tile server), Google Maps (its script),
  // and data sources that poll a URL. A document with one stays a picture, as Plotly's maps do.
  var BOKEH_OUTSIDE =
    /"name":"(WMTSTileSource|TMSTileSource|QUADKEYTileSource|BBoxTileSource|MercatorTileSource|TileSource|GMapPlot|GMap|AjaxDataSource|ServerSentDataSource|WebDataSource)"/;
  function liveBokeh(box, img, spec, text) {
    var Bokeh = window.Bokeh;
    if (!Bokeh?.embed || typeof Bokeh.embed.embed_items !== 'function')
      return Promise.reject(new Error('BokehJS is not loaded'));
    if (!isObject(spec) || !isObject(spec.docs_json) || !Array.isArray(spec.render_items))
      return Promise.reject(new Error('the document is not one Bokeh reads'));
    if (BOKEH_OUTSIDE.test(text)) return Promise.reject(new Error('it needs map tiles or data from outside this site'));
    var chart = document.createElement('div');
    chart.className = 'live-chart live-bokeh';
    var items = spec.render_items.filter(isObject).map((item) => {
      var roots = {};
      (Array.isArray(item.root_ids) ? item.root_ids : []).forEach((id) => {
        var root = document.createElement('div');
        root.id = `bp-bokeh-${++bokehRoots}`;
        chart.appendChild(root);
        roots[String(id)] = root.id;
      });
      return { docid: String(item.docid), roots: roots, root_ids: Object.keys(roots) };
    });
    box.insertBefore(chart, img);
    return settle(box, img, chart, Bokeh.embed.embed_items(spec.docs_json, items));
  }

  var LIVE = {
    plotly: livePlotly,
    vega: liveVega('vega'),
    'vega-lite': liveVega('vega-lite'),
    bokeh: liveBokeh,
  };

  function start() {
    document.querySelectorAll('script[type="application/json"][data-bp-live]').forEach((data) => {
      var box = data.parentElement;
      var img = box?.querySelector('img');
      var draw = LIVE[data.getAttribute('data-bp-live')];
      if (!box || !img || !draw) return;
      var spec;
      try {
        spec = JSON.parse(data.textContent);
      } catch {
        return;
      }
      Promise.resolve()
        .then(() => draw(box, img, spec, data.textContent))
        .catch((error) => {
          note(
            box,
            `Shown as a picture: the live chart could not be drawn (${error?.message ? error.message : String(error)})`,
          );
        });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
