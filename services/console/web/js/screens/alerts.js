// Cảnh báo (#/canh-bao): what needs someone's attention now
// (Monitoring.ListAlerts, recomputed on every call), grouped by the
// organization that should act, each with what to do and a link to where to
// do it. Staff see their own organization's; ward officers and auditors
// every organization's, or one they choose.

import { call } from '../api.js';
import { t, enumWord, text as localized } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, pageError, loading, pageHeader, section } from '../ui.js';
import { householdsFor, householdLabel, isAuditor, isStaff, isWardOfficer, organizationName, remembered, remember } from '../work.js';

const kindName = (kind) => String(kind || '').replace('KIND_', '');

// Where the alert is acted on.
function linkFor(alert, account) {
  const kind = kindName(alert.kind);
  if ((kind === 'REVIEW_DEADLINE_NEAR' || kind === 'REVIEW_DEADLINE_PASSED') && alert.reference_id && isWardOfficer(account)) {
    return { href: `#/ra-soat/${encodeURIComponent(alert.reference_id)}`, label: t('console.alerts.open_round') };
  }
  if (alert.household_id) {
    return { href: `#/ho-gia-dinh/${encodeURIComponent(alert.household_id)}`, label: t('console.alerts.open_household') };
  }
  return null;
}

export async function render(root, ctx) {
  const account = ctx.account;
  const header = pageHeader(t('console.alerts.title'));
  clear(root).append(header, loading());

  let organizations = [];
  try {
    organizations = (await call('Assignment', 'ListOrganizations', { include_inactive: true })).organizations || [];
  } catch (_) {
    // Organizations are then named by id.
  }
  const staff = isStaff(account);
  const chosen = staff ? account.organization_id : remembered('alerts.organization', '');

  let answer;
  try {
    answer = await call('Monitoring', 'ListAlerts', { organization_id: chosen });
  } catch (err) {
    clear(root).append(header, pageError(err));
    return;
  }
  const groups = answer.organizations || [];
  const all = groups.flatMap((g) => (g.alerts || []).map((alert) => ({ ...alert, group: g.organization_id })));
  // Households by name, except for auditors: every household an auditor's
  // screen names is a personal-data read in the audit log, and merely
  // looking at the alerts should not fill that log.
  const households = isAuditor(account)
    ? new Map()
    : await householdsFor(all.filter((a) => a.household_id).map((a) => ({ household_id: a.household_id })));

  const chooser = staff
    ? h('p', { class: 'lead' }, organizationName(organizations, chosen))
    : h(
        'div',
        { class: 'field organization-choice' },
        h('label', { for: 'alerts-organization' }, t('console.alerts.organization')),
        h(
          'select',
          {
            id: 'alerts-organization',
            onchange: (event) => {
              remember('alerts.organization', event.target.value);
              ctx.refresh ? ctx.refresh() : render(root, ctx);
            },
          },
          h('option', { value: '' }, t('console.alerts.all_organizations')),
          organizations.map((o) => h('option', { value: o.id, selected: o.id === chosen }, o.name)),
        ),
      );

  const summary = h(
    'p',
    { class: 'lead', 'data-test': 'alert-count' },
    all.length ? t('console.alerts.count', { count: all.length }) : t('console.alerts.none'),
  );

  const sections = groups
    .filter((g) => (g.alerts || []).length)
    .map((g) => {
      const title = g.organization_id ? organizationName(organizations, g.organization_id) : t('console.alerts.ward_level');
      return section(
        t('console.alerts.group_title', { name: title, count: g.alerts.length }),
        table({
          columns: [
            { header: t('console.alerts.column.kind'), value: (a) => enumWord('alert_kind', a.kind, 'KIND_') },
            {
              header: t('console.alerts.column.household'),
              value: (a) => (a.household_id ? householdLabel(households.get(a.household_id), a.household_id) : ''),
            },
            { header: t('console.alerts.column.alert'), value: (a) => localized(a.text, a.message) },
            { header: t('console.alerts.column.since'), value: (a) => t('console.alerts.since', { date: a.since, days: a.age_days || 0 }) },
            { header: t('console.alerts.column.todo'), value: (a) => t(`console.alerts.todo.${kindName(a.kind)}`) },
            {
              header: t('console.alerts.column.link'),
              noExport: true,
              value: () => '',
              cell: (a) => {
                const link = linkFor(a, account);
                return link ? h('a', { href: link.href }, link.label) : '';
              },
            },
          ],
          rows: g.alerts,
          rowAttrs: (a) => ({ 'data-alert-kind': kindName(a.kind), 'data-household-id': a.household_id || null }),
          exportName: `canh-bao-${g.organization_id || 'phuong'}-${format.wardToday()}`,
        }),
      );
    });

  clear(root).append(header, chooser, summary, ...sections);
}
