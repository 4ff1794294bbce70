// Every catalog key the console's code names literally (t('console....'),
// enumWord namespaces aside) exists in both catalogs: a key missing from one
// would show as the key itself on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const web = new URL('services/console/web/js/', root);
const load = (lang) => JSON.parse(readFileSync(new URL(`locales/${lang}.json`, root), 'utf8'));

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(new URL(`${entry.name}/`, dir)) : entry.name.endsWith('.js') ? [new URL(entry.name, dir)] : [],
  );
}

test('every literal console key the web app uses is in both catalogs', () => {
  const catalogs = { vi: load('vi'), en: load('en') };
  const used = new Map();
  for (const file of sources(web)) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/['"`](console\.[a-z0-9_.]+[a-z0-9_])['"`]/g)) used.set(match[1], file.pathname.split('/web/')[1]);
  }
  assert.ok(used.size > 300, `only ${used.size} keys found: is the pattern still right?`);
  const missing = [];
  for (const [key, file] of used) {
    for (const lang of ['vi', 'en']) if (!(key in catalogs[lang])) missing.push(`${key} (${file}) not in ${lang}.json`);
  }
  assert.deepEqual(missing, []);
});

test('every kind of alert has what to do in both catalogs (Cảnh báo shows it beside the alert)', () => {
  const proto = readFileSync(new URL('proto/ansinh/v1/monitoring.proto', root), 'utf8');
  const alert = proto.slice(proto.indexOf('message WardAlert {'));
  const enumBody = alert.slice(alert.indexOf('enum Kind {'), alert.indexOf('}'));
  const kinds = [...enumBody.matchAll(/^\s+KIND_([A-Z_]+) = \d+;/gm)].map((m) => m[1]).filter((k) => k !== 'UNSPECIFIED');
  assert.ok(kinds.includes('EMERGENCY_NOT_CONTACTED'));
  for (const lang of ['vi', 'en']) {
    const catalog = load(lang);
    for (const kind of kinds) assert.ok(`console.alerts.todo.${kind}` in catalog, `console.alerts.todo.${kind} not in ${lang}.json`);
  }
});
