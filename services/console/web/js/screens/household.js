// One household: its members (personal fields only where the services sent
// them: they redact per role), its surveys, the classification of its latest
// survey explained indicator by indicator in the standard's words, its
// official status history, what it would be under the next standard, its
// support case and its whole timeline (when each thing happened and, beside
// it, when it was recorded).

import * as api from '../api.js';
import { enumWord, language, t, text } from '../i18n.js';
import * as format from '../format.js';
import { categoryWord, directory, fetchAll, headName, orNull, settle, shortEnum } from '../data.js';
import { facts, h, pageError, pageHeader, section, sectionError, table } from '../ui.js';

const yesNo = (value) => (value ? t('console.common.yes') : t('console.common.no'));
const hasText = (value) => value !== undefined && value !== null && value !== '' && value !== '0';

function word(namespace, value, prefix) {
  if (!value || /UNSPECIFIED$/.test(value)) return '';
  return enumWord(namespace, value, prefix);
}

// ---------- members ----------

function membersTable(household) {
  const members = household.members || [];
  // A column whose field no member carries is left out: the services clear
  // what the reader's role may not see (docs/security.md, "Field policy").
  const optional = (field, column) => (members.some((m) => hasText(m[field])) ? [column] : []);
  const columns = [
    ...optional('full_name', { header: t('console.household.member.name'), value: (m) => format.personName(m.full_name) }),
    { header: t('console.household.member.relation'), value: (m) => word('relation', m.relation_to_head, 'RELATION_TO_HEAD_') },
    { header: t('console.household.member.sex'), value: (m) => word('sex', m.sex, 'SEX_') },
    ...optional('date_of_birth', { header: t('console.household.member.born'), value: (m) => format.date(m.date_of_birth) }),
    ...optional('national_id', { header: t('console.household.member.cccd'), value: (m) => m.national_id, class: 'nowrap' }),
    { header: t('console.household.member.insured'), value: (m) => yesNo(m.has_health_insurance) },
    { header: t('console.household.member.in_school'), value: (m) => yesNo(m.enrolled_in_school) },
    { header: t('console.household.member.education'), value: (m) => word('education', m.education_level, 'EDUCATION_LEVEL_') },
    { header: t('console.household.member.employment'), value: (m) => word('employment', m.employment, 'EMPLOYMENT_') },
    { header: t('console.household.member.cannot_work'), value: (m) => yesNo(m.lost_working_capacity) },
    { header: t('console.household.member.disabled'), value: (m) => yesNo(m.has_disability) },
    ...optional('monthly_social_allowance_vnd', { header: t('console.household.member.allowance'), value: (m) => (hasText(m.monthly_social_allowance_vnd) ? format.money(m.monthly_social_allowance_vnd) : ''), class: 'number' }),
    ...optional('nutrition', { header: t('console.household.member.nutrition'), value: (m) => word('nutrition', m.nutrition, 'NUTRITION_') }),
  ];
  if (!members.some((m) => hasText(m.full_name))) columns.unshift({ header: t('console.household.member.id'), value: (m) => m.member_id });
  return table({
    exportName: `thanh-vien-${household.code || household.household_id}`,
    columns,
    rows: members,
    rowAttrs: (m) => ({ 'data-member-id': m.member_id }),
  });
}

// ---------- surveys ----------

function surveysTable(household, surveys) {
  const optional = (field, column) => (surveys.some((s) => hasText(s[field]) && s[field] !== false) ? [column] : []);
  return table({
    exportName: `phieu-khao-sat-${household.code || household.household_id}`,
    empty: t('console.household.no_surveys'),
    columns: [
      { header: t('console.household.survey.id'), value: (s) => s.survey_id, class: 'nowrap' },
      { header: t('console.household.survey.year'), value: (s) => String(s.review_year) },
      { header: t('console.household.survey.kind'), value: (s) => word('review_kind', s.kind, 'REVIEW_KIND_') },
      { header: t('console.household.survey.date'), value: (s) => format.date(s.survey_date) },
      { header: t('console.household.survey.surveyor'), value: (s) => s.surveyor || '' },
      ...optional('has_income_per_capita', { header: t('console.household.survey.income'), value: (s) => (s.has_income_per_capita ? format.money(s.income_per_capita_vnd) : ''), class: 'number' }),
      ...optional('has_score_a', { header: t('console.household.survey.score_a'), value: (s) => (s.has_score_a ? String(s.score_a) : ''), class: 'number' }),
      { header: t('console.household.survey.floor'), value: (s) => (s.floor_area_m2 ? `${format.decimal(s.floor_area_m2)} m²` : ''), class: 'number' },
      { header: t('console.household.survey.water'), value: (s) => word('water_source', s.water_source, 'WATER_SOURCE_') },
      { header: t('console.household.survey.latrine'), value: (s) => word('latrine', s.latrine, 'LATRINE_TYPE_') },
      { header: t('console.household.survey.corrects'), value: (s) => s.corrects_survey_id || '' },
    ],
    rows: [...surveys].reverse(),
  });
}

