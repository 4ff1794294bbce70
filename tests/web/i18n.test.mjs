// The console's template engine (services/console/web/js/i18n.js) words
// messages as services/i18n/translator.cc does: the cases of
// tests/unit/i18n/translator_test.cc, plus the product's real catalogs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { enumWord, has, setCatalogs, t, text } from '../../services/console/web/js/i18n.js';

const root = new URL('../../', import.meta.url);
const english = {
  greeting: 'hello {name}',
  'only.english': 'only in English',
  'category.POOR': 'poor',
  'category.NEAR_POOR': 'near-poor',
  'list.or': 'or',
  'list.and': 'and',
  count: '{n} {n:plural:household:households}',
  money: '{amount:money}',
  date: 'on {day:date}',
  nested: 'findings: {findings}',
  'nested.or': 'one of {items:or}',
  'nested.concat': 'approved{parts:concat}',
  part: '; {id} left out',
  finding: '{name} ({age})',
  categories: '{list:@category|or}',
  category_word: '{category:@category}',
  braces: '{{literal}} {name}',
  broken: 'a {name',
};
const vietnamese = {
  greeting: 'xin chào {name}',
  'category.POOR': 'Hộ nghèo',
  'category.NEAR_POOR': 'Hộ cận nghèo',
  'list.or': 'hoặc',
  'list.and': 'và',
  count: '{n:number} hộ',
  money: '{amount:money}',
  date: 'ngày {day:date}',
  nested: 'phát hiện: {findings}',
  'nested.or': 'một trong {items:or}',
  finding: '{name} ({age} tuổi)',
  categories: '{list:@category|or}',
  category_word: '{category:@category}',
  percent: '{p:percent}',
  decimal: '{d:decimal} m²',
};
const vi = () => setCatalogs({ vi: vietnamese, en: english }, 'vi');
const en = () => setCatalogs({ vi: vietnamese, en: english }, 'en');

test('substitutes named arguments', () => {
  vi();
  assert.equal(t('greeting', { name: 'Lan' }), 'xin chào Lan');
  en();
  assert.equal(t('greeting', { name: 'Lan' }), 'hello Lan');
});

test('a missing message falls back to English, then to the key', () => {
  vi();
  assert.equal(t('only.english'), 'only in English');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(has('only.english'), true);
  assert.equal(has('no.such.key'), false);
});

test('a missing argument stays visible; doubled braces are literal; a broken template shows as written', () => {
  vi();
  assert.equal(t('greeting'), 'xin chào {name}');
  en();
  assert.equal(t('braces', { name: 'x' }), '{literal} x');
  assert.equal(t('broken', { name: 'x' }), 'a {name');
});

test('formats numbers, money, dates, percentages and decimals in the language', () => {
  vi();
  assert.equal(t('count', { n: '1500' }), '1.500 hộ');
  assert.equal(t('money', { amount: '1500000' }), '1.500.000 ₫');
  assert.equal(t('date', { day: '2025-12-10' }), 'ngày 10/12/2025');
  assert.equal(t('percent', { p: '4.1' }), '4,10%');
  assert.equal(t('decimal', { d: '6.5' }), '6,5 m²');
  // A value the spec cannot read is shown as given.
  assert.equal(t('money', { amount: 'about a million' }), 'about a million');
  assert.equal(t('date', { day: 'soon' }), 'ngày soon');
  en();
  assert.equal(t('count', { n: '1' }), '1 household');
  assert.equal(t('count', { n: '3' }), '3 households');
  assert.equal(t('money', { amount: '1500000' }), '1,500,000 VND');
  // The console writes dates dd/mm/yyyy in both languages.
  assert.equal(t('date', { day: '2025-12-10' }), 'on 10/12/2025');
});

