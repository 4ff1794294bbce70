// Kết quả hỗ trợ (#/ket-qua): what the support achieved (Monitoring.
// GetOutcomes, docs/outcomes.md). The user chooses what to group by and the
// period; the page lists the groups by name with the households supported,
// escaped within 12/24/36 months with their intervals, relapsed, median
// income before and after and the median time to escape, cells of fewer than
// five households shown as "<5" with why; then the Kaplan–Meier curves of
// the groups chosen and the income quartiles before and after. Every
// figure's explanation opens on demand. The choice lives in the address
// (#/ket-qua?by=model&from=2021-01-01&to=2025-12-31), so Back returns to it.

import { call } from '../api.js';
import { t, text as localized } from '../i18n.js';
import * as format from '../format.js';
import { settle } from '../data.js';
import { h, clear, loading, pageError, pageHeader, rangeChart, section, stepChart, table } from '../ui.js';
import {
  DIMENSIONS, RESOLUTION_PERIOD, SUPPRESSED, anySuppressed, countText, curveSteps, defaultCurveKeys, dimensionOf,
  groupName, incomeText, medianText, orderedExplanations, share, shareText,
} from '../outcomes-view.js';
import { echoDates } from '../work.js';

const LEGEND_ID = 'outcomes-suppressed-legend';

// Names of organizations, helpers and models; a list the role may not read
// leaves ids.
async function directoryNames() {
  const [organizations, helpers, models] = await Promise.all([
    settle(call('Assignment', 'ListOrganizations', { include_inactive: true })),
    settle(call('Assignment', 'ListHelpers', { include_inactive: true })),
    settle(call('Assignment', 'ListLivelihoodModels', { include_ended: true })),
  ]);
  const map = (items, id, name) => new Map((items || []).map((x) => [id(x), name(x)]));
  return {
    organizations: map(organizations.value && organizations.value.organizations, (o) => o.id, (o) => o.name),
    helpers: map(helpers.value && helpers.value.helpers, (x) => x.id, (x) => format.personName(x.full_name)),
    models: map(models.value && models.value.models, (m) => m.model.model_id, (m) => m.model.name),
  };
}

// A cell fewer than five households stand behind: "<5", its reason in the
// tooltip and, for screen readers, in the legend it points to.
function suppressedCell() {
  return h('span', { class: 'suppressed', title: t('console.outcomes.suppressed_why'), 'aria-describedby': LEGEND_ID, 'data-test': 'suppressed' }, SUPPRESSED);
}

function countCell(proportion) {
  return proportion && proportion.suppressed ? suppressedCell() : h('span', {}, countText(proportion));
}

function shareCell(proportion) {
  const s = share(proportion);
  if (s.suppressed) return suppressedCell();
  if (s.none) return h('span', { class: 'muted' }, '—');
  return h(
    'span',
    { class: 'share' },
    h('strong', {}, format.percent(s.percent)),
    ' ',
    h('span', { class: 'interval' }, t('console.outcomes.interval', { lower: format.percent(s.lower), upper: format.percent(s.upper) })),
    h('br'),
    h('span', { class: 'muted' }, t('console.outcomes.of_households', { count: String(s.count), denominator: String(s.denominator) })),
  );
}

// The service leaves out the deliveries of a group it suppresses.
function deliveriesText(group) {
  if (group.supported && group.supported.suppressed && !Number(group.deliveries || 0)) return SUPPRESSED;
  return t('console.outcomes.deliveries', { count: String(group.deliveries || 0), amount: format.money(group.amount_vnd || '0') });
}