// ---------- classification ----------

function indicatorTitle(indicator) {
  // Vietnamese: the standard's own title; English: the catalog's.
  const key = `indicator.${shortEnum(indicator.kind, 'INDICATOR_KIND_')}.title`;
  if (language() !== 'vi' || !indicator.title) return t(key) === key ? indicator.title : t(key);
  return indicator.title;
}

function classificationBlock(result, { heading } = {}) {
  const category = categoryWord(result.category);
  const indicators = result.indicators || [];
  return h(
    'div',
    { class: 'classification', 'data-test': 'classification' },
    heading ? h('h3', {}, heading) : null,
    h(
      'p',
      { class: 'verdict' },
      h('span', { class: `badge category-${shortEnum(result.category, 'POVERTY_CATEGORY_')}` }, category),
      ' ',
      t('console.household.classification.summary', {
        count: String(result.deprivation_count || 0),
        indicators: String(indicators.length),
        needed: String(result.poor_deprivation_count || 0),
        standard: result.standard_id,
        survey: result.survey_id,
        list_year: String(result.list_year || ''),
      }),
    ),
    facts([
      [t('console.household.classification.category_reason'), text(result.category_reason_text, result.category_reason)],
      [t('console.household.classification.income'), text(result.income_reason_text, result.income_reason)],
      [t('console.household.classification.labour'), text(result.labour_capacity_reason_text, result.labour_capacity_reason)],
    ], { className: 'long' }),
    h(
      'ol',
      { class: 'indicator-list' },
      indicators.map((i) =>
        h(
          'li',
          { class: i.deprived ? 'deprived' : 'met', 'data-indicator': shortEnum(i.kind, 'INDICATOR_KIND_') },
          h('strong', {}, indicatorTitle(i)),
          ' (',
          word('dimension', i.dimension, 'DIMENSION_'),
          '): ',
          h('span', { class: 'indicator-verdict' }, i.deprived ? t('console.household.indicator.deprived') : t('console.household.indicator.not_deprived')),
          text(i.reason_text, i.reason) ? h('div', { class: 'indicator-reason' }, text(i.reason_text, i.reason)) : null,
        ),
      ),
    ),
  );
}

// ---------- official status ----------

function officialTable(status) {
  const results = [...(status.history || []), ...(status.current ? [status.current] : [])].reverse();
  return table({
    exportName: 'ket-qua-chinh-thuc',
    empty: t('console.household.no_official'),
    columns: [
      { header: t('console.household.official.list_year'), value: (r) => String(r.list_year || '') },
      { header: t('console.household.official.review'), value: (r) => `${r.review_year} (${word('review_kind', r.review_kind, 'REVIEW_KIND_')})` },
      { header: t('console.household.official.category'), value: (r) => categoryWord(r.result ? r.result.category : '') },
      { header: t('console.household.official.transition'), value: (r) => word('transition', r.transition, 'TRANSITION_') },
      { header: t('console.household.official.previous'), value: (r) => categoryWord(r.previous_category) },
      { header: t('console.household.official.approved'), value: (r) => format.date(r.approved_date) },
      { header: t('console.household.official.decision'), value: (r) => r.decision_number || '' },
      { header: t('console.household.official.round'), value: (r) => r.round_id },
      { header: t('console.household.official.by'), value: (r) => r.approved_by || '' },
    ],
    rows: results,
  });
}

// ---------- what-if ----------

// The standard after the one the household was last classified under (by
// the list years they cover); null when that is already the newest.
function nextStandard(standards, currentId) {
  const sorted = [...standards].sort((a, b) => (a.first_list_year || 0) - (b.first_list_year || 0));
  const index = sorted.findIndex((s) => s.id === currentId);
  if (index < 0) return sorted.length ? sorted[sorted.length - 1] : null;
  return sorted[index + 1] || null;
}

