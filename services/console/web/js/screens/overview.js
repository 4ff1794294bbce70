// Tổng quan: the ward's figures against the resolution's targets, the trend
// of poor households since 2016, one line per residential group, and the
// open alerts (Monitoring.GetDashboard, GetScorecard, ListAlerts).

import * as api from '../api.js';
import { t, text } from '../i18n.js';
import * as format from '../format.js';
import { settle, shortEnum } from '../data.js';
import { h, lineChart, pageError, pageHeader, section, sectionError, table } from '../ui.js';

// Which figure of WardFigures each target measures (TargetDefinition.Measure).
const MEASURED_FIGURE = {
  MEASURE_POOR_WITHOUT_LABOUR_CAPACITY_RATE: 'poor_without_labour_capacity',
  MEASURE_NEAR_POOR_RATE: 'near_poor',
  MEASURE_LOAN_COVERAGE: 'loans_for_loan_needs',
  MEASURE_TRAINING_COVERAGE: 'training_for_training_needs',
  MEASURE_FOLLOWED_AND_HELPED: 'with_helper',
};

// The figures shown as cards, in this order.
const CARDS = [
  { figure: 'poor', label: 'console.overview.poor_rate' },
  { figure: 'near_poor', label: 'console.overview.near_poor_rate' },
  { figure: 'poor_without_labour_capacity', label: 'console.overview.poor_without_labour' },
  { figure: 'with_responsible_organization', label: 'console.overview.with_organization' },
  { figure: 'with_helper', label: 'console.overview.with_helper' },
  { figure: 'visited_last_90_days', label: 'console.overview.visited_90_days' },
];

function share(figure) {
  if (!figure) return '';
  return figure.percent === undefined || figure.percent === null ? '—' : format.percent(figure.percent);
}

function shareDetail(figure) {
  if (!figure) return '';
  return t('console.overview.count_of_total', { count: String(figure.count || 0), total: String(figure.total || 0) });
}

function statusBadge(status) {
  const name = shortEnum(status, 'STATUS_');
  const cls = name === 'MET' ? 'met' : name === 'NOT_MET' ? 'missed' : 'unknown';
  return h('span', { class: `badge ${cls}` }, t(`console.overview.status.${name || 'UNKNOWN'}`));
}

function targetWords(line) {
  const measure = shortEnum(line.target.measure, 'MEASURE_');
  return t(`target.${measure}`);
}

function figureCards(figures, lines) {
  return h(
    'div',
    { class: 'grid figures', 'data-test': 'figures' },
    CARDS.map((card) => {
      const figure = figures[card.figure];
      const line = lines.find((l) => MEASURED_FIGURE[l.target.measure] === card.figure);
      return h(
        'div',
        { class: 'figure', 'data-figure': card.figure },
        h('div', { class: 'label' }, t(card.label)),
        h('div', { class: 'value' }, share(figure)),
        h('div', { class: 'detail' }, shareDetail(figure)),
        line
          ? h(
              'div',
              { class: 'target' },
              statusBadge(line.status),
              ' ',
              line.threshold_percent === undefined || line.threshold_percent === null
                ? t('console.overview.target_external', { clause: line.target.clause, comparison: shortEnum(line.target.comparison, 'COMPARISON_') })
                : t('console.overview.target_line', {
                    comparison: shortEnum(line.target.comparison, 'COMPARISON_'),
                    threshold: String(line.threshold_percent),
                    clause: line.target.clause,
                  }),
            )
          : h('div', { class: 'target' }, t('console.overview.no_target')),
      );
    }),
  );
}