// How each figure of a group was computed, shown under the table for the
// group whose "Cách tính" was pressed (a table cell is too narrow for it).
function explanationPanel() {
  const panel = h('div', { class: 'explanation-panel', id: 'outcomes-explanation', 'data-test': 'explanation-panel', hidden: true, tabindex: '-1' });
  let shownFor = null;
  let shownButton = null;
  panel.show = (row, button) => {
    if (shownButton) shownButton.setAttribute('aria-expanded', 'false');
    if (shownFor === row.id) {
      shownFor = null;
      shownButton = null;
      panel.hidden = true;
      return;
    }
    shownFor = row.id;
    shownButton = button;
    button.setAttribute('aria-expanded', 'true');
    clear(panel).append(
      h('h3', {}, t('console.outcomes.how_for', { name: row.name })),
      h(
        'dl',
        {},
        orderedExplanations(row.group).map((e) => [h('dt', {}, t(`console.outcomes.figure.${e.figure}`)), h('dd', {}, localized(e.text))]),
      ),
      h('button', { type: 'button', class: 'secondary small', 'data-test': 'close-explanation', onclick: () => panel.show(row, button) }, t('console.outcomes.close_how')),
    );
    panel.hidden = false;
    panel.scrollIntoView({ block: 'nearest' });
  };
  return panel;
}

function explainButton(row, panel) {
  if (!(row.group.explanations || []).length) return h('span', {});
  const button = h(
    'button',
    { type: 'button', class: 'secondary small', 'data-test': 'explain', 'aria-controls': panel.id, 'aria-expanded': 'false' },
    t('console.outcomes.how'),
  );
  button.addEventListener('click', () => panel.show(row, button));
  return button;
}

function groupsTable(rows, dimension, panel) {
  const by = DIMENSIONS.find((d) => d.value === dimension).by;
  const proportionColumn = (header, field) => ({
    header,
    value: (r) => shareText(r.group[field]),
    cell: (r) => shareCell(r.group[field]),
    class: 'number',
  });
  return table({
    exportName: `ket-qua-ho-tro-${by}-${format.wardToday()}`,
    pageSize: 50,
    rows,
    rowAttrs: (r) => ({ 'data-group-key': r.group.key === undefined || r.ward ? null : r.group.key, 'data-ward': r.ward ? 'true' : null }),
    columns: [
      { header: t(`console.outcomes.group_of.${by}`), value: (r) => r.name, cell: (r) => h(r.ward ? 'strong' : 'span', { 'data-test': 'group-name' }, r.name) },
      { header: t('console.outcomes.col.supported'), value: (r) => countText(r.group.supported), cell: (r) => countCell(r.group.supported), class: 'number' },
      { header: t('console.outcomes.col.on_list'), value: (r) => countText(r.group.on_list_at_entry), cell: (r) => countCell(r.group.on_list_at_entry), class: 'number' },
      proportionColumn(t('console.outcomes.col.escaped_12'), 'escaped_12_months'),
      proportionColumn(t('console.outcomes.col.escaped_24'), 'escaped_24_months'),
      proportionColumn(t('console.outcomes.col.escaped_36'), 'escaped_36_months'),
      proportionColumn(t('console.outcomes.col.relapsed'), 'relapsed'),
      {
        header: t('console.outcomes.col.income'),
        value: (r) => incomeText(r.group.income),
        cell: (r) => (r.group.income && r.group.income.suppressed ? suppressedCell() : h('span', {}, incomeText(r.group.income))),
      },
      { header: t('console.outcomes.col.median'), value: (r) => medianText(r.group), cell: (r) => (medianText(r.group) === SUPPRESSED ? suppressedCell() : h('span', {}, medianText(r.group))) },
      {
        header: t('console.outcomes.col.deliveries'),
        value: (r) => deliveriesText(r.group),
        cell: (r) => (deliveriesText(r.group) === SUPPRESSED ? suppressedCell() : h('span', {}, deliveriesText(r.group))),
      },
      { header: t('console.outcomes.col.how'), value: () => '', cell: (r) => explainButton(r, panel), noExport: true },
    ],
  });
}

// A phone gets charts drawn for its width, so that their words stay readable.
function chartWidth() {
  return window.matchMedia && window.matchMedia('(max-width: 600px)').matches ? 360 : 640;
}

