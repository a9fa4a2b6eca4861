// Cabildo works without JavaScript; this only improves it where the browser allows.
(function () {
  // On small screens the staff menu starts closed so the page content comes first.
  var nav = document.querySelector('.staff-nav details');
  if (nav && window.matchMedia('(max-width: 899px)').matches) nav.removeAttribute('open');
  // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
  var invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) invalid.focus();
})();
