// Media bank upload with a progress bar. Without JavaScript the form posts every file at once
// and the server answers with a page; with it, each file goes in its own request (so one big
// video never holds the others back) and the bar shows the bytes sent.
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var input = document.getElementById('f-files');
  var box = document.getElementById('upload-progress');
  var bar = document.getElementById('upload-bar');
  var status = document.getElementById('upload-status');
  var results = document.getElementById('upload-results');
  var submit = document.getElementById('upload-submit');
  var maxBytes = Number(form.getAttribute('data-max-bytes') || '0') * 1024 * 1024;
  var lang = document.documentElement.lang === 'en' ? 'en' : 'es';
  var T = {
    es: { choose: 'Elige al menos un archivo.', sending: 'Subiendo {i} de {n}: {name}', done: 'Listo: {ok} archivo(s) guardado(s).', refusedSome: '{bad} archivo(s) no se guardaron; revisa la lista.', tooBig: 'es demasiado grande (máximo {mb} MB).', network: 'se interrumpió la conexión; intenta de nuevo.' },
    en: { choose: 'Choose at least one file.', sending: 'Uploading {i} of {n}: {name}', done: 'Done: {ok} file(s) saved.', refusedSome: '{bad} file(s) were not saved; see the list.', tooBig: 'is too large (at most {mb} MB).', network: 'the connection was interrupted; try again.' },
  }[lang];
  function fmt(s, a) { return s.replace(/\{(\w+)\}/g, function (_, k) { return a[k]; }); }
  function item(text, ok, href) {
    var li = document.createElement('li');
    li.className = ok ? 'ok' : 'err';
    if (href) { var a = document.createElement('a'); a.href = href; a.textContent = text; li.appendChild(a); } else li.textContent = text;
    results.appendChild(li);
  }

  form.addEventListener('submit', function (ev) {
    var files = Array.prototype.slice.call(input.files || []);
    ev.preventDefault();
    results.innerHTML = '';
    if (!files.length) { box.hidden = false; status.textContent = T.choose; input.focus(); return; }
    var total = files.reduce(function (s, f) { return s + f.size; }, 0) || 1;
    var sent = 0, ok = [], bad = 0, i = 0;
    box.hidden = false;
    submit.disabled = true;
    bar.value = 0;

    function next() {
      if (i >= files.length) return finish();
      var file = files[i];
      status.textContent = fmt(T.sending, { i: i + 1, n: files.length, name: file.name });
      if (maxBytes && file.size > maxBytes) {
        bad++; item(file.name + ': ' + fmt(T.tooBig, { mb: Math.round(maxBytes / 1048576) }), false);
        sent += file.size; i++; return next();
      }
      var data = new FormData();
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === 'file' || el.disabled) return;
        if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
        data.append(el.name, el.value);
      });
      if (files.length > 1) { data.append('batchIndex', String(i)); data.append('batchCount', String(files.length)); }
      data.append('files', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.min(100, Math.round(((sent + e.loaded * file.size / e.total) / total) * 100)); };
      xhr.onload = function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (body && body.accepted) body.accepted.forEach(function (a) { ok.push(a.id); item(a.title, true, a.url); });
        if (body && body.refused) body.refused.forEach(function (r) { bad++; item((r.name || file.name) + ': ' + r.message, false); });
        if (!body) { bad++; item(file.name + ': ' + T.network, false); }
        sent += file.size; bar.value = Math.round((sent / total) * 100); i++; next();
      };
      xhr.onerror = function () { bad++; item(file.name + ': ' + T.network, false); sent += file.size; i++; next(); };
      xhr.send(data);
    }
    function finish() {
      bar.value = 100;
      submit.disabled = false;
      status.textContent = fmt(T.done, { ok: ok.length }) + (bad ? ' ' + fmt(T.refusedSome, { bad: bad }) : '');
      if (!bad && ok.length) window.location.assign('/banco?ids=' + ok.join(','));
    }
    next();
  });
})();
