/** Types of web/export.js for the unit tests (the page itself is plain JavaScript). */
export interface Citation {
  documentId: string;
  documentTitle: string | null;
  documentDate: string | null;
  documentType: string | null;
  start: number;
  end: number;
  quote: string;
  link: string;
}
export interface ExportItem {
  rank: number;
  kind: string;
  id: string;
  text: string;
  citations: Citation[];
}
export const CSV_COLUMNS: string[];
export function itemsFromHits(hits: unknown[], origin: string): ExportItem[];
export function itemsFromPractices(practices: unknown[], origin: string): ExportItem[];
export function itemsToCsv(items: ExportItem[]): string;
export function itemsToJson(items: ExportItem[], about: string): string;
export function exportFileName(about: string, ext: string): string;
