/**
 * The article page's inline script: column toggles and copy buttons. Plain ES2020 run straight by
 * the browser (no build step, no modules: the page is opened from disk). It reads the texts to copy
 * from the JSON block `#audarma-data` rather than the DOM, so what is copied is exactly the
 * edition's text, without badges or notes. Attribute values are compared in a loop instead of
 * being pasted into selectors, so no language tag has to be CSS-escaped.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var dataEl = document.getElementById('audarma-data');
  var data = dataEl ? JSON.parse(dataEl.textContent || '{}') : {};
  var texts = data.copy || {};

  function columnElements(col) {
    var all = document.querySelectorAll('[data-col]');
    var out = [];
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-col') === col) out.push(all[i]);
    return out;
  }

  // Show or hide a column: its header, its cell in every row and its summary card.
  var boxes = document.querySelectorAll('input[data-toggle]');
  for (var i = 0; i < boxes.length; i++) {
    (function (box) {
      function apply() {
        var els = columnElements(box.getAttribute('data-toggle'));
        for (var j = 0; j < els.length; j++) els[j].hidden = !box.checked;
      }
      box.addEventListener('change', apply);
      // A reload restores the boxes' state; apply it so the columns match.
      apply();
    })(boxes[i]);
  }

  // The old way, for browsers that refuse navigator.clipboard (no secure context, no permission).
  function fallbackCopy(text) {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.top = '-1000px';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); }
      );
    }
    return Promise.resolve(fallbackCopy(text));
  }

  var buttons = document.querySelectorAll('button[data-copy]');
  for (var k = 0; k < buttons.length; k++) {
    (function (btn) {
      var timer = 0;
      btn.addEventListener('click', function () {
        var text = texts[btn.getAttribute('data-copy')] || '';
        copyText(text).then(function (ok) {
          btn.textContent = ok ? 'Copied' : 'Copy failed';
          btn.classList.toggle('done', ok);
          clearTimeout(timer);
          timer = setTimeout(function () {
            btn.textContent = btn.getAttribute('data-label') || 'Copy';
            btn.classList.remove('done');
          }, 2000);
        });
      });
    })(buttons[k]);
  }
})();
`;
