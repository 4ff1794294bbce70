// The console's words: the product's one catalog per language
// (locales/vi.json, locales/en.json, served at /locales/<lang>.json), with
// the template language of services/i18n/template_text.h:
//   {name} {name:number} {name:money} {name:decimal} {name:percent}
//   {name:date} {name:plural:a:b} {name:@ns} {name:@ns|or|and|list}
//   and nested lists of messages joined with "; " or :or/:and/:list/:concat.
// A missing message falls back to English, then to the key itself; a
// missing argument stays visible as {name}, as in the CLI.

import * as format from './format.js';

const STORAGE_KEY = 'ansinh.lang';
const catalogs = { vi: null, en: null };
let current = 'vi';

async function loadCatalog(lang) {
  if (catalogs[lang]) return catalogs[lang];
  const response = await fetch(`/locales/${lang}.json`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`catalog ${lang}: HTTP ${response.status}`);
  catalogs[lang] = await response.json();
  return catalogs[lang];
}

export function language() {
  return current;
}

// The language chosen before in this browser, else Vietnamese: the ward's
// computers often run an English browser, and the console is Vietnamese first.
export function preferredLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch (_) {
    // Storage may be disabled; the default is fine.
  }
  return 'vi';
}

export async function setLanguage(lang) {
  const chosen = lang === 'en' ? 'en' : 'vi';
  await Promise.all([loadCatalog(chosen), loadCatalog('en')]);
  current = chosen;
  document.documentElement.lang = chosen;
  try {
    localStorage.setItem(STORAGE_KEY, chosen);
  } catch (_) {
    // Not remembered, still used.
  }
}

// Catalogs given rather than fetched (tests under node, which has no
// document): the language is chosen without touching the page.
export function setCatalogs({ vi, en }, lang = 'vi') {
  catalogs.vi = vi;
  catalogs.en = en;
  current = lang === 'en' ? 'en' : 'vi';
}

function template(key) {
  const chosen = catalogs[current];
  if (chosen && Object.prototype.hasOwnProperty.call(chosen, key)) return chosen[key];
  const english = catalogs.en;
  if (english && Object.prototype.hasOwnProperty.call(english, key)) return english[key];
  return null;
}

export function has(key) {
  return template(key) !== null;
}

// Pieces of a template: {text} literals and {name, spec} placeholders; null
// when a brace is not closed (then the template is shown as written).
function parseTemplate(text) {
  const pieces = [];
  let literal = '';
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c;
      ++i;
      continue;
    }
    if (c === '}') return null;
    if (c !== '{') {
      literal += c;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    if (close < 0) return null;
    const inside = text.slice(i + 1, close);
    const colon = inside.indexOf(':');
    const name = colon < 0 ? inside : inside.slice(0, colon);
    const spec = colon < 0 ? '' : inside.slice(colon + 1);
    if (!name || name.includes('{')) return null;
    if (literal) pieces.push({ text: literal });
    literal = '';
    pieces.push({ name, spec });
    i = close;
  }
  if (literal) pieces.push({ text: literal });
  return pieces;
}

function join(items, how) {
  const conjunction = how === 'or' || how === 'and';
  const lastWord = conjunction ? t(how === 'or' ? 'list.or' : 'list.and') : '';
  const separator = !how ? '; ' : how === 'concat' ? '' : ', ';
  let joined = '';
  items.forEach((item, i) => {
    if (i > 0) joined += conjunction && i + 1 === items.length ? ` ${lastWord} ` : separator;
    joined += item;
  });
  return joined;
}

function apply(spec, value) {
  const text = String(value);
  if (!spec) return text;
  if (spec === 'number') return format.number(text);
  if (spec === 'money') return /^-?\d+$/.test(text) ? format.money(text) : text;
  if (spec === 'decimal') return Number.isFinite(Number(text)) && text !== '' ? format.decimal(text) : text;
  if (spec === 'percent') return Number.isFinite(Number(text)) && text !== '' ? format.percent(text) : text;
  if (spec === 'date') return format.date(text);
  if (spec.startsWith('plural:')) {
    const forms = spec.slice(7);
    const colon = forms.indexOf(':');
    if (colon < 0) return text;
    return text === '1' ? forms.slice(0, colon) : forms.slice(colon + 1);
  }
  if (spec.startsWith('@')) {
    const bar = spec.indexOf('|');
    const prefix = (bar < 0 ? spec.slice(1) : spec.slice(1, bar)) + '.';
    const word = (item) => (has(prefix + item) ? t(prefix + item) : item);
    if (bar < 0) return word(text);
    const words = text.split(',').filter((item) => item !== '').map(word);
    return join(words, spec.slice(bar + 1));
  }
  return text;
}

// The message `key` with `args`: an object of name -> value (string or
// number), or name -> an array of nested messages ({key, args} objects or
// LocalizedText JSON) for list placeholders.
export function t(key, args = {}) {
  const found = template(key);
  if (found === null) return key;
  const pieces = parseTemplate(found);
  if (!pieces) return found;
  let out = '';
  for (const piece of pieces) {
    if (piece.name === undefined) {
      out += piece.text;
      continue;
    }
    const value = args ? args[piece.name] : undefined;
    if (Array.isArray(value)) {
      out += join(value.map(nestedText), piece.spec);
    } else if (value !== undefined && value !== null) {
      out += apply(piece.spec, value);
    } else {
      out += `{${piece.name}}`;
    }
  }
  return out;
}

function nestedText(item) {
  if (item === null || item === undefined) return '';
  if (typeof item === 'string') return item;
  if (Array.isArray(item.args) || Array.isArray(item.texts)) return text(item);
  return t(item.key, item.args || {});
}

// A LocalizedText from the services ({key, args: [{name, value}], texts:
// [{name, items: [LocalizedText]}]}) in the current language. `fallback` (the
// service's English text) is shown when there is no key.
export function text(localized, fallback = '') {
  if (!localized || !localized.key) return fallback || '';
  const args = {};
  for (const arg of localized.args || []) args[arg.name] = arg.value;
  for (const list of localized.texts || []) args[list.name] = list.items || [];
  return t(localized.key, args);
}

// An enum value as the catalogs word it: enumWord('category', 'POVERTY_CATEGORY_POOR')
// looks up "category.POOR" (the value without its type's prefix, as in
// services/cli/enum_words.cc); `prefix` is the value's type prefix to drop.
export function enumWord(namespace, value, prefix = '') {
  if (!value) return '';
  let name = String(value);
  if (prefix && name.startsWith(prefix)) name = name.slice(prefix.length);
  const key = `${namespace}.${name}`;
  if (has(key)) return t(key);
  // Try dropping a leading TYPE_ prefix word by word (POVERTY_CATEGORY_POOR -> POOR).
  const parts = name.split('_');
  for (let i = 1; i < parts.length; ++i) {
    const candidate = `${namespace}.${parts.slice(i).join('_')}`;
    if (has(candidate)) return t(candidate);
  }
  return name;
}
