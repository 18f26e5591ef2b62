// Live reload for `binderpress serve` only. The preview server adds this script to the pages it
// sends (they are unchanged on disk) and serves it from /__binderpress/; built and published
// sites never load it. It listens to the server's events and reloads the page after a rebuild.
(() => {
  'use strict';
  if (typeof EventSource !== 'function') return;
  var source = new EventSource('/__binderpress/events');
  source.addEventListener('reload', () => {
    window.location.reload();
  });
  source.addEventListener('build-error', (event) => {
    console.warn(`[binderpress] rebuild failed, showing the previous site: ${JSON.parse(event.data)}`);
  });
  window.addEventListener('pagehide', () => {
    source.close();
  });
})();
