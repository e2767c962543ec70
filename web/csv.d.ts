/** Types of web/csv.js for the unit tests (the page itself is plain JavaScript). */
export function csvField(value: unknown): string;
export function toCsv(header: string[], rows: Record<string, unknown>[]): string;
