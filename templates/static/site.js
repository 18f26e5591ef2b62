// binderpress: copy buttons on code, static full-text search over search-index.json, collapsed
// cells opened for printing, and the contents kept open on wide screens. Pages work without it (search aside).
// No external requests, no eval, nothing from the notebooks is ever executed.
(() => {
  'use strict';

  function addCopyButtons() {
    document.querySelectorAll('.cell-code .input pre, .cell-input pre').forEach((pre) => {
      if (!navigator.clipboard) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code to clipboard');
      button.addEventListener('click', () => {
        navigator.clipboard.writeText(pre.innerText).then(
          () => {
            button.textContent = 'Copied';
            setTimeout(() => {
              button.textContent = 'Copy';
            }, 1500);
          },
          () => {
            button.textContent = 'Press Ctrl+C';
          },
        );
      });
      var holder = pre.parentElement;
      if (getComputedStyle(holder).position === 'static') holder.style.position = 'relative';
      holder.appendChild(button);
    });
  }

  function setupSearch() {
    var form = document.querySelector('.site-search');
    if (!form) return;
    var input = form.querySelector('input');
    var results = form.querySelector('.search-results');
    var root = form.getAttribute('data-root') || './';
    var index = null;
    var loading = null;
    input.disabled = false;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute('data-index'))
          .then((r) => {
            if (!r.ok) throw new Error(String(r.status));
            return r.json();
          })
          .then(
            (data) => {
              index = data.entries;
            },
            () => {
              index = [];
              input.placeholder = 'Search is not available';
            },
          );
      }
      return loading;
    }
    function score(entry, terms) {
      var total = 0;
      var title = entry.t.toLowerCase();
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var inTitle = title.indexOf(t) !== -1;
        var inText =
          entry.x.indexOf(t) !== -1 ||
          entry.s.toLowerCase().indexOf(t) !== -1 ||
          entry.b.toLowerCase().indexOf(t) !== -1;
        if (!inTitle && !inText) return 0;
        total += inTitle ? 10 : 1;
      }
      return total;
    }
    function show(query) {
      var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
      results.textContent = '';
      if (!terms.length) {
        results.hidden = true;
        return;
      }
      var hits = index
        .map((e) => ({ e: e, s: score(e, terms) }))
        .filter((h) => h.s > 0)
        .sort((a, b) => b.s - a.s)
        .slice(0, 20);
      if (!hits.length) {
        var none = document.createElement('p');
        none.textContent = `No notebook matches “${query}”.`;
        results.appendChild(none);
      } else {
        var list = document.createElement('ol');
        hits.forEach((h) => {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = root + h.e.u.split('/').map(encodeURIComponent).join('/');
          a.textContent = h.e.t;
          var build = document.createElement('span');
          build.className = 'build-name';
          build.textContent = h.e.b;
          a.appendChild(build);
          if (h.e.s) {
            var summary = document.createElement('span');
            summary.className = 'summary';
            summary.textContent = h.e.s.length > 140 ? `${h.e.s.slice(0, 139)}…` : h.e.s;
            a.appendChild(summary);
          }
          li.appendChild(a);
          list.appendChild(li);
        });
        results.appendChild(list);
      }
      results.hidden = false;
    }
    input.addEventListener('focus', load);
    input.addEventListener('input', () => {
      var q = input.value;
      load().then(() => {
        if (input.value === q) show(q);
      });
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
    });
    form.addEventListener('keydown', (e) => {
      var links = Array.prototype.slice.call(results.querySelectorAll('a'));
      var at = links.indexOf(document.activeElement);
      if (e.key === 'Escape') {
        results.hidden = true;
        input.focus();
      } else if (e.key === 'ArrowDown' && links.length) {
        e.preventDefault();
        (links[at + 1] || links[0]).focus();
      } else if (e.key === 'ArrowUp' && links.length) {
        e.preventDefault();
        (at <= 0 ? input : links[at - 1]).focus();
      }
    });
    document.addEventListener('click', (e) => {
      if (!form.contains(e.target)) results.hidden = true;
    });
  }

  // Printing shows every collapsed cell and output: open them for the print, restore after.
  function setupPrint() {
    var opened = [];
    window.addEventListener('beforeprint', () => {
      document.querySelectorAll('details:not([open])').forEach((d) => {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener('afterprint', () => {
      opened.forEach((d) => {
        d.open = false;
      });
      opened = [];
    });
  }

  // A region that scrolls sideways (wide code, tracebacks, tables) must be reachable by keyboard.
  function focusableScrollers() {
    document
      .querySelectorAll('.notebook-body pre, .notebook-body .output, .notebook-body .output-html, .katex-display')
      .forEach((el) => {
        if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', `Scrollable ${el.tagName === 'PRE' ? 'code or text' : 'output'}`);
        }
      });
  }

  // "On this page" is shown beside the text on wide screens by the stylesheet alone (the same
  // breakpoint); marking it open there keeps its summary's expanded state true to what is shown.
  function contentsOpenWhenWide() {
    var box = document.querySelector('.toc-box');
    if (!box || !window.matchMedia) return;
    var wide = window.matchMedia('(min-width: 72rem)');
    function sync() {
      box.open = wide.matches;
    }
    sync();
    wide.addEventListener('change', sync);
    box.addEventListener('toggle', () => {
      if (wide.matches && !box.open) box.open = true;
    });
  }

  function init() {
    addCopyButtons();
    setupSearch();
    setupPrint();
    focusableScrollers();
    contentsOpenWhenWide();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
