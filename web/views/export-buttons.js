/** The Export CSV / Export JSON buttons of a list: the file is built in the page and downloaded from a blob. */
import { h } from '../dom.js';
import { exportFileName, itemsToCsv, itemsToJson } from '../export.js';

/**
 * Buttons that download `items()` (see web/export.js) as CSV or JSON; `about` names the list in the file and
 * its name, `label` says what is exported.
 */
export function exportButtons(items, about, label = 'Export with citations:') {
  // A byte-order mark lets spreadsheet programs read the CSV as UTF-8 (quotes hold accents and curly quotes).
  const csv = () => download(exportFileName(about, 'csv'), 'text/csv;charset=utf-8', `\uFEFF${itemsToCsv(items())}`);
  const json = () => download(exportFileName(about, 'json'), 'application/json', itemsToJson(items(), about));
  return h(
    'div',
    { class: 'export', role: 'group', 'aria-label': `Export ${about} with citations` },
    h('span', { class: 'export-label' }, label),
    h('button', { type: 'button', class: 'export-csv', onclick: csv }, 'CSV'),
    h('button', { type: 'button', class: 'export-json', onclick: json }, 'JSON'),
  );
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
