/**
 * Upload view: a document file with its metadata (title, type and focus groups from the taxonomy, date, access
 * label) sent to
 * POST /api/documents as multipart. The page asks for the API key once per tab (web/api.js), shows that the
 * upload is under way, then the ingest summary or the service's reason for refusing it.
 */
import { api, ensureKey, getDocumentTypes, forgetFacets } from '../api.js';
import { h, replace, errorBox, documentHref, facts, field } from '../dom.js';

const ACCEPT = '.html,.htm,.xhtml,.pdf,.txt,.text,.md,.markdown';
/** Ingesting a long PDF (parse, embed every passage) can take minutes on a small machine. */
const UPLOAD_TIMEOUT_MS = 15 * 60_000;
const OUTCOME = {
  added: 'Added to the graph',
  updated: 'Updated: the document replaced its earlier version',
  unchanged: 'Unchanged: this document was already ingested with the same content and metadata',
};

export function mount(el) {
  document.title = 'Upload a document · iwg-graph';
  const typeSelect = h('select', { id: 'up-type', name: 'type' }, h('option', { value: '' }, 'Not set'));
  const typeHint = h('p', { class: 'muted small', id: 'up-type-hint' });
  // The taxonomy's focus groups, the ones the upload's validation accepts; declared groups attribute the
  // document's mentions to them in trends (docs/trends.md).
  const groupSelect = h('select', {
    id: 'up-focus-groups',
    name: 'focusGroups',
    multiple: true,
    size: '4',
    'aria-describedby': 'up-focus-groups-hint',
  });
  const groupHint = h(
    'p',
    { class: 'muted small', id: 'up-focus-groups-hint' },
    'The focus groups the document belongs to, if any (Ctrl or ⌘ to choose more than one).',
  );
  const fields = h(
    'fieldset',
    { class: 'upload-fields' },
    h('legend', { class: 'visually-hidden' }, 'Document and metadata'),
    field(
      'File (HTML, PDF, text or Markdown)',
      h('input', { type: 'file', id: 'up-file', name: 'file', accept: ACCEPT, required: true }),
    ),
    field(
      'Title',
      h('input', {
        type: 'text',
        id: 'up-title',
        name: 'title',
        maxlength: '500',
        placeholder: 'Taken from the document when empty',
      }),
    ),
    h(
      'div',
      { class: 'controls' },
      field('Document type', typeSelect),
      field('Date', h('input', { type: 'date', id: 'up-date', name: 'date' })),
      field(
        'Access label',
        h(
          'select',
          { id: 'up-access', name: 'access' },
          h('option', { value: 'public' }, 'public'),
          h('option', { value: 'restricted' }, 'restricted'),
        ),
      ),
    ),
    typeHint,
    field('Focus groups', groupSelect),
    groupHint,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Upload and ingest')),
  );
  const form = h('form', { class: 'card upload-form', onsubmit: (e) => (e.preventDefault(), submit()) }, fields);
  let timer = null;
  const outcome = h('section', { class: 'upload-outcome', 'aria-live': 'polite', 'aria-label': 'Upload result' });
  replace(
    el,
    h('h1', { tabindex: '-1' }, 'Upload a document'),
    h(
      'p',
      { class: 'lead' },
      'The document is parsed, split into passages, linked to the taxonomy and searchable once ingested. Uploads need an API key with write access; the page asks for it once.',
    ),
    form,
    outcome,
  );

  getDocumentTypes()
    .then(({ documentTypes, focusGroups = [] }) => {
      typeSelect.append(...documentTypes.map((t) => h('option', { value: t.id, title: t.description }, t.name)));
      groupSelect.append(...focusGroups.map((g) => h('option', { value: g.id, title: g.description }, g.name)));
      // Every group in view without scrolling, up to eight.
      groupSelect.size = Math.min(Math.max(focusGroups.length, 2), 8);
      typeSelect.onchange = () => {
        typeHint.textContent = documentTypes.find((t) => t.id === typeSelect.value)?.description ?? '';
      };
    })
    .catch((err) => replace(typeHint, `The document types and focus groups could not be loaded: ${err.message}`));

  async function submit() {
    const file = form.elements.file.files[0];
    if (!file) return;
    const metadata = { access: form.elements.access.value };
    for (const name of ['title', 'type', 'date']) {
      const value = form.elements[name].value.trim();
      if (value) metadata[name] = value;
    }
    const groups = [...groupSelect.selectedOptions].map((o) => o.value);
    if (groups.length) metadata.focusGroups = groups;
    const body = new FormData();
    body.append('metadata', JSON.stringify(metadata));
    body.append('file', file, file.name);
    ensureKey(); // before the file is sent, not after a 401
    fields.disabled = true;
    form.setAttribute('aria-busy', 'true');
    replace(outcome, busy(file));
    try {
      const result = await api('/api/documents', { form: body, write: true, timeoutMs: UPLOAD_TIMEOUT_MS });
      forgetFacets();
      replace(outcome, summary(result, file.name));
    } catch (err) {
      replace(outcome, failure(err, file.name));
    } finally {
      clearInterval(timer);
      fields.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }

  /** The busy state: an indeterminate bar and the seconds spent, since the API answers only once it is done. */
  function busy(file) {
    const started = Date.now();
    const elapsed = h('span', { class: 'elapsed' }, '0 s');
    timer = setInterval(() => (elapsed.textContent = `${Math.round((Date.now() - started) / 1000)} s`), 1000);
    return h(
      'div',
      { class: 'state loading upload-busy', role: 'status' },
      h('p', {}, `Uploading ${file.name} (${formatBytes(file.size)}) and ingesting it… `, elapsed),
      h('progress', { 'aria-label': 'Upload and ingest in progress' }),
    );
  }

  return { destroy: () => clearInterval(timer) };
}

/** The ingest summary the API answered (IngestResult). */
function summary(result, filename) {
  return h(
    'div',
    { class: `card upload-summary outcome-${result.status}`, role: 'status' },
    h('h2', {}, OUTCOME[result.status] ?? result.status),
    facts([
      ['File', filename],
      ['Document id', result.id],
      ['Passages', h('span', { class: 'count-passages' }, String(result.passages))],
      ['Good practices', h('span', { class: 'count-practices' }, String(result.practices))],
    ]),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: documentHref(result.id) }, 'Read the document')),
  );
}

/** Why the upload failed: the problem's title and status, the service's reason and each field it named. */
function failure(err, filename) {
  const title = err?.title ? `${filename} was not ingested: ${err.title} (${err.status})` : undefined;
  return errorBox(err, undefined, { title, className: 'upload-failure' });
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
