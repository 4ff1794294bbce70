// The console's shell: the top bar (who is signed in, language, sign-out),
// the menu each role may use, and the hash router that loads one screen
// module at a time (js/screens/<name>.js, `export async function
// render(root, ctx)`).

import * as api from './api.js';
import { language, preferredLanguage, setLanguage, t } from './i18n.js';
import { clear, h, pageError } from './ui.js';
import { renderSignIn } from './sign-in.js';

const WARD = 'ROLE_WARD_OFFICER';
const STAFF = 'ROLE_ORGANIZATION_STAFF';
const AUDITOR = 'ROLE_AUDITOR';

// Menu order. `roles`: who is offered the screen (the services still decide
// what each call may do; this only leaves out what a role cannot use).
export const SCREENS = [
  { route: 'tong-quan', module: 'overview', title: 'console.nav.overview', roles: [WARD, STAFF, AUDITOR] },
  { route: 'ho-gia-dinh', module: 'households', detail: 'household', title: 'console.nav.households', roles: [WARD, STAFF, AUDITOR] },
  { route: 'ho-so', module: 'cases', detail: 'case', title: 'console.nav.cases', roles: [WARD, STAFF] },
  { route: 'mo-hinh-sinh-ke', module: 'models', detail: 'model', title: 'console.nav.models', roles: [WARD, STAFF] },
  { route: 'thien-tai', module: 'emergencies', detail: 'emergency', title: 'console.nav.emergencies', roles: [WARD, STAFF] },
  { route: 'ra-soat', module: 'review', title: 'console.nav.review', roles: [WARD] },
  { route: 'canh-bao', module: 'alerts', title: 'console.nav.alerts', roles: [WARD, STAFF, AUDITOR] },
  { route: 'ket-qua', module: 'outcomes', title: 'console.nav.outcomes', roles: [WARD, STAFF, AUDITOR] },
  { route: 'bao-cao', module: 'reports', title: 'console.nav.reports', roles: [WARD, STAFF, AUDITOR] },
  { route: 'kiem-toan', module: 'audit', title: 'console.nav.audit', roles: [WARD, AUDITOR] },
  { route: 'quan-tri', module: 'admin', title: 'console.nav.admin', roles: [WARD] },
  { route: 'nhap-du-lieu', module: 'import', title: 'console.nav.import', roles: [WARD] },
];

const SIGN_IN = 'dang-nhap';
const HOME = 'tong-quan';

let account = null;
let renderToken = 0;
const shell = {};

// "#/ho-gia-dinh/HH-001?group=3" -> {route: 'ho-gia-dinh', id: 'HH-001', query: {group: '3'}}
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, queryText = ''] = raw.split('?');
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const query = Object.fromEntries(new URLSearchParams(queryText));
  return { route: segments[0] || '', id: segments.slice(1).join('/') || '', query };
}

export function navigate(hash) {
  const target = hash.startsWith('#') ? hash : `#${hash}`;
  if (location.hash === target) route();
  else location.hash = target;
}

function screensFor(role) {
  return SCREENS.filter((s) => s.roles.includes(role));
}

function buildShell() {
  const root = document.getElementById('app');
  clear(root);
  shell.skip = h('a', { class: 'skip-link', href: '#main' }, t('console.skip_to_content'));
  shell.skip.addEventListener('click', (event) => {
    event.preventDefault();
    shell.main?.focus();
  });
  shell.header = h('header', { class: 'topbar' });
  shell.headerBar = h('div', { class: 'topbar-inner' });
  shell.nav = h('nav', { class: 'menu', 'aria-label': t('console.nav.label'), id: 'menu' });
  shell.mainSlot = h('div', { class: 'main-slot' });
  // The skip link lives in the banner landmark, like everything else outside <main>.
  shell.header.append(shell.skip, shell.headerBar);
  root.append(shell.header, h('div', { class: 'layout' }, shell.nav, shell.mainSlot));
}

function languageButtons() {
  const button = (lang, label) =>
    h(
      'button',
      {
        type: 'button',
        class: `lang${language() === lang ? ' current' : ''}`,
        'data-test': `lang-${lang}`,
        lang,
        'aria-pressed': language() === lang ? 'true' : 'false',
        onclick: async () => {
          if (language() === lang) return;
          await setLanguage(lang);
          buildShell();
          route();
        },
      },
      label,
    );
  return h('div', { class: 'langs', role: 'group', 'aria-label': t('console.language.label') }, button('vi', 'Tiếng Việt'), button('en', 'English'));
}

