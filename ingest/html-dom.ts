/** An HTML page's DOM, within the nesting a document can have. */
import { load, type CheerioAPI } from 'cheerio';
import { adapter as domAdapter } from 'parse5-htmlparser2-tree-adapter';
import { IngestError } from './errors.js';
import type { SourceRef } from './records.js';

// Blink's HTML parser stops nesting at 512 elements too. Deeper pages are fuzz, not documents, and parse5 rescans
// its stack of open elements at every tag: 43,000 nested lists took 160 s, then overflowed the stack.
const MAX_DEPTH = 512;

/** Parses the page as cheerio's `load` does (parse5), refusing one whose elements nest deeper than MAX_DEPTH. */
export function loadWithinDepth(html: string, source: SourceRef): CheerioAPI {
  const depths = new WeakMap<object, number>();
  const place = (parent: object, child: object): void => {
    const depth = (depths.get(parent) ?? 0) + 1;
    if (depth > MAX_DEPTH) {
      const name = source.path ?? source.id;
      throw new IngestError('PARSE_LIMIT', `${name}: refused, elements nested deeper than ${MAX_DEPTH} levels`, {
        path: source.path,
      });
    }
    depths.set(child, depth);
  };
  const treeAdapter: typeof domAdapter = {
    ...domAdapter,
    appendChild(parent, child) {
      place(parent, child);
      domAdapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      place(parent, child);
      domAdapter.insertBefore(parent, child, reference);
    },
  };
  return load(html, { treeAdapter });
}
