// Cabildo works without JavaScript; this only improves it where the browser allows.
(function () {
  // On small screens the staff menu starts closed so the page content comes first.
  var nav = document.querySelector('.staff-nav details');
  if (nav && window.matchMedia('(max-width: 899px)').matches) nav.removeAttribute('open');
  // Folded filters (the media bank's) open by themselves on a wide screen, where they fit beside the results.
  if (window.matchMedia('(min-width: 900px)').matches) document.querySelectorAll('details[data-open-wide]').forEach(function (d) { d.open = true; });
  // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
  var invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) invalid.focus();
})();
