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
