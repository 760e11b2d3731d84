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

  // A large catalog shows its first cards only; the finder then searches every course in
  // catalog-index.js, loaded (as a script, so it works from disk) when it is first used.
  var indexUrl = form.getAttribute('data-index');
  var total = Number(form.getAttribute('data-total') || index.length);
  var results = document.querySelector('.finder-results');
  var preview = document.querySelector('.course-grid:not(.finder-results)');
  var full = null;
  var loading = false;
  var SHOWN_AT_ONCE = 60;
  function loadIndex() {
    if (!indexUrl || full || loading) return;
    loading = true;
    var script = document.createElement('script');
    script.src = indexUrl;
    script.onload = function () {
      full = (window.buyinCatalog || []).map(function (row) {
        return {
          url: row[0],
          title: row[1],
          summary: row[2],
          format: row[3],
          departments: words(row[4]),
          tags: words(row[5]),
          text: fold(row[1] + ' ' + row[2] + ' ' + row[5].replace(/-/g, ' ') + ' ' + row[5]),
        };
      });
      update(true);
    };
    document.head.appendChild(script);
  }
  function label(select, value) {
    var f = field(select);
    var option = f && f.querySelector('option[value="' + value + '"]');
    return option ? option.textContent : value;
  }
  function compactCard(c) {
    var card = document.createElement('article');
    card.className = 'course-card';
    var h = document.createElement('h3');
    h.className = 'course-card-title';
    var a = document.createElement('a');
    a.href = c.url;
    a.textContent = c.title;
    h.appendChild(a);
    var meta = document.createElement('p');
    meta.className = 'course-meta';
    var format = document.createElement('span');
    format.className = 'format format-' + c.format;
    format.textContent = label('format', c.format);
    meta.appendChild(format);
    var summary = document.createElement('p');
    summary.className = 'course-summary';
    summary.textContent = c.summary;
    var departments = document.createElement('p');
    departments.className = 'course-departments muted';
    departments.textContent = c.departments.map(function (d) { return label('department', d); }).join(' · ');
    card.appendChild(h);
    card.appendChild(meta);
    card.appendChild(summary);
    card.appendChild(departments);
    return card;
  }

  var timer = null;
  function announce(message, announceNow) {
    // Typing is announced once it pauses, so a screen reader is not interrupted per key.
    clearTimeout(timer);
    if (announceNow) status.textContent = message;
    else
      timer = setTimeout(function () {
        status.textContent = message;
      }, 600);
  }
  function matches(c, query, department, format, tag) {
    return (
      (!department || c.departments.indexOf(department) >= 0) &&
      (!format || c.format === format) &&
      (!tag || c.tags.indexOf(tag) >= 0) &&
      query.every(function (w) {
        return c.text.indexOf(w) >= 0;
      })
    );
  }
  function update(announceNow) {
    var query = words(fold(value('q')));
    var department = value('department');
    var format = value('format');
    var tag = value('tag');
    if (indexUrl && total > index.length) {
      var filtering = query.length > 0 || department || format || tag;
      if (!filtering) {
        results.hidden = true;
        preview.hidden = false;
        if (empty) empty.hidden = true;
        announce(say(total === 1 ? 'all-one' : 'all', total, total), announceNow);
        return;
      }
      if (!full) {
        loadIndex();
        announce(form.getAttribute('data-loading') || '', true);
        return;
      }
      var found = full.filter(function (c) {
        return matches(c, query, department, format, tag);
      });
      results.textContent = '';
      found.slice(0, SHOWN_AT_ONCE).forEach(function (c) {
        results.appendChild(compactCard(c));
      });
      preview.hidden = true;
      results.hidden = found.length === 0;
      if (empty) empty.hidden = found.length > 0;
      var text =
        found.length === 0
          ? say('none', 0, 0)
          : found.length > SHOWN_AT_ONCE
            ? (form.getAttribute('data-more') || '')
                .replace(/\{count\}/g, String(found.length))
                .replace(/\{shown\}/g, String(SHOWN_AT_ONCE))
            : found.length === total
              ? say('all', total, total)
              : say('some', total, found.length);
      announce(text, announceNow);
      return;
    }
    var shown = 0;
    index.forEach(function (c) {
      var match = matches(c, query, department, format, tag);
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
    announce(message, announceNow);
  }

  form.addEventListener('focusin', loadIndex);
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
