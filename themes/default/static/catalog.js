// Course finder for the catalog: filters the course cards by department, format and
// topic and searches their text. It reads the cards themselves (their data-departments,
// data-format and data-tags attributes and their words), so it needs no index file and
// works when the site is opened from disk. Without JavaScript the finder stays hidden
// and the department pages lead to the courses.
(function () {
  'use strict';
  var form = document.getElementById('finder');
  if (!form || !('hidden' in form)) return;
  var status = document.getElementById('finder-status');
  var empty = document.querySelector('.finder-empty');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.course-grid .course-card'));

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function words(text) {
    return text.split(/\s+/).filter(Boolean);
  }
  var index = cards.map(function (card) {
    var tags = card.getAttribute('data-tags') || '';
    return {
      card: card,
      departments: words(card.getAttribute('data-departments') || ''),
      format: card.getAttribute('data-format') || '',
      tags: words(tags),
      text: fold(card.textContent + ' ' + tags.replace(/-/g, ' ') + ' ' + tags),
    };
  });
  function field(name) {
    return form.elements.namedItem(name);
  }
  function value(name) {
    var f = field(name);
    return f ? f.value : '';
  }
  // The messages come from the theme's words, in the page's language: {count} is the
  // number of courses, {shown} how many are shown.
  function say(name, n, shown) {
    return (form.getAttribute('data-' + name) || '')
      .replace(/\{count\}/g, String(n))
      .replace(/\{shown\}/g, String(shown));
  }

  var timer = null;
  function update(announceNow) {
    var query = words(fold(value('q')));
    var department = value('department');
    var format = value('format');
    var tag = value('tag');
    var shown = 0;
    index.forEach(function (c) {
      var match =
        (!department || c.departments.indexOf(department) >= 0) &&
        (!format || c.format === format) &&
        (!tag || c.tags.indexOf(tag) >= 0) &&
        query.every(function (w) {
          return c.text.indexOf(w) >= 0;
        });
      c.card.hidden = !match;
      if (match) shown++;
    });
    if (empty) empty.hidden = shown > 0;
    var message =
      shown === 0
        ? say('none', 0, 0)
        : shown === index.length
          ? say(shown === 1 ? 'all-one' : 'all', shown, shown)
          : say('some', index.length, shown);
    // Typing is announced once it pauses, so a screen reader is not interrupted per key.
    clearTimeout(timer);
    if (announceNow) status.textContent = message;
    else
      timer = setTimeout(function () {
        status.textContent = message;
      }, 600);
  }

  form.addEventListener('input', function (event) {
    update(event.target.tagName === 'SELECT');
  });
  form.addEventListener('change', function (event) {
    if (event.target.tagName === 'SELECT') update(true);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    update(true);
  });
  form.addEventListener('reset', function () {
    setTimeout(function () {
      update(true);
    }, 0);
  });

  // An address can carry a search: index.html?department=finance&q=budget
  var params = new URLSearchParams(window.location.search);
  ['q', 'department', 'format', 'tag'].forEach(function (name) {
    var value = params.get(name);
    if (value !== null && field(name)) field(name).value = value;
  });

  form.hidden = false;
  update(true);
})();