async function whatIfBlock(householdId, classification, standards) {
  const block = h('div', { 'data-test': 'what-if' });
  if (!classification) {
    block.appendChild(h('p', { class: 'empty' }, t('console.household.whatif.no_survey')));
    return block;
  }
  const next = nextStandard(standards, classification.standard_id);
  if (!next) {
    block.appendChild(h('p', { class: 'empty' }, t('console.household.whatif.no_next', { standard: classification.standard_id })));
    return block;
  }
  block.appendChild(
    h('p', {}, t('console.household.whatif.lead', { standard: next.legal_reference || next.id, title: next.title || '', first: String(next.first_list_year || ''), last: String(next.last_list_year || '') })),
  );
  const answer = await settle(api.call('Classification', 'WhatIf', { standard_id: next.id, household_id: householdId }));
  if (answer.error) {
    block.appendChild(sectionError(answer.error));
    return block;
  }
  const report = answer.value.report || {};
  const errors = report.errors || [];
  if (!answer.value.result) {
    block.appendChild(
      h('p', { class: 'warning' }, t('console.household.whatif.unclassifiable', { reasons: errors.map((e) => text(e.text, e.message || '')).filter(Boolean).join('; ') })),
    );
    return block;
  }
  const result = answer.value.result;
  const changed = shortEnum(result.category, 'POVERTY_CATEGORY_') !== shortEnum(classification.category, 'POVERTY_CATEGORY_');
  block.appendChild(
    h(
      'p',
      { class: changed ? 'warning' : 'notice-inline' },
      changed
        ? t('console.household.whatif.changes', { from: shortEnum(classification.category, 'POVERTY_CATEGORY_'), to: shortEnum(result.category, 'POVERTY_CATEGORY_') })
        : t('console.household.whatif.same', { category: shortEnum(result.category, 'POVERTY_CATEGORY_') }),
    ),
  );
  const details = h('details', {}, h('summary', {}, t('console.household.whatif.details')), classificationBlock(result));
  block.appendChild(details);
  return block;
}

// ---------- case ----------

function caseBlock(kase, names) {
  if (!kase) return h('p', { class: 'empty' }, t('console.household.no_case'));
  const needs = kase.needs || [];
  const supports = kase.support_records || [];
  const visits = kase.visits || [];
  return h(
    'div',
    { 'data-case-id': kase.case_id },
    facts([
      [t('console.household.case.id'), h('a', { href: `#/ho-so/${encodeURIComponent(kase.case_id)}`, 'data-test': 'open-case' }, kase.case_id)],
      [t('console.household.case.state'), word('case_state', kase.state, 'CASE_STATE_')],
      [t('console.household.case.organization'), kase.organization_id ? names.organization(kase.organization_id) : t('console.common.none')],
      [t('console.household.case.helper'), kase.helper_id ? names.helper(kase.helper_id) : t('console.household.case.no_helper')],
      [t('console.household.case.opened'), format.date(kase.opened_on)],
      [t('console.household.case.follow_up_until'), format.date(kase.follow_up_until)],
      [t('console.household.case.closed'), format.date(kase.closed_on)],
      [t('console.household.case.pending_transfer'), kase.pending_transfer && kase.pending_transfer.to_organization_id ? names.organization(kase.pending_transfer.to_organization_id) : ''],
    ]),
    h('h3', {}, t('console.household.case.needs')),
    table({
      exportName: `nhu-cau-${kase.case_id}`,
      empty: t('console.household.case.no_needs'),
      columns: [
        { header: t('console.household.case.need'), value: (n) => word('need_type', n.type, 'NEED_TYPE_') },
        { header: t('console.household.case.description'), value: (n) => n.description || '' },
        { header: t('console.household.case.status'), value: (n) => word('need_status', n.status, 'NEED_STATUS_') },
        { header: t('console.household.case.recorded_on'), value: (n) => format.date(n.recorded_on) },
      ],
      rows: needs,
    }),
    h('h3', {}, t('console.household.case.supports')),
    table({
      exportName: `ho-tro-${kase.case_id}`,
      empty: t('console.household.case.no_supports'),
      columns: [
        { header: t('console.household.case.support'), value: (s) => word('support_type', s.type, 'SUPPORT_TYPE_') },
        { header: t('console.household.case.amount'), value: (s) => (hasText(s.amount_vnd) ? format.money(s.amount_vnd) : ''), class: 'number' },
        { header: t('console.household.case.provider'), value: (s) => s.provider || '' },
        { header: t('console.household.case.programme'), value: (s) => word('credit_programme', s.credit_programme, 'CREDIT_PROGRAMME_') },
        { header: t('console.household.case.delivered_on'), value: (s) => format.date(s.delivered_on) },
        { header: t('console.household.case.recorded_on'), value: (s) => format.date(s.recorded_on) },
      ],
      rows: supports,
    }),
    h('h3', {}, t('console.household.case.visits')),
    table({
      exportName: `tham-ho-${kase.case_id}`,
      empty: t('console.household.case.no_visits'),
      columns: [
        { header: t('console.household.case.visited_on'), value: (v) => format.date(v.visited_on) },
        { header: t('console.household.case.helper'), value: (v) => names.helper(v.helper_id) },
        { header: t('console.household.case.change'), value: (v) => word('observed_change', v.observed_change, 'OBSERVED_CHANGE_') },
        { header: t('console.household.case.notes'), value: (v) => v.notes || '' },
        { header: t('console.household.case.recorded_on'), value: (v) => format.date(v.recorded_on) },
      ],
      rows: [...visits].reverse(),
    }),
  );
}

