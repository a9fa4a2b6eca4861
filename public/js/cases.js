// Small improvements for the request forms and the case page; everything works without them.
(function () {
  'use strict';
  // "Use my location": fills latitude and longitude from the phone's GPS.
  var geo = document.querySelector('[data-geo]');
  if (geo && navigator.geolocation) {
    var button = geo.querySelector('[data-geo-button]');
    var status = geo.querySelector('[data-geo-status]');
    button.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = '…';
      navigator.geolocation.getCurrentPosition(function (p) {
        document.getElementById('f-latitude').value = p.coords.latitude.toFixed(6);
        document.getElementById('f-longitude').value = p.coords.longitude.toFixed(6);
        status.textContent = '✓ ' + p.coords.latitude.toFixed(5) + ', ' + p.coords.longitude.toFixed(5);
      }, function () { status.textContent = '✗'; }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }
  // The receipt's print button (the page has print styles; at the counter it is handed over on paper).
  var print = document.querySelector('[data-print]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }
  // Predefined answers: choosing one puts its text in the reply box, to adjust before sending.
  var answers = document.querySelector('[data-answers]');
  if (answers) {
    answers.addEventListener('change', function () {
      var opt = answers.options[answers.selectedIndex];
      var box = document.getElementById('reply-body');
      if (opt && opt.getAttribute('data-body') && box) box.value = opt.getAttribute('data-body');
    });
  }
})();
// Category questions: when the category changes, fetch its questions and show them in place
// (without JavaScript the server draws every category's questions, grouped).
(function () {
  'use strict';
  var box = document.querySelector('[data-questions]');
  var select = document.getElementById('f-categoryId');
  if (!box || !select || !window.fetch) return;
  var shown = null;
  function load() {
    var id = select.value;
    if (id === shown) return;
    shown = id;
    if (!id) { box.innerHTML = ''; return; }
    fetch(box.getAttribute('data-url') + '?categoria=' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) { if (shown === id) box.innerHTML = html; })
      .catch(function () { /* the server checks the answers anyway */ });
  }
  // On load the server already drew the chosen category's questions (keeping the person's values).
  if (select.value) shown = select.value; else box.innerHTML = '';
  select.addEventListener('change', load);
})();
