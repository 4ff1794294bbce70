// One case (#/ho-so/<case_id>): the household, its state, organization and
// helper, its needs, the support it received, its visits and its history;
// and the forms staff use on it: record a visit (made for a phone), a need,
// support delivered, assign the helper, ask another organization to take the
// case over or answer such a request. Forms are offered only to those who
// may act; whatever the service still refuses is shown next to the field.

import { call } from '../api.js';
import { t, enumWord } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, form, notice, pageError, loading, pageHeader, section, facts } from '../ui.js';
import {
  householdsFor, headName, isStaff, organizationName, helperName, enumChoices, parseDong,
  routeTail, noticeForNextPage, NEED_TYPES, SUPPORT_TYPES, CREDIT_PROGRAMMES, OBSERVED_CHANGES,
  echoDates,
  readable,
} from '../work.js';
import { casePermissions } from '../caseload.js';
import { settle } from '../data.js';

function needLabel(need) {
  const type = readable('need_type', need.type, 'NEED_TYPE_');
  return need.description ? `${need.need_id} · ${type}: ${need.description}` : `${need.need_id} · ${type}`;
}

// Who did something: a person by name; the services acting on an official
// event as "hệ thống" (their names are program names, not people's).
function actorName(actor) {
  if (!actor) return '';
  if (actor.role === 'ROLE_SERVICE' || !actor.name) return enumWord('role', actor.role || 'ROLE_SERVICE', 'ROLE_');
  return actor.name;
}