// ---------- timeline ----------

// The date a line is about (the meeting's, the visit's, the survey's), when
// its message carries one: the first argument named "date", looked for in
// the message and then in its nested parts.
export function happenedOn(localized) {
  if (!localized) return '';
  const own = (localized.args || []).find((a) => a.name === 'date');
  if (own && /^\d{4}-\d{2}-\d{2}/.test(own.value)) return own.value;
  for (const list of localized.texts || []) {
    for (const item of list.items || []) {
      const nested = happenedOn(item);
      if (nested) return nested;
    }
  }
  return '';
}

function actorWords(actor) {
  if (!actor) return '';
  const role = shortEnum(actor.role, 'ROLE_');
  const name = actor.name || '';
  return role ? `${name} (${t(`role.${role}`)}${actor.organization_id ? `, ${actor.organization_id}` : ''})` : name;
}

// A read of the household's personal data (monitoring's own line, or a
// service's *.personal_data_read event) rather than something that happened
// to the household.
function isRead(entry) {
  const key = entry.description_text ? entry.description_text.key : '';
  return key === 'event.personal_data_read' || /personal_data_read/.test(entry.event_type || '') || (!entry.event_type && entry.service === 'monitoring');
}

// Everything held about the household (or one member), for a data subject
// who asks (docs/data-protection.md): the Vietnamese document or JSON. The
// services record the export in the audit chain; only officers and auditors
// may make one.
function personalDataBlock(householdId, members) {
  const link = (fmt, memberId, label, test) =>
    h('a', { class: 'button secondary', href: api.downloadUrl('/api/export/personal-data', memberId ? { household_id: householdId, member_id: memberId, format: fmt } : { household_id: householdId, format: fmt }), download: '', 'data-test': test }, label);
  const perMember = (members || []).filter((m) => m.member_id);
  return h(
    'div',
    { class: 'personal-data' },
    h('p', {}, t('console.household.personal_data.about')),
    h('p', { class: 'actions' }, link('html', '', t('console.household.personal_data.document'), 'export-personal-html'), ' ', link('json', '', t('console.household.personal_data.json'), 'export-personal-json')),
    perMember.length
      ? h(
          'ul',
          { class: 'plain' },
          perMember.map((m) => h('li', {}, link('html', m.member_id, t('console.household.personal_data.member', { member: hasText(m.full_name) ? format.personName(m.full_name) : m.member_id }), `export-personal-${m.member_id}`))),
        )
      : '',
  );
}

function timelineBlock(householdId, entries, showReads) {
  const download = (fmt) =>
    h('a', { class: 'button secondary', href: api.downloadUrl('/api/export/household-history', { household_id: householdId, format: fmt }), 'data-test': `export-history-${fmt}`, download: '' }, t(`console.household.timeline.export_${fmt}`));
  if (!entries.length) return h('p', { class: 'empty' }, t('console.household.timeline.empty'));
  const list = h('ol', { class: 'timeline', 'data-test': 'timeline' });
  const reads = entries.filter(isRead).length;
  const toggle = h('input', { type: 'checkbox', id: 'timeline-reads', checked: showReads });
  const fill = () => {
    while (list.firstChild) list.removeChild(list.firstChild);
    const shown = toggle.checked ? entries : entries.filter((e) => !isRead(e));
    list.append(...[...shown].reverse().map(timelineLine));
  };
  toggle.addEventListener('change', fill);
  fill();
  return h(
    'div',
    {},
    h('div', { class: 'form-actions' }, download('csv'), download('json')),
    reads
      ? h('div', { class: 'field field-checkbox' }, toggle, h('label', { for: 'timeline-reads' }, t('console.household.timeline.show_reads', { count: String(reads) })))
      : null,
    list,
  );
}

function timelineLine(e) {
  const happened = happenedOn(e.description_text);
  const recorded = happened
    ? t('console.household.timeline.recorded', { at: format.dateTime(e.occurred_at), by: actorWords(e.actor) })
    : actorWords(e.actor);
  return h(
    'li',
    { 'data-event-type': e.event_type || 'read' },
    h('div', { class: 'when' }, happened ? t('console.household.timeline.happened', { date: happened }) : format.dateTime(e.occurred_at)),
    h('div', { class: 'what' }, text(e.description_text, e.description)),
    h('div', { class: 'recorded' }, recorded),
  );
}

