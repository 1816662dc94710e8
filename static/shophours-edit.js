// Live validation of the opening-hours form (/bedrijven/{id}/openingstijden): while the ondernemer types, ask
// /api/v1/hours/check and show in #h-controle (a polite live region) the normalised form that will be stored, the
// repairs made to Dutch input, a preview of this week, or where the text is not understood. No inline script or
// style (CSP); elements are built with textContent only. Without JavaScript the server checks on saving.
(function () {
  'use strict';
  const input = document.getElementById('h-expression');
  const out = document.getElementById('h-controle');
  if (!input || !out || !window.fetch) return;
  const url = out.getAttribute('data-check-url');
  let timer = null;
  let latest = 0;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function show(result) {
    out.textContent = '';
    if (!result.valid) {
      const p = el('p', 'utrecht-paragraph stadshart-hours-check__error');
      p.appendChild(el('strong', '', 'Nog niet goed: '));
      p.appendChild(document.createTextNode(result.error.message));
      out.appendChild(p);
      return;
    }
    const p = el('p', 'utrecht-paragraph stadshart-hours-check__ok', 'Wordt opgeslagen als: ');
    p.appendChild(el('code', 'stadshart-code', result.normalised));
    out.appendChild(p);
    if (result.warnings.length > 0) {
      const list = el('ul', 'utrecht-unordered-list');
      for (const w of result.warnings) list.appendChild(el('li', 'utrecht-unordered-list__item', w.message));
      out.appendChild(list);
    }
    if (result.week) {
      const table = el('table', 'utrecht-table utrecht-table--html-table stadshart-week');
      table.appendChild(el('caption', 'utrecht-table__caption', 'Voorbeeld: zo zou deze week eruitzien'));
      const body = el('tbody', 'utrecht-table__body');
      for (const day of result.week) {
        const row = el('tr', 'utrecht-table__row');
        const head = el('th', 'utrecht-table__header-cell', day.day);
        head.setAttribute('scope', 'row');
        row.appendChild(head);
        row.appendChild(el('td', 'utrecht-table__cell', day.hours + (day.comment ? ` (${day.comment})` : '')));
        body.appendChild(row);
      }
      table.appendChild(body);
      out.appendChild(table);
    }
  }

  async function check() {
    const text = input.value;
    const mine = ++latest;
    if (text.trim() === '') {
      out.textContent = '';
      return;
    }
    try {
      const response = await fetch(`${url}?expression=${encodeURIComponent(text)}`, { headers: { accept: 'application/json' } });
      if (!response.ok || mine !== latest) return;
      show(await response.json());
    } catch (error) {
      // Offline or refused: the server checks again on saving.
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
})();