function renderTopBar() {
  clear(shell.headerBar);
  const brand = h('a', { class: 'brand', href: account ? `#/${HOME}` : `#/${SIGN_IN}` }, t('console.app.name'));
  const menuToggle = account
    ? h(
        'button',
        {
          type: 'button',
          class: 'menu-toggle',
          'aria-controls': 'menu',
          'aria-expanded': 'false',
          'data-test': 'menu-toggle',
          onclick: (event) => {
            const open = shell.nav.classList.toggle('open');
            event.currentTarget.setAttribute('aria-expanded', open ? 'true' : 'false');
          },
        },
        t('console.nav.menu'),
      )
    : null;
  const user = account
    ? h(
        'div',
        { class: 'user' },
        h('span', { class: 'user-name', 'data-test': 'user-name' }, account.display_name || account.username),
        h('span', { class: 'user-role' }, roleWord(account.role)),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'data-test': 'sign-out',
            onclick: async () => {
              try {
                await api.signOut();
              } catch (_) {
                // The session is gone either way.
              }
              account = null;
              navigate(`#/${SIGN_IN}`);
            },
          },
          t('console.sign_out'),
        ),
      )
    : null;
  shell.headerBar.append(h('div', { class: 'topbar-left' }, menuToggle, brand), h('div', { class: 'topbar-right' }, languageButtons(), user));
}

export function roleWord(role) {
  const name = String(role || '').replace(/^ROLE_/, '');
  return t(`role.${name}`);
}

function renderMenu(current) {
  clear(shell.nav);
  shell.nav.classList.remove('open');
  if (!account) {
    shell.nav.hidden = true;
    return;
  }
  shell.nav.hidden = false;
  shell.nav.appendChild(
    h(
      'ul',
      {},
      screensFor(account.role).map((s) =>
        h(
          'li',
          {},
          h('a', { href: `#/${s.route}`, 'data-test': `nav-${s.route}`, 'aria-current': s.route === current ? 'page' : null }, t(s.title)),
        ),
      ),
    ),
  );
}


// The screen's root is the <main> itself (the contract: an empty <main>
// with id="page-<route>"); the skip link targets it by its role.
function mainFor(pageId) {
  clear(shell.mainSlot);
  shell.main = h('main', { id: `page-${pageId}`, tabindex: '-1', class: 'page' });
  shell.mainSlot.appendChild(shell.main);
  shell.skip.setAttribute('href', `#page-${pageId}`);
  return shell.main;
}

async function route() {
  const token = ++renderToken;
  const { route: name, id, query } = parseHash(location.hash);
  if (!account || name === SIGN_IN) {
    if (account && name === SIGN_IN) {
      navigate(`#/${HOME}`);
      return;
    }
    renderTopBar();
    renderMenu('');
    const root = mainFor(SIGN_IN);
    document.title = `${t('console.sign_in.title')} — ${t('console.app.name')}`;
    renderSignIn(root, {
      next: name && name !== SIGN_IN ? location.hash : `#/${HOME}`,
      onSignedIn: (started, next) => {
        account = started.account;
        buildShell();
        navigate(next);
      },
    });
    return;
  }
  const screen = SCREENS.find((s) => s.route === name);
  if (!screen) {
    navigate(`#/${HOME}`);
    return;
  }
  renderTopBar();
  renderMenu(screen.route);
  const detail = Boolean(id) && Boolean(screen.detail);
  const pageId = detail ? `${screen.route}-chi-tiet` : screen.route;
  const root = mainFor(pageId);
  document.title = `${t(screen.title)} — ${t('console.app.name')}`;
  if (!screen.roles.includes(account.role)) {
    root.appendChild(pageError({ message: t('console.error.not_for_role', { role: String(account.role).replace(/^ROLE_/, '') }) }));
    return;
  }
  let module;
  try {
    module = await import(`./screens/${detail ? screen.detail : screen.module}.js`);
  } catch (err) {
    if (token !== renderToken) return;
    console.error(err);
    root.appendChild(pageError({ message: t('console.error.screen_missing') }));
    return;
  }
  if (token !== renderToken) return;
  const ctx = {
    account,
    route: screen.route,
    params: { ...query, ...(id ? { id } : {}) },
    navigate,
    refresh: () => route(),
  };
  try {
    await module.render(root, ctx);
  } catch (err) {
    if (token !== renderToken) return;
    console.error(err);
    root.appendChild(pageError(err));
  }
  if (token === renderToken) {
    const heading = root.querySelector('h1');
    if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    (heading || root).focus({ preventScroll: false });
  }
}

export async function start() {
  await setLanguage(preferredLanguage());
  api.setUnauthorizedHandler(() => {
    if (!account) return;
    account = null;
    buildShell();
    route();
  });
  buildShell();
  try {
    const current = await api.session();
    account = current ? current.account : null;
  } catch (_) {
    account = null;
  }
  window.addEventListener('hashchange', () => route());
  if (!location.hash) location.replace(`#/${account ? HOME : SIGN_IN}`);
  await route();
}