export async function render(root, ctx) {
  const caseId = routeTail(ctx);
  const back = h('a', { href: '#/ho-so', class: 'back-link', 'data-test': 'back-to-cases' }, t('console.case.back'));
  clear(root).append(back, pageHeader(t('console.case.title', { case: caseId })), loading());

  let aCase;
  let organizations;
  try {
    [aCase, organizations] = await Promise.all([
      call('Assignment', 'GetCase', { case_id: caseId }),
      call('Assignment', 'ListOrganizations', { include_inactive: true }).then((r) => r.organizations || []),
    ]);
  } catch (err) {
    clear(root).append(back, pageHeader(t('console.case.title', { case: caseId })), pageError(err));
    return;
  }
  let helpers = [];
  try {
    helpers = (await call('Assignment', 'ListHelpers', { organization_id: aCase.organization_id, include_inactive: true })).helpers || [];
  } catch (_) {
    // Helpers are then shown by id.
  }
  // The names of the models it joined and the emergencies that struck it
  // (support may name one of each); ids when the lists cannot be read.
  const [modelList, emergencyList] = await Promise.all([
    (aCase.participations || []).length ? settle(call('Assignment', 'ListLivelihoodModels', { include_ended: true })) : { value: {} },
    (aCase.emergency_marks || []).length ? settle(call('Assignment', 'ListEmergencies', {})) : { value: {} },
  ]);
  const modelNames = new Map(((modelList.value && modelList.value.models) || []).map((m) => [m.model.model_id, m.model.name]));
  const emergencyNames = new Map(((emergencyList.value && emergencyList.value.emergencies) || []).map((e) => [e.emergency.emergency_id, e.emergency.name]));
  const modelName = (id) => modelNames.get(id) || id;
  const emergencyName = (id) => emergencyNames.get(id) || id;
  const households = await householdsFor([{ household_id: aCase.household_id, residential_group: aCase.residential_group }]);
  const household = households.get(aCase.household_id);
  const may = casePermissions(ctx.account, aCase);
  const name = headName(household) || aCase.household_id;

  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const formSlot = h('div', { class: 'case-form-slot' });

  // After a change: show the case again with the message on top.
  async function changed(message) {
    await render(root, ctx);
    const slot = root.querySelector('.messages');
    if (slot) slot.append(notice(message));
  }

  function openForm(build) {
    clear(formSlot).append(build());
    echoDates(formSlot);
    const first = formSlot.querySelector('input, select, textarea');
    if (first) first.focus();
    formSlot.scrollIntoView({ block: 'start' });
  }

  const closeForm = () => clear(formSlot);

  // ---------- summary ----------
  const transfer = aCase.pending_transfer;
  const summary = facts([
    [t('console.case.field.head'), name],
    [t('console.case.field.code'), household ? household.code : ''],
    [t('console.case.field.address'), household ? household.address : ''],
    [t('console.case.field.group'), aCase.residential_group],
    [t('console.case.field.category'), enumWord('category', aCase.category, 'POVERTY_CATEGORY_')],
    [t('console.case.field.state'), enumWord('case_state_words', aCase.state, 'CASE_STATE_')],
    [t('console.case.field.organization'), organizationName(organizations, aCase.organization_id)],
    [t('console.case.field.helper'), aCase.helper_id ? helperName(helpers, aCase.helper_id) : t('console.cases.no_helper')],
    [t('console.case.field.opened_on'), format.date(aCase.opened_on)],
    [t('console.case.field.reopened_on'), format.date(aCase.reopened_on)],
    [t('console.case.field.follow_up'), aCase.follow_up_until ? t('console.case.follow_up_range', { from: aCase.follow_up_started_on, until: aCase.follow_up_until }) : ''],
    [t('console.case.field.closed_on'), format.date(aCase.closed_on)],
    [
      t('console.case.field.models'),
      (aCase.participations || [])
        .map((p) => t(p.left_on ? 'console.case.model_left' : 'console.case.model_joined', { name: modelName(p.model_id), from: p.joined_on, to: p.left_on || '' }))
        .join('; '),
    ],
    [
      t('console.case.field.emergencies'),
      (aCase.emergency_marks || []).map((m) => t('console.case.emergency_mark', { name: emergencyName(m.emergency_id), date: m.affected_on })).join('; '),
    ],
    [t('console.case.field.assignment_reason'), aCase.assignment_reason],
    [t('console.case.field.case_id'), aCase.case_id],
  ]);
  const householdLink = h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(aCase.household_id)}` }, t('console.case.household_link'));

  const transferBox = transfer
    ? h(
        'div',
        { class: 'transfer-pending', role: 'note' },
        t('console.case.transfer.pending', {
          from: organizationName(organizations, transfer.from_organization_id),
          to: organizationName(organizations, transfer.to_organization_id),
          by: actorName(transfer.requested_by),
          at: format.dateTime(transfer.requested_at),
          reason: transfer.reason,
        }),
      )
    : null;

  // ---------- actions ----------
  const actions = [];
  if (may.act) {
    actions.push(
      h('button', { type: 'button', class: 'primary', 'data-test': 'record-visit', onclick: () => openForm(visitForm) }, t('console.case.action.visit')),
      h('button', { type: 'button', 'data-test': 'record-need', onclick: () => openForm(needForm) }, t('console.case.action.need')),
      h('button', { type: 'button', 'data-test': 'record-support', onclick: () => openForm(supportForm) }, t('console.case.action.support')),
      h('button', { type: 'button', 'data-test': 'assign-helper', onclick: () => openForm(assignForm) }, t('console.case.action.assign')),
    );
  }
  if (may.requestTransfer) {
    actions.push(h('button', { type: 'button', 'data-test': 'request-transfer', onclick: () => openForm(transferForm) }, t('console.case.action.transfer')));
  }
  if (may.answerTransfer) {
    actions.push(h('button', { type: 'button', class: 'primary', 'data-test': 'answer-transfer', onclick: () => openForm(answerForm) }, t('console.case.action.answer')));
  }

  // ---------- forms ----------
  const activeHelpers = helpers.filter((x) => x.active && x.organization_id === aCase.organization_id);

  function visitForm() {
    return section(
      t('console.case.visit.title'),
      form({
        fields: [
          { name: 'visited_on', id: 'visit-date', type: 'date', label: t('console.case.visit.date'), value: format.wardToday(), required: true, attrs: { max: format.wardToday() } },
          {
            name: 'helper_id',
            id: 'visit-helper',
            type: 'select',
            label: t('console.case.visit.helper'),
            value: '',
            options: [
              { value: '', label: aCase.helper_id ? t('console.case.visit.case_helper', { name: helperName(helpers, aCase.helper_id) }) : t('console.case.visit.someone_else') },
              ...activeHelpers.filter((x) => x.id !== aCase.helper_id).map((x) => ({ value: x.id, label: format.personName(x.full_name) })),
            ],
          },
          {
            name: 'observed_change',
            id: 'visit-change',
            type: 'select',
            label: t('console.case.visit.change'),
            value: 'OBSERVED_CHANGE_NO_CHANGE',
            options: enumChoices('observed_change', OBSERVED_CHANGES, 'OBSERVED_CHANGE_'),
          },
          { name: 'notes', id: 'visit-note', type: 'textarea', rows: 5, label: t('console.case.visit.notes'), hint: t('console.case.visit.notes_hint'), required: true },
          { name: 'next_step', id: 'visit-next', type: 'text', label: t('console.case.visit.next_step'), paths: ['next_step'] },
          { name: 'reason', id: 'visit-reason', type: 'text', label: t('console.case.visit.reason'), value: t('console.case.visit.default_reason'), required: true },
        ],
        submitLabel: t('console.case.visit.save'),
        submitTest: 'save-visit',
        onCancel: closeForm,
        onSubmit: async (v) => {
          // The next step is part of what the helper wrote: kept in the notes.
          const notes = v.next_step.trim() ? `${v.notes.trim()}\n${t('console.case.visit.next_step_prefix')} ${v.next_step.trim()}` : v.notes.trim();
          await call('Assignment', 'RecordVisit', {
            case_id: aCase.case_id,
            visited_on: v.visited_on,
            helper_id: v.helper_id,
            notes,
            observed_change: v.observed_change,
            reason: v.reason.trim(),
          });
          await changed(t('console.case.visit.saved', { date: v.visited_on }));
        },
      }),
    );
  }

  function needForm() {
    return section(
      t('console.case.need.title'),
      form({
        fields: [
          { name: 'type', id: 'need-type', type: 'select', label: t('console.case.need.type'), options: enumChoices('need_type', NEED_TYPES, 'NEED_TYPE_'), required: true },
          { name: 'description', id: 'need-description', type: 'textarea', label: t('console.case.need.description'), hint: t('console.case.need.description_hint') },
          { name: 'reason', id: 'need-reason', type: 'text', label: t('console.case.need.reason'), value: t('console.case.need.default_reason'), required: true },
        ],
        submitLabel: t('console.case.need.save'),
        submitTest: 'save-need',
        onCancel: closeForm,
        onSubmit: async (v) => {
          const answer = await call('Assignment', 'RecordNeed', {
            case_id: aCase.case_id,
            type: v.type,
            description: v.description.trim(),
            reason: v.reason.trim(),
          });
          await changed(t('console.case.need.saved', { need: answer.need ? needLabel(answer.need) : '' }));
        },
      }),
    );
  }

  function supportForm() {
    const openNeeds = (aCase.needs || []).filter((n) => n.status === 'NEED_STATUS_OPEN');
    // Support can name a model the household takes part in, and emergency
    // relief the emergency that struck it (the service checks the days).
    const joinedModels = [...new Set((aCase.participations || []).map((p) => p.model_id))];
    const struckBy = [...new Set((aCase.emergency_marks || []).map((m) => m.emergency_id))];
    const built = form({
      fields: [
        { name: 'type', id: 'support-type', type: 'select', label: t('console.case.support.type'), options: enumChoices('support_type', SUPPORT_TYPES, 'SUPPORT_TYPE_'), required: true },
        { name: 'amount', id: 'support-amount', type: 'text', label: t('console.case.support.amount'), hint: t('console.case.support.amount_hint'), paths: ['amount_vnd'], attrs: { inputmode: 'numeric', autocomplete: 'off' } },
        { name: 'delivered_on', id: 'support-date', type: 'date', label: t('console.case.support.date'), value: format.wardToday(), required: true, attrs: { max: format.wardToday() } },
        { name: 'provider', id: 'support-provider', type: 'text', label: t('console.case.support.provider'), hint: t('console.case.support.provider_hint'), required: true },
        {
          name: 'credit_programme',
          id: 'support-programme',
          type: 'select',
          label: t('console.case.support.programme'),
          hint: t('console.case.support.programme_hint'),
          options: [{ value: '', label: t('console.case.support.programme_none') }, ...enumChoices('credit_programme', CREDIT_PROGRAMMES, 'CREDIT_PROGRAMME_')],
        },
        { name: 'savings_group', id: 'support-savings-group', type: 'text', label: t('console.case.support.savings_group'), hint: t('console.case.support.savings_group_hint') },
        {
          name: 'savings_group_organization_id',
          id: 'support-savings-organization',
          type: 'select',
          label: t('console.case.support.savings_organization'),
          options: [{ value: '', label: t('console.case.support.none') }, ...organizations.filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }))],
        },
        { name: 'state_share_percent', id: 'support-state-share', type: 'number', label: t('console.case.support.state_share'), hint: t('console.case.support.state_share_hint'), attrs: { min: 0, max: 100, inputmode: 'numeric' } },
        {
          name: 'need_id',
          id: 'support-need',
          type: 'select',
          label: t('console.case.support.need'),
          options: [{ value: '', label: t('console.case.support.none') }, ...openNeeds.map((n) => ({ value: n.need_id, label: needLabel(n) }))],
        },
        { name: 'marks_need_met', id: 'support-marks-met', type: 'checkbox', label: t('console.case.support.marks_met') },
        {
          name: 'livelihood_model_id',
          id: 'support-model',
          type: 'select',
          label: t('console.case.support.model'),
          hint: t('console.case.support.model_hint'),
          options: [{ value: '', label: t('console.case.support.none') }, ...joinedModels.map((id) => ({ value: id, label: modelName(id) }))],
        },
        {
          name: 'emergency_id',
          id: 'support-emergency',
          type: 'select',
          label: t('console.case.support.emergency'),
          hint: t('console.case.support.emergency_hint'),
          options: [{ value: '', label: t('console.case.support.none') }, ...struckBy.map((id) => ({ value: id, label: emergencyName(id) }))],
        },
        { name: 'description', id: 'support-description', type: 'textarea', label: t('console.case.support.description'), hint: t('console.case.support.description_hint') },
        { name: 'reason', id: 'support-reason', type: 'text', label: t('console.case.support.reason'), value: t('console.case.support.default_reason'), required: true },
      ],
      submitLabel: t('console.case.support.save'),
      submitTest: 'save-support',
      onCancel: closeForm,
      onSubmit: async (v, api) => {
        const request = {
          case_id: aCase.case_id,
          type: v.type,
          provider: v.provider.trim(),
          delivered_on: v.delivered_on,
          need_id: v.need_id,
          marks_need_met: Boolean(v.need_id) && v.marks_need_met,
          description: v.description.trim(),
          reason: v.reason.trim(),
        };
        if (v.amount.trim()) {
          const amount = parseDong(v.amount);
          if (amount === null) {
            throw { message: t('console.case.support.invalid'), violations: [{ field: 'amount_vnd', description: t('console.case.support.amount_invalid') }] };
          }
          request.amount_vnd = amount;
        }
        // The fields of another type, hidden when the type changed, are not sent.
        if (v.type === 'SUPPORT_TYPE_POLICY_CREDIT') {
          if (v.credit_programme) request.credit_programme = v.credit_programme;
          if (v.savings_group.trim()) request.savings_group = v.savings_group.trim();
          if (v.savings_group_organization_id) request.savings_group_organization_id = v.savings_group_organization_id;
        }
        if (v.type === 'SUPPORT_TYPE_HEALTH_INSURANCE_CARD' && v.state_share_percent !== '') {
          request.state_share_percent = Number(v.state_share_percent);
        }
        if (v.livelihood_model_id) request.livelihood_model_id = v.livelihood_model_id;
        if (v.type === 'SUPPORT_TYPE_EMERGENCY_RELIEF' && v.emergency_id) request.emergency_id = v.emergency_id;
        const answer = await call('Assignment', 'RecordSupport', request);
        const support = answer.support || {};
        await changed(
          t('console.case.support.saved', {
            type: readable('support_type', support.type || v.type, 'SUPPORT_TYPE_'),
            amount: support.amount_vnd || '0',
          }),
        );
        api.clearErrors();
      },
    });
    // Show the fields of the chosen type only (programme and savings group
    // for a policy loan, the state's share for a health-insurance card).
    const typeSelect = built.querySelector('#support-type');
    const toggle = () => {
      const type = typeSelect.value;
      const show = (id, visible) => {
        const field = built.querySelector(`#${id}`);
        if (field && field.closest('.field')) field.closest('.field').hidden = !visible;
      };
      const credit = type === 'SUPPORT_TYPE_POLICY_CREDIT';
      show('support-programme', credit);
      show('support-savings-group', credit);
      show('support-savings-organization', credit);
      show('support-state-share', type === 'SUPPORT_TYPE_HEALTH_INSURANCE_CARD');
      show('support-model', joinedModels.length > 0);
      show('support-emergency', type === 'SUPPORT_TYPE_EMERGENCY_RELIEF' && struckBy.length > 0);
    };
    typeSelect.addEventListener('change', toggle);
    toggle();
    // The amount as it will be recorded, in đồng.
    const amountInput = built.querySelector('#support-amount');
    const preview = h('div', { class: 'hint amount-preview', 'aria-live': 'polite' });
    amountInput.closest('.field').append(preview);
    amountInput.addEventListener('input', () => {
      const amount = parseDong(amountInput.value);
      preview.textContent = amount === null ? '' : format.money(amount);
    });
    return section(t('console.case.support.title'), built);
  }

  function assignForm() {
    return section(
      t('console.case.assign.title'),
      form({
        fields: [
          {
            name: 'helper_id',
            id: 'assign-helper-select',
            type: 'select',
            label: t('console.case.assign.helper'),
            required: true,
            options: [
              { value: '', label: t('console.cases.bulk.choose_helper') },
              ...activeHelpers.map((x) => ({ value: x.id, label: `${format.personName(x.full_name)} (${x.id})` })),
            ],
          },
          { name: 'reason', id: 'assign-reason', type: 'text', label: t('console.case.assign.reason'), value: t('console.cases.bulk.default_reason'), required: true },
        ],
        submitLabel: t('console.case.assign.save'),
        submitTest: 'save-assign',
        onCancel: closeForm,
        onSubmit: async (v) => {
          await call('Assignment', 'AssignHelper', { case_id: aCase.case_id, helper_id: v.helper_id, reason: v.reason.trim() });
          await changed(t('console.case.assign.saved', { name: helperName(helpers, v.helper_id) }));
        },
      }),
    );
  }

  function transferForm() {
    return section(
      t('console.case.transfer.title'),
      form({
        fields: [
          {
            name: 'to_organization_id',
            id: 'transfer-to',
            type: 'select',
            label: t('console.case.transfer.to'),
            required: true,
            options: [
              { value: '', label: t('console.case.transfer.choose') },
              ...organizations.filter((o) => o.active && o.id !== aCase.organization_id).map((o) => ({ value: o.id, label: o.name })),
            ],
          },
          { name: 'reason', id: 'transfer-reason', type: 'textarea', label: t('console.case.transfer.reason'), required: true },
        ],
        submitLabel: t('console.case.transfer.save'),
        submitTest: 'save-transfer',
        onCancel: closeForm,
        onSubmit: async (v) => {
          await call('Assignment', 'RequestTransfer', { case_id: aCase.case_id, to_organization_id: v.to_organization_id, reason: v.reason.trim() });
          await changed(t('console.case.transfer.saved', { organization: organizationName(organizations, v.to_organization_id) }));
        },
      }),
    );
  }

  function answerForm() {
    let decision = 'accept';
    const built = form({
      fields: [{ name: 'reason', id: 'transfer-answer-reason', type: 'textarea', label: t('console.case.answer.reason'), required: true }],
      submitLabel: t('console.case.answer.accept'),
      submitTest: 'accept-transfer',
      onCancel: closeForm,
      onSubmit: async (v) => {
        const accepting = decision === 'accept';
        await call('Assignment', accepting ? 'AcceptTransfer' : 'DeclineTransfer', { case_id: aCase.case_id, reason: v.reason.trim() });
        // Declined, the case stays with the other organization, whose staff
        // alone may open it: back to our caseload, with the message.
        if (!accepting && isStaff(ctx.account) && ctx.account.organization_id !== aCase.organization_id) {
          noticeForNextPage(t('console.case.answer.declined'));
          ctx.navigate('#/ho-so');
          return;
        }
        await changed(t(accepting ? 'console.case.answer.accepted' : 'console.case.answer.declined'));
      },
    });
    // Declining submits the same form with the other answer.
    const decline = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        'data-test': 'decline-transfer',
        onclick: () => {
          decision = 'decline';
          built.requestSubmit();
          decision = 'accept';
        },
      },
      t('console.case.answer.decline'),
    );
    built.querySelector('.form-actions').insertBefore(decline, built.querySelector('[data-test=cancel]'));
    return section(t('console.case.answer.title'), transferBox ? transferBox.cloneNode(true) : null, built);
  }

  // Marking a need met or no longer needed: a reason, then the call.
  function needStatusForm(need, status) {
    return section(
      t(status === 'NEED_STATUS_MET' ? 'console.case.need_status.met_title' : 'console.case.need_status.withdrawn_title', { need: needLabel(need) }),
      form({
        fields: [{ name: 'reason', id: 'need-status-reason', type: 'text', label: t('console.case.need_status.reason'), required: true }],
        submitLabel: t('console.case.need_status.save'),
        submitTest: 'save-need-status',
        onCancel: closeForm,
        onSubmit: async (v) => {
          await call('Assignment', 'UpdateNeedStatus', { case_id: aCase.case_id, need_id: need.need_id, status, reason: v.reason.trim() });
          await changed(t('console.case.need_status.saved', { need: need.need_id, status: enumWord('need_status_words', status, 'NEED_STATUS_') }));
        },
      }),
    );
  }

  // ---------- lists ----------
  const needsTable = table({
    columns: [
      { header: t('console.case.column.need'), value: (n) => n.need_id },
      { header: t('console.case.column.type'), value: (n) => readable('need_type', n.type, 'NEED_TYPE_') },
      { header: t('console.case.column.description'), value: (n) => n.description },
      { header: t('console.case.column.status'), value: (n) => enumWord('need_status_words', n.status, 'NEED_STATUS_') },
      { header: t('console.case.column.recorded_on'), value: (n) => format.date(n.recorded_on), class: 'nowrap' },
      {
        header: t('console.case.column.actions'),
        noExport: true,
        value: () => '',
        cell: (n) =>
          may.act && n.status === 'NEED_STATUS_OPEN'
            ? h(
                'span',
                { class: 'row-actions' },
                h('button', { type: 'button', class: 'small', 'data-test': 'need-met', onclick: () => openForm(() => needStatusForm(n, 'NEED_STATUS_MET')) }, t('console.case.need_status.met')),
                h('button', { type: 'button', class: 'small secondary', 'data-test': 'need-withdrawn', onclick: () => openForm(() => needStatusForm(n, 'NEED_STATUS_NO_LONGER_NEEDED')) }, t('console.case.need_status.withdrawn')),
              )
            : '',
      },
    ],
    rows: aCase.needs || [],
    rowAttrs: (n) => ({ 'data-need-id': n.need_id }),
    exportName: `${aCase.case_id}-nhu-cau`,
    empty: t('console.case.needs.empty'),
  });

  const supportTable = table({
    columns: [
      { header: t('console.case.column.date'), value: (s) => format.date(s.delivered_on), class: 'nowrap' },
      { header: t('console.case.column.type'), value: (s) => readable('support_type', s.type, 'SUPPORT_TYPE_') },
      { header: t('console.case.column.amount'), value: (s) => (s.amount_vnd && s.amount_vnd !== '0' ? format.money(s.amount_vnd) : ''), class: 'number nowrap' },
      { header: t('console.case.column.provider'), value: (s) => s.provider },
      {
        header: t('console.case.column.programme'),
        value: (s) =>
          [
            s.credit_programme && s.credit_programme !== 'CREDIT_PROGRAMME_UNSPECIFIED' ? readable('credit_programme', s.credit_programme, 'CREDIT_PROGRAMME_') : '',
            s.savings_group,
            s.state_share_percent !== undefined && s.state_share_percent !== null ? t('console.case.state_share_value', { percent: s.state_share_percent }) : '',
          ].filter(Boolean).join(' · '),
      },
      {
        header: t('console.case.column.model_or_emergency'),
        value: (s) => [s.livelihood_model_id ? modelName(s.livelihood_model_id) : '', s.emergency_id ? emergencyName(s.emergency_id) : ''].filter(Boolean).join(' · '),
      },
      { header: t('console.case.column.need'), value: (s) => s.need_id },
      { header: t('console.case.column.description'), value: (s) => s.description },
    ],
    rows: aCase.support_records || [],
    rowAttrs: (s) => ({ 'data-support-id': s.support_id }),
    exportName: `${aCase.case_id}-ho-tro`,
    empty: t('console.case.support.empty'),
  });

  const visitsTable = table({
    columns: [
      { header: t('console.case.column.date'), value: (v) => format.date(v.visited_on), class: 'nowrap' },
      { header: t('console.case.column.helper'), value: (v) => (v.helper_id ? helperName(helpers, v.helper_id) : actorName(v.recorded_by)) },
      { header: t('console.case.column.change'), value: (v) => readable('observed_change', v.observed_change, 'OBSERVED_CHANGE_') },
      { header: t('console.case.column.notes'), value: (v) => v.notes },
      { header: t('console.case.column.recorded'), value: (v) => t('console.case.recorded_by', { date: v.recorded_on, name: actorName(v.recorded_by) }) },
    ],
    rows: [...(aCase.visits || [])].reverse(),
    rowAttrs: (v) => ({ 'data-visit-id': v.visit_id }),
    exportName: `${aCase.case_id}-tham-ho`,
    empty: t('console.case.visits.empty'),
  });

  const historyTable = table({
    columns: [
      { header: t('console.case.column.when'), value: (e) => format.dateTime(e.at), class: 'nowrap' },
      { header: t('console.case.column.action'), value: (e) => enumWord('case_action', e.action, 'CASE_ACTION_') },
      { header: t('console.case.column.who'), value: (e) => actorName(e.actor) },
      { header: t('console.case.column.detail'), value: (e) => e.detail },
      { header: t('console.case.column.reason'), value: (e) => e.reason },
    ],
    rows: [...(aCase.history || [])].reverse(),
    exportName: `${aCase.case_id}-lich-su`,
    empty: t('console.case.history.empty'),
  });

  // Parts a role is not offered are null: left out.
  clear(root).append(
    ...[
      back,
      pageHeader(t('console.case.heading', { name })),
      messages,
      transferBox,
      section(t('console.case.summary'), summary, householdLink),
      actions.length ? h('div', { class: 'case-actions', role: 'group', 'aria-label': t('console.case.actions') }, actions) : null,
      formSlot,
      section(t('console.case.visits.title'), visitsTable),
      section(t('console.case.needs.title'), needsTable),
      section(t('console.case.support.list_title'), supportTable),
      section(t('console.case.history.title'), historyTable),
    ].filter(Boolean),
  );
}
