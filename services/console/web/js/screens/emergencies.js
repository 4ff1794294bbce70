// Thiên tai, dịch bệnh (#/thien-tai): the emergencies the ward declared
// (Assignment.ListEmergencies) with the households affected and relieved,
// and, for ward officers, the form that declares one (DeclareEmergency).
// An emergency's page (emergency.js) marks the households it struck and
// lists those not yet contacted.

import { call } from '../api.js';
import { t } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, form, notice, pageError, loading, pageHeader, section } from '../ui.js';
import { echoDates, enumChoices, isWardOfficer, noticeForNextPage, readable, takeNoticeForPage } from '../work.js';
import { emergencyFromForm } from '../case-operations.js';

export const EMERGENCY_KINDS = [
  'EMERGENCY_KIND_FLOOD', 'EMERGENCY_KIND_STORM', 'EMERGENCY_KIND_EPIDEMIC', 'EMERGENCY_KIND_LANDSLIDE',
  'EMERGENCY_KIND_DROUGHT', 'EMERGENCY_KIND_FIRE', 'EMERGENCY_KIND_OTHER',
];

export function emergencyPeriod(emergency) {
  if (!emergency.ended_on) return t('console.emergencies.ongoing_since', { date: emergency.began_on });
  return t('console.emergencies.period', { from: emergency.began_on, to: emergency.ended_on });
}

// The ward's residential groups the directory names (a hint for the forms).
export function knownGroups(organizations) {
  return [...new Set(organizations.flatMap((o) => o.residential_groups || []))].sort();
}

function declareForm(organizations, ctx, onCancel) {
  const groups = knownGroups(organizations);
  const built = form({
    className: 'emergency-form',
    fields: [
      {
        name: 'kind',
        id: 'emergency-kind',
        type: 'select',
        label: t('console.emergencies.form.kind'),
        required: true,
        options: [{ value: '', label: t('console.emergencies.form.choose_kind') }, ...enumChoices('emergency_kind', EMERGENCY_KINDS, 'EMERGENCY_KIND_')],
      },
      { name: 'name', id: 'emergency-name', label: t('console.emergencies.form.name'), required: true, hint: t('console.emergencies.form.name_hint') },
      { name: 'began_on', id: 'emergency-began', type: 'date', label: t('console.emergencies.form.began'), required: true, value: format.wardToday(), attrs: { max: format.wardToday() } },
      { name: 'ended_on', id: 'emergency-ended', type: 'date', label: t('console.emergencies.form.ended'), hint: t('console.emergencies.form.ended_hint'), attrs: { max: format.wardToday() } },
      {
        name: 'residential_groups',
        id: 'emergency-groups',
        label: t('console.emergencies.form.groups'),
        required: true,
        hint: groups.length ? t('console.emergencies.form.groups_hint', { groups: groups.join(', ') }) : t('console.models.form.groups_hint'),
      },
      { name: 'description', id: 'emergency-description', type: 'textarea', label: t('console.emergencies.form.description'), hint: t('console.emergencies.form.description_hint') },
      { name: 'reason', id: 'emergency-reason', label: t('console.emergencies.form.reason'), required: true, hint: t('console.emergencies.form.reason_hint') },
    ],
    submitLabel: t('console.emergencies.form.declare'),
    submitTest: 'declare-emergency',
    onCancel,
    onSubmit: async (values) => {
      const answer = await call('Assignment', 'DeclareEmergency', { emergency: emergencyFromForm(values), reason: values.reason });
      noticeForNextPage(t('console.emergencies.declared', { name: answer.emergency.name, id: answer.emergency.emergency_id }));
      ctx.navigate(`#/thien-tai/${encodeURIComponent(answer.emergency.emergency_id)}`);
    },
  });
  echoDates(built);
  return built;
}

export async function render(root, ctx) {
  const account = ctx.account;
  const officer = isWardOfficer(account);
  const header = pageHeader(t('console.emergencies.title'));
  clear(root).append(header, loading());

  let organizations;
  let emergencies;
  try {
    const [orgs, listed] = await Promise.all([
      call('Assignment', 'ListOrganizations', { include_inactive: true }),
      call('Assignment', 'ListEmergencies', {}),
    ]);
    organizations = orgs.organizations || [];
    emergencies = listed.emergencies || [];
  } catch (err) {
    clear(root).append(header, pageError(err));
    return;
  }

  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const carried = takeNoticeForPage();
  if (carried) messages.append(notice(carried));
  const formSlot = h('div', { class: 'case-form-slot' });
  if (officer) {
    header.querySelector('.actions').append(
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-test': 'new-emergency',
          onclick: () => {
            clear(formSlot).append(section(t('console.emergencies.new'), declareForm(organizations, ctx, () => clear(formSlot))));
            formSlot.querySelector('#emergency-kind').focus();
          },
        },
        t('console.emergencies.new'),
      ),
    );
  }

  const list = table({
    exportName: `thien-tai-dich-benh-${format.wardToday()}`,
    rows: emergencies,
    rowAttrs: (s) => ({ 'data-emergency-id': s.emergency.emergency_id }),
    empty: t('console.emergencies.empty'),
    columns: [
      {
        header: t('console.emergencies.col.name'),
        value: (s) => s.emergency.name,
        cell: (s) => h('a', { href: `#/thien-tai/${encodeURIComponent(s.emergency.emergency_id)}`, 'data-test': 'open-emergency' }, s.emergency.name),
      },
      { header: t('console.emergencies.col.kind'), value: (s) => readable('emergency_kind', s.emergency.kind, 'EMERGENCY_KIND_') },
      { header: t('console.emergencies.col.period'), value: (s) => emergencyPeriod(s.emergency) },
      { header: t('console.emergencies.col.groups'), value: (s) => (s.emergency.residential_groups || []).join(', ') },
      { header: t('console.emergencies.col.affected'), value: (s) => format.number(s.households_affected || 0), class: 'number' },
      { header: t('console.emergencies.col.relieved'), value: (s) => format.number(s.households_relieved || 0), class: 'number' },
    ],
  });

  clear(root).append(header, h('p', { class: 'lead' }, officer ? t('console.emergencies.lead_officer') : t('console.emergencies.lead_staff')), messages, formSlot, list);
}
