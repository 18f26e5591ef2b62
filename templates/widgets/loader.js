// Loaded (before the widget bundle) by pages with live ipywidgets only. The bundle draws each
// widget view into a `.widget-subarea` beside its `<script type="application/vnd.jupyter.widget-view+json">`;
// once a view has drawn something, its text stand-in is hidden. A view that fails keeps it.
(() => {
  const reveal = () => {
    for (const area of document.querySelectorAll('.output-widget > .widget-subarea')) {
      if (area.childElementCount === 0) continue;
      const standIn = area.parentElement.querySelector(':scope > .widget-static');
      if (standIn && !standIn.hidden) standIn.hidden = true;
    }
  };
  new MutationObserver(reveal).observe(document.documentElement, { childList: true, subtree: true });
})();
