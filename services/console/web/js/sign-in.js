// Đăng nhập: username and password; the gateway keeps the session and the
// browser gets only a cookie. Wrong passwords, a locked or disabled account
// are explained in [data-test=form-error], in the user's language.

import * as api from './api.js';
import { t } from './i18n.js';
import { form, h } from './ui.js';

export function renderSignIn(root, { next, onSignedIn }) {
  const signInForm = form({
    className: 'sign-in-form',
    fields: [
      { name: 'username', id: 'username', label: t('console.sign_in.username'), required: true, attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' } },
      { name: 'password', id: 'password', type: 'password', label: t('console.sign_in.password'), required: true, attrs: { autocomplete: 'current-password' } },
    ],
    submitLabel: t('console.sign_in.submit'),
    submitTest: 'sign-in',
    onSubmit: async (values, { setError }) => {
      const username = values.username.trim();
      if (!username || !values.password) {
        setError(t('console.sign_in.missing'));
        return;
      }
      const started = await api.signIn(username, values.password);
      onSignedIn(started, next);
    },
  });
  root.appendChild(
    h(
      'div',
      { class: 'sign-in' },
      h('h1', { tabindex: '-1' }, t('console.sign_in.title')),
      h('p', { class: 'lead' }, t('console.sign_in.lead')),
      signInForm,
    ),
  );
  const username = root.querySelector('#username');
  if (username) setTimeout(() => username.focus(), 0);
}
