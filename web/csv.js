/**
 * CSV as RFC 4180 writes it (no CSV library is vendored for the browser): fields separated by commas, records
 * by CRLF, a field quoted when it holds a comma, a double quote, CR or LF, with its quotes doubled.
 */

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection": a cell starting with = + - @, tab or CR)
 * gets a leading apostrophe, so an exported quote is shown, never evaluated. Numbers are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when RFC 4180 requires it. null and undefined are empty fields. */
export function csvField(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: the header record, then one record per row (rows are objects read by the header's names).
 * @param {string[]} header
 * @param {Record<string, unknown>[]} rows
 */
export function toCsv(header, rows) {
  const records = [header, ...rows.map((row) => header.map((name) => row[name]))];
  return records.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
