import { post } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n/index.js';

/** The sign-in form; resolves once the server has set the session cookie. */
export function renderLogin(el: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    clear(el);
    const username = h('input', { name: 'username', autocomplete: 'username', required: true });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'card login' },
      h('h1', {}, t('app.title')),
      h('h2', {}, t('login.title')),
      h('label', {}, t('login.username'), username),
      h('label', {}, t('login.password'), password),
      error,
      h('button', { type: 'submit', class: 'primary' }, t('login.submit')),
      h('p', {}, h('a', { href: '#/citizen' }, t('nav.citizen'))),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      post('/api/session/login', { username: username.value, password: password.value }).then(
        () => resolve(),
        (err: unknown) => (error.textContent = err instanceof Error ? err.message : String(err)),
      );
    });
    el.append(form);
  });
}
