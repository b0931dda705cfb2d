// Browser scripts served from /p/assets/ (self-hosted, no third-party assets). Kept as strings because the build
// copies only templates and styles next to compiled code, and these are plain ES5 for old phones, not TypeScript.

export const PETITION_PAGE_JS = `// Progressive enhancement only: the page works without this. Keeps the count live and moves focus to form errors.
(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  var countEl = document.getElementById('signature-count');
  var holder = document.querySelector('[data-count-url]');
  if (!countEl || !holder) return;
  var url = holder.getAttribute('data-count-url');
  var progress = document.getElementById('goal-progress');
  var format = new Intl.NumberFormat(document.documentElement.lang || 'en');
  var label = document.getElementById('signature-label');
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || 'en') : null;
  function update() {
    fetch(url, { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || typeof data.count !== 'number') return;
        if (String(data.count) !== countEl.getAttribute('data-count')) {
          countEl.setAttribute('data-count', String(data.count));
          countEl.textContent = format.format(data.count);
          // The word follows the number: the page carries its form for each plural category of its language.
          if (label && plurals) label.textContent = label.getAttribute('data-plural-' + plurals.select(data.count)) || label.textContent;
        }
        if (progress) progress.value = Math.min(data.count, data.goal);
      })
      .catch(function () {});
  }
  setInterval(update, 3000);
  update();
})();
`;

export const WIDGET_JS = `// Embeddable count: <script src="https://<rally>/p/assets/widget.js" data-petition="<slug>" async></script>
(function () {
  var script = document.currentScript;
  if (!script) return;
  var slug = script.getAttribute('data-petition');
  if (!slug) return;
  var origin = new URL(script.src).origin;
  var box = document.createElement('a');
  box.href = origin + '/p/' + encodeURIComponent(slug) + '?utm_source=widget';
  box.style.cssText = 'display:inline-block;font:600 16px/1.4 system-ui,sans-serif;color:#fff;background:#0f5132;padding:8px 14px;border-radius:4px;text-decoration:none';
  box.textContent = '…';
  script.parentNode.insertBefore(box, script.nextSibling);
  fetch(origin + '/p/' + encodeURIComponent(slug) + '/count.json')
    .then(function (r) { return r.json(); })
    .then(function (d) {
      var n = new Intl.NumberFormat(d.language || 'en').format(d.count);
      box.textContent = d.title + ': ' + n + ' / ' + new Intl.NumberFormat(d.language || 'en').format(d.goal) + ' ✍';
    })
    .catch(function () { box.textContent = slug; });
})();
`;