function scorecardTable(scorecard) {
  return table({
    exportName: `chi-tieu-${scorecard.review_year}`,
    pageSize: 50,
    columns: [
      { header: t('console.overview.col.clause'), value: (l) => l.target.clause },
      { header: t('console.overview.col.target'), value: targetWords },
      { header: t('console.overview.col.figure'), value: (l) => share(l.figure), class: 'number' },
      { header: t('console.overview.col.threshold'), value: (l) => (l.threshold_percent === undefined ? '—' : `${format.decimal(l.threshold_percent)}%`), class: 'number' },
      { header: t('console.overview.col.due'), value: (l) => String(l.target.due_year || '') },
      {
        header: t('console.overview.col.status'),
        value: (l) => t(`console.overview.status.${shortEnum(l.status, 'STATUS_') || 'UNKNOWN'}`),
        cell: (l) => statusBadge(l.status),
      },
      { header: t('console.overview.col.explanation'), value: (l) => text(l.explanation_text, l.explanation) },
    ],
    rows: scorecard.lines || [],
  });
}

function trendChart(trend) {
  const points = [...trend].sort((a, b) => a.review_year - b.review_year);
  const series = [
    {
      label: t('console.overview.trend.poor_rate'),
      points: points.map((p) => ({ x: String(p.review_year), y: Number(p.poor_rate_percent) })),
    },
  ];
  const nearPoor = points.filter((p) => p.near_poor_rate_percent !== undefined && p.near_poor_rate_percent !== null);
  if (nearPoor.length) {
    series.push({
      label: t('console.overview.trend.near_poor_rate'),
      points: nearPoor.map((p) => ({ x: String(p.review_year), y: Number(p.near_poor_rate_percent) })),
    });
  }
  const chart = lineChart(series, { title: t('console.overview.trend.title'), yFormat: (y) => format.percent(y) });
  const details = table({
    exportName: 'xu-huong-ho-ngheo',
    pageSize: 50,
    columns: [
      { header: t('console.overview.col.review_year'), value: (p) => String(p.review_year) },
      { header: t('console.overview.col.list_year'), value: (p) => String(p.list_year || '') },
      { header: t('console.overview.col.poor'), value: (p) => format.number(p.poor_households), class: 'number' },
      { header: t('console.overview.col.poor_rate'), value: (p) => format.percent(p.poor_rate_percent), class: 'number' },
      {
        header: t('console.overview.col.near_poor_rate'),
        value: (p) => (p.near_poor_rate_percent === undefined || p.near_poor_rate_percent === null ? '' : format.percent(p.near_poor_rate_percent)),
        class: 'number',
      },
      { header: t('console.overview.col.source'), value: (p) => t(`trend_source.${shortEnum(p.source, 'SOURCE_')}`) },
      { header: t('console.overview.col.note'), value: (p) => p.note || '' },
    ],
    rows: points,
  });
  return h('div', {}, chart, h('details', { class: 'trend-details' }, h('summary', {}, t('console.overview.trend.table')), details));
}

function groupsTable(groups) {
  const rows = [...groups].sort((a, b) => String(a.residential_group).localeCompare(String(b.residential_group)));
  const shareColumn = (header, field) => ({ header, value: (g) => shareText(g[field]), class: 'number' });
  return table({
    exportName: 'so-lieu-to-dan-pho',
    pageSize: 50,
    columns: [
      {
        header: t('console.overview.col.group'),
        value: (g) => g.residential_group,
        cell: (g) => h('a', { href: `#/ho-gia-dinh?group=${encodeURIComponent(g.residential_group)}` }, g.residential_group),
      },
      { header: t('console.overview.col.households'), value: (g) => format.number(g.households), class: 'number' },
      shareColumn(t('console.overview.col.poor'), 'poor'),
      shareColumn(t('console.overview.col.near_poor'), 'near_poor'),
      shareColumn(t('console.overview.col.poor_without_labour'), 'poor_without_labour_capacity'),
      shareColumn(t('console.overview.col.with_organization'), 'with_responsible_organization'),
      shareColumn(t('console.overview.col.with_helper'), 'with_helper'),
      shareColumn(t('console.overview.col.visited_90_days'), 'visited_last_90_days'),
    ],
    rows,
    rowAttrs: (g) => ({ 'data-group': g.residential_group }),
  });
}