// The curves of the groups ticked, redrawn on every tick.
function curvesSection(rows, chosenKeys) {
  const withCurve = rows.filter((r) => (r.group.escape_curve || []).length);
  if (!withCurve.length) {
    return section(t('console.outcomes.curves.title'), h('p', { class: 'empty', 'data-test': 'no-curve' }, t('console.outcomes.curves.none')));
  }
  const chosen = new Set(chosenKeys);
  const slot = h('div', { class: 'curve-slot' });
  const draw = () => {
    const shown = withCurve.filter((r) => chosen.has(r.id));
    clear(slot).append(
      shown.length
        ? stepChart(
            shown.map((r) => ({ label: r.name, steps: curveSteps(r.group) })),
            {
              title: t('console.outcomes.curves.chart_title'),
              xTitle: t('console.outcomes.curves.x'),
              yTitle: t('console.outcomes.curves.y'),
              xFormat: (x) => format.decimal(Math.round(Number(x) * 10) / 10),
              yFormat: (y) => format.percent(y),
              yTickFormat: (y) => `${format.number(Math.round(y))}%`,
              detailHeader: t('console.outcomes.curves.detail'),
              tableLabel: t('console.outcomes.curves.table'),
              width: chartWidth(),
            },
          )
        : h('p', { class: 'empty' }, t('console.outcomes.curves.choose')),
    );
  };
  const chooser = h(
    'fieldset',
    { class: 'curve-choice', 'data-test': 'curve-choice' },
    h('legend', {}, t('console.outcomes.curves.groups')),
    withCurve.map((r) => {
      const id = `curve-${r.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      return h(
        'div',
        { class: 'field-checkbox' },
        h('input', {
          type: 'checkbox',
          id,
          checked: chosen.has(r.id),
          'data-curve-key': r.id,
          onchange: (event) => {
            if (event.target.checked) chosen.add(r.id);
            else chosen.delete(r.id);
            draw();
          },
        }),
        h('label', { for: id }, r.name),
      );
    }),
  );
  draw();
  return section(t('console.outcomes.curves.title'), h('p', { class: 'hint' }, t('console.outcomes.curves.hint')), chooser, slot);
}

function incomeSection(rows) {
  const shown = rows.filter((r) => r.group.income && !r.group.income.suppressed && Number(r.group.income.households || 0) > 0);
  if (!shown.length) return section(t('console.outcomes.income.title'), h('p', { class: 'empty' }, t('console.outcomes.income.none')));
  const range = (name, q) => ({ name, q1: Number(q.q1_vnd || 0), median: Number(q.median_vnd || 0), q3: Number(q.q3_vnd || 0) });
  return section(
    t('console.outcomes.income.title'),
    h('p', { class: 'hint' }, t('console.outcomes.income.hint')),
    rangeChart(
      shown.map((r) => ({
        label: t('console.outcomes.income.row', { name: r.name, households: String(r.group.income.households) }),
        ranges: [range(t('console.outcomes.income.before'), r.group.income.before || {}), range(t('console.outcomes.income.after'), r.group.income.after || {})],
      })),
      {
        title: t('console.outcomes.income.chart_title'),
        format: (v) => format.money(String(Math.round(v))),
        tableLabel: t('console.outcomes.income.table'),
        width: chartWidth() === 640 ? 560 : 360,
      },
    ),
  );
}

function choiceForm(ctx, current) {
  const by = h(
    'select',
    { id: 'outcomes-by', name: 'by' },
    DIMENSIONS.map((d) => h('option', { value: d.by, selected: d.by === current.by }, t(`console.outcomes.by.${d.by}`))),
  );
  const from = h('input', { id: 'outcomes-from', name: 'from', type: 'date', value: current.from, max: format.wardToday() });
  const to = h('input', { id: 'outcomes-to', name: 'to', type: 'date', value: current.to, max: format.wardToday() });
  const go = (choice) => {
    const query = new URLSearchParams({ by: choice.by });
    if (choice.from) query.set('from', choice.from);
    if (choice.to) query.set('to', choice.to);
    ctx.navigate(`#/ket-qua?${query}`);
  };
  const formEl = h(
    'form',
    {
      class: 'outcome-choice',
      'aria-label': t('console.outcomes.choice'),
      onsubmit: (event) => {
        event.preventDefault();
        go({ by: by.value, from: from.value, to: to.value });
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'outcomes-by' }, t('console.outcomes.by.label')), by),
    h('div', { class: 'field' }, h('label', { for: 'outcomes-from' }, t('console.outcomes.from')), from),
    h('div', { class: 'field' }, h('label', { for: 'outcomes-to' }, t('console.outcomes.to')), to),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'show-outcomes' }, t('console.outcomes.show'))),
  );
  const presets = h(
    'div',
    { class: 'quick-filters', role: 'group', 'aria-label': t('console.outcomes.presets') },
    h('button', { type: 'button', class: 'chip', 'data-test': 'period-resolution', onclick: () => go({ by: by.value, ...RESOLUTION_PERIOD }) }, t('console.outcomes.period.resolution')),
    h('button', { type: 'button', class: 'chip', 'data-test': 'period-all', onclick: () => go({ by: by.value, from: '', to: '' }) }, t('console.outcomes.period.all')),
  );
  echoDates(formEl);
  return h('div', { class: 'card' }, formEl, presets);
}

