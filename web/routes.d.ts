/** Types of web/routes.js for the server and the tests (the page itself is plain JavaScript). */
export interface PageRoute {
  readonly name: string;
  readonly pattern: RegExp;
  readonly keys?: readonly string[];
}
export const PAGE_ROUTES: readonly PageRoute[];
export function isPagePath(pathname: string): boolean;