test('words enum values and lists of them', () => {
  vi();
  assert.equal(t('category_word', { category: 'POOR' }), 'Hộ nghèo');
  assert.equal(t('categories', { list: 'POOR,NEAR_POOR' }), 'Hộ nghèo hoặc Hộ cận nghèo');
  assert.equal(t('category_word', { category: 'RICH' }), 'RICH');
  en();
  assert.equal(t('categories', { list: 'POOR,NEAR_POOR,POOR' }), 'poor, near-poor or poor');
});

test('renders nested messages joined, and an empty list as nothing', () => {
  vi();
  const findings = [
    { key: 'finding', args: [{ name: 'name', value: 'An' }, { name: 'age', value: '17' }], texts: [] },
    { key: 'finding', args: [{ name: 'name', value: 'Bình' }, { name: 'age', value: '20' }], texts: [] },
  ];
  assert.equal(text({ key: 'nested', args: [], texts: [{ name: 'findings', items: findings }] }), 'phát hiện: An (17 tuổi); Bình (20 tuổi)');
  const either = [{ key: 'category.POOR' }, { key: 'category.NEAR_POOR' }];
  assert.equal(text({ key: 'nested.or', texts: [{ name: 'items', items: either }] }), 'một trong Hộ nghèo hoặc Hộ cận nghèo');
  en();
  assert.equal(text({ key: 'nested.concat', args: [], texts: [{ name: 'parts', items: [] }] }), 'approved');
  const parts = [{ key: 'part', args: [{ name: 'id', value: 'H1' }] }, { key: 'part', args: [{ name: 'id', value: 'H2' }] }];
  assert.equal(text({ key: 'nested.concat', texts: [{ name: 'parts', items: parts }] }), 'approved; H1 left out; H2 left out');
});

test('a LocalizedText without a key shows the English text beside it', () => {
  vi();
  assert.equal(text(undefined, 'as the service wrote it'), 'as the service wrote it');
  assert.equal(text({ key: '' }, 'fallback'), 'fallback');
});

test('the product catalogs word what the services send', () => {
  const load = (lang) => JSON.parse(readFileSync(new URL(`locales/${lang}.json`, root), 'utf8'));
  setCatalogs({ vi: load('vi'), en: load('en') }, 'vi');
  assert.equal(enumWord('category', 'POVERTY_CATEGORY_NEAR_POOR', 'POVERTY_CATEGORY_'), 'Hộ cận nghèo');
  // Without the type's prefix given, the longest known suffix is used.
  assert.equal(enumWord('category', 'POVERTY_CATEGORY_POOR'), 'Hộ nghèo');
  const verdict = {
    key: 'scorecard.met',
    args: [
      { name: 'figure', value: '1.4' },
      { name: 'count', value: '28' },
      { name: 'total', value: '2000' },
      { name: 'measure', value: 'POOR_WITHOUT_LABOUR_CAPACITY_RATE' },
      { name: 'comparison', value: 'AT_MOST' },
      { name: 'threshold', value: '1.7' },
    ],
    texts: [],
  };
  assert.equal(text(verdict), '1,40% (28/2000 hộ) so với chỉ tiêu không quá 1,7%: đạt');
  assert.equal(t('console.overview.count_of_total', { count: '80', total: '2000' }), '80/2.000 hộ');
});

test('both catalogs have every console key with the same placeholders', () => {
  const load = (lang) => JSON.parse(readFileSync(new URL(`locales/${lang}.json`, root), 'utf8'));
  const viCatalog = load('vi');
  const enCatalog = load('en');
  const names = (template) => [...template.replace(/\{\{|\}\}/g, '').matchAll(/\{([^}:]+)[^}]*\}/g)].map((m) => m[1]).sort();
  const consoleKeys = Object.keys(viCatalog).filter((k) => k.startsWith('console.'));
  assert.ok(consoleKeys.length > 100);
  for (const key of consoleKeys) {
    assert.ok(key in enCatalog, `${key} has no English`);
    assert.deepEqual([...new Set(names(viCatalog[key]))], [...new Set(names(enCatalog[key]))], key);
  }
});
