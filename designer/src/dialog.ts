import { h } from './dom.js';
import { t } from './i18n/index.js';

export interface DialogField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'number' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
  value?: string;
}

/** A modal that asks for the given fields; resolves with their values, or null when cancelled. */
export function ask(title: string, fields: DialogField[]): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const inputs = fields.map((f) => {
      const attrs = { name: f.name, required: f.required ?? true, value: f.value ?? null };
      const input = f.kind === 'textarea' ? h('textarea', attrs)
        : f.kind === 'select' ? h('select', attrs, (f.options ?? []).map((o) => h('option', { value: o.value }, o.label)))
        : h('input', { ...attrs, type: f.kind === 'number' ? 'number' : 'text', min: f.kind === 'number' ? 1 : null });
      return h('label', {}, f.label, input);
    });
    const dialog = h('dialog', { class: 'ask' });
    const form = h('form', { method: 'dialog' }, h('h3', {}, title), inputs,
      h('div', { class: 'actions' },
        h('button', { type: 'button', value: 'cancel', onclick: () => { dialog.close(); dialog.remove(); resolve(null); } }, t('cancel')),
        h('button', { type: 'submit', class: 'primary', value: 'ok' }, t('ok'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const out: Record<string, string> = {};
      for (const f of fields) out[f.name] = String(data.get(f.name) ?? '').trim();
      dialog.close();
      dialog.remove();
      resolve(out);
    });
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
  });
}
