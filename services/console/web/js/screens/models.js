// Mô hình sinh kế (#/mo-hinh-sinh-ke): the ward's livelihood models
// (Assignment.ListLivelihoodModels) with the households that joined and
// take part, and the form that creates one. Ward officers see and run every
// model; staff see and create their organization's. A model's page
// (model.js) changes it and joins households to it.

import { call } from '../api.js';
import { t } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, notice, pageError, loading, pageHeader, section } from '../ui.js';
import { isStaff, isWardOfficer, organizationName, readable, noticeForNextPage, takeNoticeForPage } from '../work.js';
import { modelForm } from '../model-form.js';

export function modelPeriod(model) {
  if (!model.ended_on) return t('console.models.running_since', { date: model.started_on });
  return t('console.models.period', { from: model.started_on, to: model.ended_on });
}

export function modelGroups(model) {
  return (model.residential_groups || []).length ? model.residential_groups.join(', ') : t('console.models.whole_ward');
}

export async function render(root, ctx) {
  const account = ctx.account;
  const staff = isStaff(account);
  const mayCreate = isWardOfficer(account) || staff;
  const header = pageHeader(t('console.models.title'));
  clear(root).append(header, loading());

  const includeEnded = ctx.params.ended === '1';
  let organizations;
  let models;
  try {
    const [orgs, listed] = await Promise.all([
      call('Assignment', 'ListOrganizations', { include_inactive: true }),
      call('Assignment', 'ListLivelihoodModels', { organization_id: staff ? account.organization_id : '', include_ended: includeEnded }),
    ]);
    organizations = orgs.organizations || [];
    models = listed.models || [];
  } catch (err) {
    clear(root).append(header, pageError(err));
    return;
  }

  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const carried = takeNoticeForPage();
  if (carried) messages.append(notice(carried));
  const formSlot = h('div', { class: 'case-form-slot' });
  const openForm = () => {
    clear(formSlot).append(
      section(
        t('console.models.new'),
        modelForm({
          account,
          organizations,
          existing: null,
          onCancel: () => clear(formSlot),
          onSaved: (answer) => {
            noticeForNextPage(t('console.models.created', { name: answer.model.name }));
            ctx.navigate(`#/mo-hinh-sinh-ke/${encodeURIComponent(answer.model.model_id)}`);
          },
        }),
      ),
    );
    formSlot.querySelector('#model-name').focus();
  };
  if (mayCreate) {
    header.querySelector('.actions').append(
      h('button', { type: 'button', class: 'primary', 'data-test': 'new-model', onclick: openForm }, t('console.models.new')),
    );
  }

  const endedToggle = h(
    'div',
    { class: 'field-checkbox' },
    h('input', {
      type: 'checkbox',
      id: 'models-ended',
      checked: includeEnded,
      onchange: (event) => ctx.navigate(event.target.checked ? '#/mo-hinh-sinh-ke?ended=1' : '#/mo-hinh-sinh-ke'),
    }),
    h('label', { for: 'models-ended' }, t('console.models.include_ended')),
  );

  const list = table({
    exportName: `mo-hinh-sinh-ke-${format.wardToday()}`,
    rows: models,
    rowAttrs: (s) => ({ 'data-model-id': s.model.model_id }),
    empty: t('console.models.empty'),
    columns: [
      {
        header: t('console.models.col.name'),
        value: (s) => s.model.name,
        cell: (s) => h('a', { href: `#/mo-hinh-sinh-ke/${encodeURIComponent(s.model.model_id)}`, 'data-test': 'open-model' }, s.model.name),
      },
      { header: t('console.models.col.kind'), value: (s) => readable('livelihood_kind', s.model.kind, 'LIVELIHOOD_MODEL_KIND_') },
      { header: t('console.models.col.organization'), value: (s) => organizationName(organizations, s.model.organization_id) },
      { header: t('console.models.col.period'), value: (s) => modelPeriod(s.model) },
      {
        header: t('console.models.col.resources'),
        value: (s) => [Number(s.model.resources_vnd || 0) ? format.money(s.model.resources_vnd) : '', s.model.resources_description].filter(Boolean).join('; '),
      },
      { header: t('console.models.col.groups'), value: (s) => modelGroups(s.model) },
      { header: t('console.models.col.joined'), value: (s) => format.number(s.households_joined || 0), class: 'number' },
      { header: t('console.models.col.taking_part'), value: (s) => format.number(s.households_taking_part || 0), class: 'number' },
    ],
  });

  clear(root).append(
    header,
    h('p', { class: 'lead' }, staff ? t('console.models.lead_staff', { organization: organizationName(organizations, account.organization_id) }) : t('console.models.lead')),
    messages,
    formSlot,
    endedToggle,
    list,
  );
}
