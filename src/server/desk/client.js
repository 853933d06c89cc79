// The desk's only script: plain ES2020 run by the browser as served (no build, no framework).
// Pages are rendered by the server; this adds uploads, live states (server-sent events), column
// toggles and the in-place correction form. Text from articles is only ever set as textContent or
// comes from the server already escaped.
(function () {
  'use strict';
  var msgEl = document.getElementById('desk-messages');
  var M = msgEl ? JSON.parse(msgEl.textContent || '{}') : {};
  var announcer = document.getElementById('announce');
  var EDITOR = 'audarma.editor';

  function fill(t, v) {
    return String(t).replace(/\{(\w+)\}/g, function (m, k) {
      return k in v ? String(v[k]) : m;
    });
  }
  function announce(text) {
    if (announcer) {
      announcer.textContent = '';
      announcer.textContent = text;
    }
  }
  function post(url, body) {
    var init = { method: 'POST', credentials: 'same-origin' };
    if (body instanceof FormData) init.body = body;
    else {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body || {});
    }
    return fetch(url, init).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (json) {
          if (!res.ok) {
            var err = new Error(json.error || String(res.status));
            err.status = res.status;
            err.body = json;
            throw err;
          }
          return json;
        });
    });
  }

  // The editor's name, entered once per browser.
  var nameInput = document.getElementById('editor-name');
  var nameForm = document.getElementById('editor-form');
  if (nameInput) nameInput.value = localStorage.getItem(EDITOR) || '';
  if (nameForm)
    nameForm.addEventListener('submit', function (e) {
      e.preventDefault();
      localStorage.setItem(EDITOR, nameInput.value.trim());
      announce(nameInput.value.trim());
    });
  function editorName() {
    var n = (nameInput && nameInput.value.trim()) || localStorage.getItem(EDITOR) || '';
    if (n) localStorage.setItem(EDITOR, n);
    return n;
  }

  function statusText(a) {
    var base = M[a.status] || a.status;
    return a.step ? base + ' (' + fill(M.step, { i: a.step.index, n: a.step.total, kind: a.step.kind }) + ')' : base;
  }
  function setStatus(el, a) {
    el.className = 'status status-' + a.status;
    el.textContent = statusText(a);
  }

  // The list: one row per article, kept current by the event stream.
  var table = document.getElementById('articles');
  function row(a) {
    var tbody = table.tBodies[0];
    for (var i = 0; i < tbody.rows.length; i++) if (tbody.rows[i].getAttribute('data-slug') === a.slug) return tbody.rows[i];
    var tr = tbody.insertRow(-1);
    tr.setAttribute('data-slug', a.slug);
    tr.innerHTML =
      '<td><code></code></td><td class="title"></td><td class="state"><span class="status"></span></td>' +
      '<td class="actions"><span class="open"></span><button type="button" class="retranslate"></button> <button type="button" class="delete"></button></td>';
    tr.cells[1].setAttribute('lang', table.getAttribute('data-source-lang') || 'fr');
    tr.querySelector('button').textContent = M.retranslate;
    tr.querySelector('button').setAttribute('data-slug', a.slug);
    var del = tr.querySelector('button.delete');
    del.textContent = M.delete;
    del.setAttribute('data-delete', a.slug);
    del.setAttribute('data-name', a.name);
    table.hidden = false;
    var none = document.getElementById('no-articles');
    if (none) none.hidden = true;
    return tr;
  }
  // The newest state shown per article: an upload's answer can arrive after later events.
  var shownSeq = {};
  function showArticle(a) {
    if (a.seq !== undefined) {
      if (a.seq < (shownSeq[a.slug] || 0)) return;
      shownSeq[a.slug] = a.seq;
    }
    if (table) {
      var tr = row(a);
      tr.querySelector('code').textContent = a.name;
      tr.cells[1].textContent = a.title || '';
      var state = tr.cells[2];
      setStatus(state.querySelector('.status'), a);
      var old = state.querySelector('.reason');
      if (old) old.remove();
      var why = a.reason || (a.notSource ? M.notFrench : '');
      if (why) {
        var r = document.createElement('span');
        r.className = 'reason' + (a.reason ? '' : ' warning');
        r.textContent = ' ' + why;
        state.appendChild(r);
      }
      var open = tr.querySelector('.open');
      open.textContent = '';
      if (a.status === 'done') {
        var link = document.createElement('a');
        link.href = '/desk/articles/' + encodeURIComponent(a.slug);
        link.textContent = M.open;
        open.appendChild(link);
        open.appendChild(document.createTextNode(' '));
      }
      if (a.status === 'done' || a.status === 'failed') announce(a.name + ': ' + statusText(a));
    }
    if (articleBody && a.slug === articleBody.getAttribute('data-slug')) {
      var st = document.getElementById('article-status');
      if (st) setStatus(st, a);
      if (a.status === 'done') refresh();
    }
  }
  if (typeof EventSource === 'function' && (table || document.getElementById('article-body'))) {
    var events = new EventSource('/desk/events');
    events.addEventListener('article', function (e) {
      showArticle(JSON.parse(e.data));
    });
    events.addEventListener('removed', function (e) {
      var gone = JSON.parse(e.data).slug;
      var tr = table && table.querySelector('tr[data-slug="' + gone + '"]');
      if (tr) tr.remove();
    });
  }

  // Uploads: picked or dropped files, one request each.
  var input = document.getElementById('files');
  var drop = document.getElementById('drop');
  var uploadStatus = document.getElementById('upload-status');
  function upload(files) {
    Array.prototype.forEach.call(files, function (file) {
      send(file, false);
    });
  }
  // A file of a name already on the desk replaces its article only once the editor says so.
  function send(file, replace) {
    var form = new FormData();
    form.append('file', file, file.name);
    if (replace) form.append('replace', 'yes');
    post('/desk/api/articles', form).then(showArticle, function (err) {
      if (err.status === 409 && err.body && err.body.exists) {
        ask(
          fill(M.existsAsk, { name: file.name }),
          M.replace,
          function () {
            send(file, true);
          },
          input,
        );
        return;
      }
      uploadStatus.textContent = file.name + ': ' + fill(M.error, { e: err.message });
    });
  }
  if (input)
    input.addEventListener('change', function () {
      upload(input.files);
      input.value = '';
    });
  if (drop) {
    drop.addEventListener('dragover', function (e) {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', function () {
      drop.classList.remove('over');
    });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      drop.classList.remove('over');
      upload(e.dataTransfer.files);
    });
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var re = t.closest('button.retranslate');
    if (re) post('/desk/api/articles/' + encodeURIComponent(re.getAttribute('data-slug')) + '/retranslate').then(showArticle, fail);
    var sa = t.closest('button[data-accept], button[data-reject]');
    if (sa) decide(sa);
    var del = t.closest('button[data-delete]');
    if (del) remove(del);
    var ap = t.closest('button[data-approve]');
    if (ap) approve(ap.getAttribute('data-approve'));
    var seg = t.closest('.seg');
    if (seg && !t.closest('form')) openEditor(seg);
  });
  document.addEventListener('change', function (e) {
    var box = e.target;
    if (box instanceof HTMLInputElement && box.hasAttribute('data-toggle')) applyToggle(box);
    if (box instanceof HTMLSelectElement && (box.id === 'confidence-filter' || box.id === 'state-filter')) applyFilter();
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t instanceof Element && t.classList.contains('seg') && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      openEditor(t);
    }
    // N (not while typing): the next least confident segment.
    var typing = t instanceof Element && t.closest('input, textarea, select, [contenteditable]');
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'n' || e.key === 'N') && articleBody) {
      e.preventDefault();
      nextLeastConfident();
    }
    // F / U (not while typing): the next flagged / not approved segment; with Shift, the previous one.
    var k = e.key.toLowerCase();
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (k === 'f' || k === 'u') && articleBody) {
      e.preventDefault();
      walkTo(
        k === 'f'
          ? function (s) {
              return s.hasAttribute('data-flags');
            }
          : function (s) {
              return s.getAttribute('data-approved') !== 'true';
            },
        e.shiftKey ? -1 : 1,
      );
    }
  });

  // Confidence: the segments in order of the model's confidence, least sure first (ties in page
  // order), among the rows and columns shown; N walks that order from the segment last reached.
  var walked = null;
  function scoredSegs() {
    var segs = Array.prototype.filter.call(articleBody.querySelectorAll('.seg[data-confidence]'), function (s) {
      return !s.closest('[hidden]') && !s.hidden;
    });
    return segs
      .map(function (s, i) {
        return { seg: s, c: Number(s.getAttribute('data-confidence')), i: i };
      })
      .sort(function (a, b) {
        return a.c - b.c || a.i - b.i;
      });
  }
  function keyOf(s) {
    return s.getAttribute('data-lang') + ' ' + s.getAttribute('data-block') + ' ' + s.getAttribute('data-seg');
  }
  function nextLeastConfident() {
    var order = scoredSegs();
    if (!order.length) return;
    var at = -1;
    for (var i = 0; i < order.length; i++) if (walked && keyOf(order[i].seg) === walked) at = i;
    var next = order[(at + 1) % order.length];
    walked = keyOf(next.seg);
    next.seg.focus();
    next.seg.scrollIntoView({ block: 'center' });
    announce(fill(M.confidenceOf, { pct: Math.round(next.c * 100) + '%' }) + ': ' + next.seg.textContent);
  }
  // The segments shown, in page order; from the focused (or last reached) one, the next or previous
  // one `wanted` keeps, wrapping round.
  function shownSegs() {
    return Array.prototype.filter.call(articleBody.querySelectorAll('.seg'), function (s) {
      return !s.closest('[hidden]') && !s.hidden;
    });
  }
  function walkTo(wanted, dir) {
    var segs = shownSegs();
    var here = document.activeElement && document.activeElement.classList.contains('seg') ? segs.indexOf(document.activeElement) : -1;
    for (var step = 1; step <= segs.length; step++) {
      var i = here < 0 && dir < 0 ? segs.length - step : (here + dir * step + segs.length * 2) % segs.length;
      if (wanted(segs[i])) {
        segs[i].focus();
        segs[i].scrollIntoView({ block: 'center' });
        announce(segs[i].getAttribute('aria-label') || segs[i].textContent);
        return segs[i];
      }
    }
    return null;
  }
  // The filters: only rows holding a segment below the chosen confidence, and of the chosen state.
  var STATES = {
    flagged: function (s) {
      return s.hasAttribute('data-flags');
    },
    unapproved: function (s) {
      return s.getAttribute('data-approved') !== 'true';
    },
    approved: function (s) {
      return s.getAttribute('data-approved') === 'true';
    },
    edited: function (s) {
      return s.getAttribute('data-origin') === 'edited';
    },
    match: function (s) {
      return s.getAttribute('data-origin') === 'match';
    },
    machine: function (s) {
      return !s.hasAttribute('data-origin');
    },
  };
  function applyFilter() {
    if (!articleBody) return;
    var sel = document.getElementById('confidence-filter');
    var below = !sel || sel.value === '' ? null : Number(sel.value);
    var st = document.getElementById('state-filter');
    var state = st && STATES[st.value];
    var rows = articleBody.querySelectorAll('tr.row');
    for (var i = 0; i < rows.length; i++) {
      var keep = Array.prototype.some.call(rows[i].querySelectorAll('.seg'), function (s) {
        // A hidden column's segments do not count (the row may be hidden by the last filter).
        if (s.closest('td[hidden]')) return false;
        if (below !== null && !(s.hasAttribute('data-confidence') && Number(s.getAttribute('data-confidence')) < below)) return false;
        return !state || state(s);
      });
      rows[i].hidden = (below !== null || !!state) && !keep;
    }
  }
  function fail(err) {
    notify(fill(M.error, { e: err.message }));
  }

  // Deleting an article asks first; its corrections stay in the memory.
  function remove(button) {
    var name = button.getAttribute('data-name');
    ask(
      fill(M.deleteAsk, { name: name }),
      M.deleteYes,
      function () {
        fetch('/desk/api/articles/' + encodeURIComponent(button.getAttribute('data-delete')), { method: 'DELETE', credentials: 'same-origin' })
          .then(function (res) {
            if (!res.ok)
              return res.json().then(function (j) {
                throw new Error(j.error || String(res.status));
              });
            notify(fill(M.deleted, { name: name }));
            if (!table) location.href = '/';
          })
          .catch(fail);
      },
      button,
      [],
      M.deleteNote,
    );
  }

  // Proposals from the API: an editor accepts one (it becomes their correction) or rejects it.
  function decide(button) {
    var accept = button.hasAttribute('data-accept');
    var id = button.getAttribute(accept ? 'data-accept' : 'data-reject');
    var body = {};
    if (accept) {
      body.editor = needName();
      if (!body.editor) return;
    }
    post('/desk/api/suggestions/' + encodeURIComponent(id) + (accept ? '/accept' : '/reject'), body).then(function () {
      var tr = button.closest('tr');
      var tbody = tr.parentNode;
      tr.remove();
      if (!tbody.rows.length) tbody.closest('section').hidden = true;
      announce(accept ? M.accepted : M.rejected);
    }, fail);
  }

  // The article: column toggles (kept across refreshes) and corrections.
  var articleBody = document.getElementById('article-body');
  var slug = articleBody && articleBody.getAttribute('data-slug');
  var hidden = {};
  function applyToggle(box) {
    var col = box.getAttribute('data-toggle');
    hidden[col] = !box.checked;
    var all = articleBody.querySelectorAll('[data-col]');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-col') === col) all[i].hidden = !box.checked;
  }
  var editing = null;
  var stale = false;
  // Leaving with an unsaved edit asks first (the browser's own question).
  window.addEventListener('beforeunload', function (e) {
    if (editing && editing.area.value !== editing.original) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
  function refresh(focus) {
    if (!articleBody) return Promise.resolve();
    if (editing) {
      stale = true;
      return Promise.resolve();
    }
    return fetch('/desk/articles/' + encodeURIComponent(slug) + '?part=body', { credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.text();
      })
      .then(function (html) {
        if (editing) {
          stale = true;
          return;
        }
        articleBody.innerHTML = html;
        var boxes = articleBody.querySelectorAll('input[data-toggle]');
        for (var i = 0; i < boxes.length; i++)
          if (hidden[boxes[i].getAttribute('data-toggle')]) {
            boxes[i].checked = false;
            applyToggle(boxes[i]);
          }
        applyFilter();
        if (focus) {
          var s = findSeg(focus);
          if (s) s.focus();
        }
      }, fail);
  }
  function findSeg(at) {
    var segs = articleBody.querySelectorAll('.seg');
    for (var i = 0; i < segs.length; i++) {
      var s = segs[i];
      if (s.getAttribute('data-lang') === at.lang && s.getAttribute('data-block') === at.block && s.getAttribute('data-seg') === at.seg) return s;
    }
    return null;
  }
  function needName() {
    var n = editorName();
    if (!n) {
      announce(M.needName);
      if (nameInput) nameInput.focus();
    }
    return n;
  }
  // A bulk approval asks first, saying how many segments it takes and which ones deserve a look
  // (flagged, or below 50 % confidence); once done, a visible notice offers to undo it.
  function approve(lang) {
    var editor = needName();
    if (!editor) return;
    var segs = Array.prototype.filter.call(articleBody.querySelectorAll('.seg[data-lang="' + lang + '"]'), function (s) {
      return s.getAttribute('data-approved') !== 'true';
    });
    var flagged = segs.filter(function (s) {
      return s.hasAttribute('data-flags');
    }).length;
    var low = segs.filter(function (s) {
      return s.hasAttribute('data-confidence') && Number(s.getAttribute('data-confidence')) < 0.5;
    }).length;
    var button = articleBody.querySelector('button[data-approve="' + lang + '"]');
    var langName = (button && button.getAttribute('data-lang-name')) || lang;
    var warnings = [
      [flagged, M.approveFlagged],
      [low, M.approveLow],
    ]
      .filter(function (w) {
        return w[0];
      })
      .map(function (w) {
        return fill(w[1], { n: w[0] });
      });
    ask(
      fill(M.approveAsk, { n: segs.length, lang: langName }),
      M.approveYes,
      function () {
        post('/desk/api/articles/' + encodeURIComponent(slug) + '/approve', { lang: lang, editor: editor }).then(function (res) {
          notify(fill(M.approvedN, { n: res.approved }), M.undo, function () {
            post('/desk/api/articles/' + encodeURIComponent(slug) + '/approve/undo', { batch: res.batch }).then(function (u) {
              notify(fill(M.undone, { n: u.withdrawn }));
              return refresh();
            }, fail);
          });
          return refresh();
        }, fail);
      },
      button,
      warnings,
      M.approveNote,
    );
  }
  // A question in a modal dialog: Cancel (or Escape) gives the focus back to `back`.
  function ask(question, yesLabel, onYes, back, warnings, note) {
    var dlg = document.createElement('dialog');
    dlg.className = 'ask-dialog';
    dlg.setAttribute('aria-labelledby', 'ask-question');
    dlg.innerHTML =
      '<p id="ask-question"></p><ul class="warnings"></ul><p class="muted note"></p>' +
      '<p class="actions"><button type="button" class="yes"></button> <button type="button" class="no"></button></p>';
    dlg.querySelector('#ask-question').textContent = question;
    var list = dlg.querySelector('.warnings');
    (warnings || []).forEach(function (w) {
      var li = document.createElement('li');
      li.textContent = w;
      list.appendChild(li);
    });
    if (!list.children.length) list.remove();
    if (note) dlg.querySelector('.note').textContent = note;
    else dlg.querySelector('.note').remove();
    dlg.querySelector('.yes').textContent = yesLabel;
    dlg.querySelector('.no').textContent = M.cancel;
    document.body.appendChild(dlg);
    function done(cancelled) {
      dlg.close();
      dlg.remove();
      if (cancelled && back) back.focus();
    }
    dlg.addEventListener('cancel', function (e) {
      e.preventDefault();
      done(true);
    });
    dlg.querySelector('.no').addEventListener('click', function () {
      done(true);
    });
    dlg.querySelector('.yes').addEventListener('click', function () {
      done(false);
      onYes();
    });
    dlg.showModal();
    dlg.querySelector('.no').focus();
  }
  // A message shown on the page (and announced), with an optional action such as Undo.
  function notify(text, actionLabel, action) {
    var box = document.getElementById('desk-notice');
    if (!box) {
      box = document.createElement('div');
      box.id = 'desk-notice';
      box.className = 'notice';
      (document.querySelector('.page-head') || document.querySelector('main')).appendChild(box);
    }
    box.textContent = '';
    var p = document.createElement('span');
    p.textContent = text;
    box.appendChild(p);
    if (actionLabel) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'undo';
      b.textContent = actionLabel;
      b.addEventListener('click', function () {
        b.disabled = true;
        action();
      });
      box.appendChild(document.createTextNode(' '));
      box.appendChild(b);
      b.focus();
    }
    announce(text);
  }
  function openEditor(seg) {
    if (editing) closeEditor(false);
    var at = { lang: seg.getAttribute('data-lang'), block: seg.getAttribute('data-block'), seg: seg.getAttribute('data-seg') };
    var form = document.createElement('form');
    form.className = 'seg-edit';
    form.innerHTML =
      '<label><span class="label"></span><textarea rows="3"></textarea></label>' +
      '<label class="check"><input type="checkbox"> <span class="approved-label"></span></label> ' +
      '<button type="submit" class="save"></button> <button type="button" class="cancel"></button><p class="error" role="alert"></p>';
    form.querySelector('.label').textContent = M.correction + ' (' + at.lang + ')';
    var area = form.querySelector('textarea');
    area.value = seg.textContent;
    area.setAttribute('lang', seg.closest('[lang]').getAttribute('lang'));
    var box = form.querySelector('input');
    box.checked = seg.getAttribute('data-approved') === 'true';
    form.querySelector('.approved-label').textContent = seg.getAttribute('data-origin') === 'match' ? M.confirmMatch : M.approved;
    // Who made the text and who approved it, above the box.
    var about = [seg.getAttribute('data-from'), seg.getAttribute('data-approved-by')].filter(Boolean).join(' ');
    if (about) {
      var origin = document.createElement('p');
      origin.className = 'origin';
      origin.textContent = about;
      form.insertBefore(origin, form.firstChild);
    }
    form.querySelector('.save').textContent = M.save;
    form.querySelector('.cancel').textContent = M.cancel;
    seg.hidden = true;
    seg.parentNode.insertBefore(form, seg.nextSibling);
    var version = seg.getAttribute('data-version');
    editing = { seg: seg, form: form, at: at, area: area, original: area.value };
    area.focus();
    area.select();
    // The model's other candidates, offered under the text: a click or Alt+number puts one in.
    var offered = [];
    var alts = document.createElement('div');
    alts.className = 'alternatives';
    form.insertBefore(alts, form.querySelector('.check'));
    function pick(i) {
      if (!offered[i]) return;
      area.value = offered[i];
      area.focus();
      announce(offered[i]);
    }
    var q = '?lang=' + encodeURIComponent(at.lang) + '&block=' + at.block + '&seg=' + at.seg;
    fetch('/desk/api/articles/' + encodeURIComponent(slug) + '/alternatives' + q, { credentials: 'same-origin' })
      .then(function (res) {
        return res.ok ? res.json() : { alternatives: [] };
      })
      .then(
        function (json) {
          if (!editing || editing.form !== form) return;
          offered = json.alternatives || [];
          if (!offered.length) {
            alts.textContent = M.noAlternatives;
            alts.classList.add('none');
            return;
          }
          var label = document.createElement('span');
          label.className = 'label';
          label.textContent = M.alternatives;
          alts.appendChild(label);
          offered.forEach(function (text, i) {
            var b = document.createElement('button');
            b.type = 'button';
            b.className = 'alternative';
            b.setAttribute('data-alternative', String(i + 1));
            var k = document.createElement('kbd');
            k.textContent = 'Alt+' + (i + 1);
            b.appendChild(k);
            b.appendChild(document.createTextNode(' ' + text));
            b.addEventListener('click', function () {
              pick(i);
            });
            alts.appendChild(b);
          });
        },
        function () {},
      );
    area.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeEditor(true);
      } else if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        save(e.ctrlKey || e.metaKey);
      } else if (e.altKey && /^[1-9]$/.test(e.key)) {
        e.preventDefault();
        pick(Number(e.key) - 1);
      }
    });
    form.querySelector('.cancel').addEventListener('click', function () {
      closeEditor(true);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      save(false);
    });
    // Ctrl+Enter: save, then open the edition's next segment.
    function save(andNext) {
      var editor = needName();
      if (!editor) return;
      form.querySelector('.save').disabled = true;
      announce(M.saving);
      var body = { lang: at.lang, block: Number(at.block), seg: Number(at.seg), text: area.value, approved: box.checked, editor: editor, version: version };
      post('/desk/api/articles/' + encodeURIComponent(slug) + '/corrections', body).then(
        function () {
          closeEditor(false);
          announce(M.saved);
          return refresh(at).then(function () {
            var here = findSeg(at);
            if (!andNext || !here) return;
            var same = shownSegs().filter(function (s) {
              return s.getAttribute('data-lang') === at.lang;
            });
            var next = same[same.indexOf(here) + 1];
            if (next) openEditor(next);
          });
        },
        function (err) {
          form.querySelector('.save').disabled = false;
          // Another editor saved first: their text is shown, and saving again replaces it knowingly.
          if (err.status === 409 && err.body && err.body.conflict) {
            version = err.body.version;
            form.querySelector('.error').textContent = fill(M.conflict, { text: err.body.current });
            return;
          }
          form.querySelector('.error').textContent = fill(M.error, { e: err.message });
        },
      );
    }
  }
  function closeEditor(restoreFocus) {
    var ed = editing;
    editing = null;
    ed.form.remove();
    ed.seg.hidden = false;
    if (restoreFocus) ed.seg.focus();
    if (stale) {
      stale = false;
      refresh(restoreFocus ? ed.at : null);
    }
  }
})();