export async function render(root, ctx) {
  const params = ctx.params || {};
  const current = { by: dimensionOf(params.by).by, from: params.from || '', to: params.to || '' };
  const dimension = dimensionOf(current.by).value;
  const header = pageHeader(
    t('console.outcomes.title'),
    h('a', { class: 'button secondary', href: '#/bao-cao', 'data-test': 'to-reports' }, t('console.outcomes.to_reports')),
  );
  clear(root).append(header, choiceForm(ctx, current), loading());

  let answer;
  let names;
  try {
    [answer, names] = await Promise.all([
      call('Monitoring', 'GetOutcomes', { dimension, from: current.from, to: current.to }),
      directoryNames(),
    ]);
  } catch (err) {
    clear(root).append(header, choiceForm(ctx, current), pageError(err));
    return;
  }
  const groups = answer.groups || [];
  const rows = [
    { id: '__ward__', ward: true, name: t('console.outcomes.ward'), group: answer.ward || {} },
    ...groups.map((g) => ({ id: `g:${g.key}`, name: groupName(dimension, g.key, names), group: g })),
  ];
  const summary = h(
    'p',
    { class: 'subtitle', 'data-test': 'outcomes-summary' },
    t('console.outcomes.summary', {
      from: answer.from ? format.date(answer.from) : t('console.outcomes.beginning'),
      to: format.date(answer.to || answer.as_of),
      as_of: format.date(answer.as_of),
      groups: String(groups.length),
      households: String(answer.households_read || 0),
    }),
  );
  const legend = anySuppressed(rows.map((r) => r.group))
    ? h('p', { class: 'legend', id: LEGEND_ID, 'data-test': 'suppressed-legend' }, h('span', { class: 'suppressed' }, SUPPRESSED), ' ', t('console.outcomes.suppressed_why'))
    : h('p', { class: 'legend', id: LEGEND_ID, hidden: true }, t('console.outcomes.suppressed_why'));
  const panel = explanationPanel();
  const chosenKeys = defaultCurveKeys(rows.map((r) => ({ ...r.group, key: r.id })), 3);
  clear(root).append(
    header,
    choiceForm(ctx, current),
    summary,
    section(
      t('console.outcomes.groups', { by: t(`console.outcomes.by.${current.by}`) }),
      h('p', { class: 'legend' }, t('console.outcomes.interval_note')),
      legend,
      groups.length ? null : h('p', { class: 'empty', 'data-test': 'no-groups' }, t('console.outcomes.no_groups')),
      groupsTable(rows, dimension, panel),
      panel,
    ),
    curvesSection(rows, chosenKeys),
    incomeSection(rows),
  );
}