// ---------- page ----------

export async function render(root, ctx) {
  const id = ctx.params.id;
  root.appendChild(h('p', {}, h('a', { href: '#/ho-gia-dinh', 'data-test': 'back' }, `← ${t('console.household.back')}`)));
  const loading = h('p', { class: 'loading', role: 'status' }, t('console.loading'));
  root.appendChild(loading);
  const [record, classified, official, standards, kase, timeline, names] = await Promise.all([
    settle(api.call('Registry', 'GetHouseholdRecord', { household_id: id })),
    settle(orNull(api.call('Classification', 'ClassifyHousehold', { household_id: id }))),
    settle(api.call('Classification', 'GetOfficialStatus', { household_id: id })),
    settle(api.call('Classification', 'ListStandards', {})),
    settle(orNull(api.call('Assignment', 'GetCaseByHousehold', { household_id: id }))),
    settle(fetchAll('Monitoring', 'GetHouseholdTimeline', { household_id: id }, 'entries', { maxPages: 20 })),
    directory(),
  ]);
  loading.remove();
  if (record.error) {
    root.appendChild(pageHeader(t('console.household.title_id', { household: id })));
    root.appendChild(pageError(record.error));
    return;
  }
  const household = record.value.household;
  const surveys = record.value.surveys || [];
  const name = headName(household);
  root.appendChild(
    pageHeader(name ? t('console.household.title', { name, code: household.code }) : t('console.household.title_id', { household: household.code || id })),
  );
  const current = official.value && official.value.current;
  if (household.erasure) {
    // What the record shows in place of the erased names, numbers and facts.
    const erasure = household.erasure;
    const key = erasure.reason === 'ERASURE_REASON_RETENTION_ENDED' ? 'console.household.erased_retention' : 'console.household.erased_request';
    root.appendChild(
      h('p', { class: 'notice', role: 'note', 'data-test': 'erased' }, t(key, { date: format.date(erasure.erased_on), reference: erasure.reference || '' })),
    );
  }
  root.appendChild(
    section(
      t('console.household.about'),
      facts([
        [t('console.household.code'), household.code],
        [t('console.household.id'), household.household_id],
        [t('console.household.address'), household.address],
        [t('console.household.group'), household.residential_group],
        [t('console.household.area'), word('area', household.area_type, 'AREA_TYPE_')],
        [t('console.household.status'), word('household_status', household.status, 'HOUSEHOLD_STATUS_')],
        [t('console.household.departed_on'), household.departed_on ? format.date(household.departed_on) : ''],
        [t('console.household.official_category'), current && current.result ? `${categoryWord(current.result.category)} (${t('console.household.list_year', { year: String(current.list_year) })})` : t('console.household.no_official_short')],
        [t('console.household.members_count'), format.number((household.members || []).length)],
      ]),
    ),
  );
  root.appendChild(section(t('console.household.members'), membersTable(household)));
  root.appendChild(section(t('console.household.surveys'), surveysTable(household, surveys)));

  const classification = classified.value ? classified.value.result : null;
  root.appendChild(
    section(
      t('console.household.classification.heading'),
      classified.error ? sectionError(classified.error) : classification ? classificationBlock(classification) : h('p', { class: 'empty' }, t('console.household.whatif.no_survey')),
    ),
  );
  root.appendChild(section(t('console.household.official.heading'), official.error ? sectionError(official.error) : officialTable(official.value)));
  const whatIf = section(t('console.household.whatif.heading'), h('p', { class: 'loading' }, t('console.loading')));
  root.appendChild(whatIf);
  root.appendChild(section(t('console.household.case.heading'), kase.error ? sectionError(kase.error) : caseBlock(kase.value, names)));
  root.appendChild(
    section(t('console.household.timeline.heading'), timeline.error ? sectionError(timeline.error) : timelineBlock(id, timeline.value, ctx.account.role === 'ROLE_AUDITOR')),
  );
  if (ctx.account.role === 'ROLE_WARD_OFFICER' || ctx.account.role === 'ROLE_AUDITOR') {
    root.appendChild(section(t('console.household.personal_data.heading'), personalDataBlock(id, household.members)));
  }

  const block = standards.error ? sectionError(standards.error) : await whatIfBlock(id, classification, standards.value.standards || []);
  whatIf.replaceChild(block, whatIf.querySelector('.loading'));
}
