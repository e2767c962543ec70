/**
 * An accessible autocomplete for entities (ARIA combobox pattern) over GET /api/entities?q=: type to search,
 * ↑/↓ to move, Enter to choose, Escape to close.
 */
import { api, qs } from '../api.js';
import { h, kindLabel } from '../dom.js';

let pickerCount = 0;

/**
 * @param {{ label: string, id: string, onPick?: (ref) => void }} opts
 * @returns {{ el: HTMLElement, value: () => object|null, set: (ref) => void, input: HTMLInputElement }}
 */
export function entityPicker({ label, id, onPick }) {
  const listId = `${id}-list-${++pickerCount}`;
  let selected = null;
  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;

  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder: 'Type a name, e.g. Belgium',
  });
  const list = h('ul', {
    id: listId,
    role: 'listbox',
    class: 'picker-list',
    hidden: true,
    'aria-label': `${label} suggestions`,
  });
  const status = h('span', { class: 'visually-hidden', role: 'status' });
  const el = h('div', { class: 'field picker' }, h('label', { for: id }, label), input, list, status);

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function choose(ref) {
    selected = ref;
    input.value = ref.name;
    close();
    onPick?.(ref);
  }

  function highlightActive() {
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${active}`);
      list.children[active]?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function show(results) {
    options = results;
    active = results.length ? 0 : -1;
    list.replaceChildren(
      ...results.map((r, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            onmousedown: (e) => (e.preventDefault(), choose(r)),
          },
          h('span', { class: `badge kind-${r.type}` }, kindLabel(r.type)),
          ' ',
          r.name,
        ),
      ),
    );
    if (!results.length) list.append(h('li', { class: 'muted', 'aria-disabled': 'true' }, 'No matching entity'));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = `${results.length} suggestions`;
    highlightActive();
  }

  async function suggest() {
    const q = input.value.trim();
    controller?.abort();
    if (!q) return close();
    controller = new AbortController();
    try {
      const answer = await api(`/api/entities${qs({ q, limit: 10 })}`, { signal: controller.signal });
      if (input.value.trim() === q) show(answer.results ?? []);
    } catch (err) {
      if (err?.name === 'AbortError') return;
      list.replaceChildren(h('li', { class: 'error-text', 'aria-disabled': 'true' }, err.message));
      list.hidden = false;
    }
  }

  input.addEventListener('input', () => {
    selected = null;
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) return void suggest();
      const n = options.length;
      if (!n) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      highlightActive();
    } else if (e.key === 'Enter' && !list.hidden && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  return {
    el,
    input,
    value: () => selected,
    set(ref) {
      selected = ref;
      input.value = ref?.name ?? '';
    },
  };
}