// "82 (4,10%)"
function shareText(figure) {
  if (!figure) return '';
  const count = format.number(figure.count || 0);
  return figure.percent === undefined || figure.percent === null ? count : `${count} (${format.percent(figure.percent)})`;
}

function alertsList(organizations) {
  const alerts = organizations.flatMap((o) => (o.alerts || []).map((a) => ({ ...a, organization_id: a.organization_id || o.organization_id })));
  if (!alerts.length) return h('p', { class: 'empty' }, t('console.overview.no_alerts'));
  alerts.sort((a, b) => (b.age_days || 0) - (a.age_days || 0));
  const shown = alerts.slice(0, 10);
  return h(
    'div',
    {},
    h(
      'ul',
      { class: 'alert-list' },
      shown.map((a) =>
        h(
          'li',
          { 'data-alert-kind': a.kind },
          h('span', { class: 'badge unknown' }, t(`alert_kind.${shortEnum(a.kind, 'KIND_')}`)),
          ' ',
          a.household_id ? h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(a.household_id)}` }, text(a.text, a.message)) : text(a.text, a.message),
        ),
      ),
    ),
    h('p', {}, h('a', { href: '#/canh-bao', 'data-test': 'all-alerts' }, t('console.overview.all_alerts', { count: String(alerts.length) }))),
  );
}

// The review years the system holds figures for (the trend's own points;
// the years before it are official counts without the other figures).
function yearChoice(trend, shown, ctx) {
  const years = trend.filter((p) => /SYSTEM$/.test(p.source)).map((p) => p.review_year).sort((a, b) => b - a);
  if (years.length < 2) return h('div', { hidden: true });
  const select = h(
    'select',
    { id: 'overview-year', name: 'year' },
    years.map((y) => h('option', { value: String(y), selected: y === shown }, t('console.overview.year_option', { year: String(y), list_year: String(y + 1) }))),
  );
  select.addEventListener('change', () => ctx.navigate(`#/tong-quan?year=${encodeURIComponent(select.value)}`));
  return h('div', { class: 'field year-choice' }, h('label', { for: 'overview-year' }, t('console.overview.year')), select);
}

export async function render(root, ctx) {
  root.appendChild(pageHeader(t('console.overview.title')));
  const loading = h('p', { class: 'loading', role: 'status' }, t('console.loading'));
  root.appendChild(loading);
  const year = Number(ctx.params.year || 0);
  const [dashboard, scorecard, alerts] = await Promise.all([
    settle(api.call('Monitoring', 'GetDashboard', { review_year: year })),
    settle(api.call('Monitoring', 'GetScorecard', { review_year: year })),
    settle(api.call('Monitoring', 'ListAlerts', {})),
  ]);
  loading.remove();
  if (dashboard.error) {
    root.appendChild(pageError(dashboard.error));
    return;
  }
  const figures = dashboard.value.figures || {};
  const lines = scorecard.value && scorecard.value.scorecard ? scorecard.value.scorecard.lines || [] : [];
  root.querySelector('.page-header').appendChild(
    h(
      'p',
      { class: 'subtitle' },
      t('console.overview.subtitle', {
        year: String(figures.review_year || ''),
        list_year: String(figures.list_year || ''),
        as_of: figures.as_of || '',
        households: String(figures.households || 0),
      }),
    ),
  );
  root.appendChild(yearChoice(dashboard.value.trend || [], figures.review_year, ctx));
  root.appendChild(figureCards(figures, lines));
  root.appendChild(
    section(
      t('console.overview.targets'),
      scorecard.error ? sectionError(scorecard.error) : scorecardTable(scorecard.value.scorecard || { lines: [] }),
    ),
  );
  root.appendChild(section(t('console.overview.trend.heading'), trendChart(dashboard.value.trend || [])));
  root.appendChild(section(t('console.overview.groups'), groupsTable(dashboard.value.groups || [])));
  root.appendChild(
    section(t('console.overview.alerts'), alerts.error ? sectionError(alerts.error) : alertsList(alerts.value.organizations || [])),
  );
}
