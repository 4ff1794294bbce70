// Báo cáo (#/bao-cao): the resolution's reports (docs/reports.md) made by
// the gateway's GET /api/report with the user's own token, in the page's
// language: the final review of 2021-2025 and the yearly report of a chosen
// review year, each as a PDF and, table by table, as CSV from the list the
// gateway gives (format=tables). The downloads are plain links, so a phone's
// browser saves them as it saves any file.

import { downloadUrl, getJson } from '../api.js';
import { language, t } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, pageHeader, section, sectionError } from '../ui.js';
import { echoDates } from '../work.js';

const FIRST_REVIEW_YEAR = 2021;
const RESOLUTION = { first_year: '2021', last_year: '2025' };

// The query of one report: {kind, first_year, last_year} or {kind, year},
// with as_of when one is chosen, and the page's language.
function reportQuery(report, extra) {
  const query = { ...report.query(), ...extra, lang: language() };
  if (!query.as_of) delete query.as_of;
  return query;
}

function tableList(report, answer) {
  const tables = answer.tables || [];
  if (!tables.length) return h('p', { class: 'empty' }, t('console.reports.no_tables'));
  return h(
    'ol',
    { class: 'report-tables', 'data-test': `tables-${report.kind}` },
    tables.map((table) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            href: downloadUrl('/api/report', reportQuery(report, { format: 'csv', table: String(table.number) })),
            download: table.file || '',
            'data-test': 'table-csv',
            'data-table': String(table.number),
          },
          table.title,
        ),
        ' ',
        h('span', { class: 'muted' }, t('console.reports.csv_file', { file: table.file })),
      ),
    ),
  );
}

// One report's block: its choices, the PDF link (kept up to date with the
// choices) and the list of its tables on demand.
function reportBlock(report) {
  const pdf = h('a', { class: 'button primary', 'data-test': `pdf-${report.kind}`, download: '' }, t('console.reports.pdf'));
  const tablesSlot = h('div', { class: 'tables-slot', 'aria-live': 'polite' });
  const refreshLink = () => {
    pdf.setAttribute('href', downloadUrl('/api/report', reportQuery(report, { format: 'pdf' })));
    clear(tablesSlot);
  };
  const listButton = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-test': `list-tables-${report.kind}`,
      onclick: async () => {
        clear(tablesSlot).append(h('p', { class: 'loading', role: 'status' }, t('console.reports.making')));
        listButton.disabled = true;
        try {
          const answer = await getJson('/api/report', reportQuery(report, { format: 'tables' }));
          clear(tablesSlot).append(h('h3', {}, t('console.reports.tables')), tableList(report, answer));
        } catch (err) {
          clear(tablesSlot).append(sectionError(err));
        } finally {
          listButton.disabled = false;
        }
      },
    },
    t('console.reports.list_tables'),
  );
  for (const input of report.inputs) input.addEventListener('change', refreshLink);
  refreshLink();
  const fields = h('div', { class: 'filter-fields' }, report.fields);
  echoDates(fields);
  return section(
    report.title,
    h('p', { class: 'hint' }, report.hint),
    fields,
    h('div', { class: 'export-links' }, pdf, listButton, h('p', { class: 'hint' }, t('console.reports.pdf_hint'))),
    tablesSlot,
  );
}

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

export async function render(root) {
  const today = format.wardToday();
  const thisYear = Number(today.slice(0, 4));
  const years = [];
  for (let y = thisYear; y >= FIRST_REVIEW_YEAR; --y) years.push(String(y));

  const yearOptions = (chosen) => years.map((y) => h('option', { value: y, selected: y === chosen }, y));
  const finalFirst = h('select', { id: 'final-first-year' }, yearOptions(RESOLUTION.first_year));
  const finalLast = h('select', { id: 'final-last-year' }, yearOptions(RESOLUTION.last_year));
  const finalAsOf = h('input', { id: 'final-as-of', type: 'date', max: today });
  const yearlyYear = h('select', { id: 'yearly-year' }, yearOptions(String(thisYear)));
  const yearlyAsOf = h('input', { id: 'yearly-as-of', type: 'date', max: today });

  const final = {
    kind: 'final',
    title: t('console.reports.final.title'),
    hint: t('console.reports.final.hint'),
    inputs: [finalFirst, finalLast, finalAsOf],
    fields: [
      field('final-first-year', t('console.reports.first_year'), finalFirst),
      field('final-last-year', t('console.reports.last_year'), finalLast),
      field('final-as-of', t('console.reports.as_of'), finalAsOf),
    ],
    query: () => ({ kind: 'final', first_year: finalFirst.value, last_year: finalLast.value, as_of: finalAsOf.value }),
  };
  const yearly = {
    kind: 'yearly',
    title: t('console.reports.yearly.title'),
    hint: t('console.reports.yearly.hint'),
    inputs: [yearlyYear, yearlyAsOf],
    fields: [field('yearly-year', t('console.reports.year'), yearlyYear), field('yearly-as-of', t('console.reports.as_of'), yearlyAsOf)],
    query: () => ({ kind: 'yearly', year: yearlyYear.value, as_of: yearlyAsOf.value }),
  };

  clear(root).append(
    pageHeader(
      t('console.reports.title'),
      h('a', { class: 'button secondary', href: '#/ket-qua', 'data-test': 'to-outcomes' }, t('console.reports.to_outcomes')),
    ),
    h('p', { class: 'lead' }, t('console.reports.lead')),
    reportBlock(final),
    reportBlock(yearly),
  );
}
