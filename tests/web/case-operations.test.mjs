// The rules of Mô hình sinh kế and Thiên tai, dịch bệnh that need no page
// (services/console/web/js/case-operations.js): a bulk case operation's
// answer household by household, a model's id from its name, the forms'
// values as the messages the services take, which cases are offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setCatalogs } from '../../services/console/web/js/i18n.js';
import {
  emergencyFromForm, groupsFrom, markedBy, modelFromForm, modelIdFrom, modelRunsOn, offerableCases, outcomeCounts,
  outcomeRows, participationState, relievedBy,
} from '../../services/console/web/js/case-operations.js';

const root = new URL('../../', import.meta.url);
const load = (lang) => JSON.parse(readFileSync(new URL(`locales/${lang}.json`, root), 'utf8'));
const catalogs = { vi: load('vi'), en: load('en') };

test('each household of a bulk answer is done, already so, or refused with the service\'s reason in the page\'s words', () => {
  setCatalogs(catalogs, 'vi');
  const rows = outcomeRows([
    { household_id: 'HH-1', case_id: 'C-1', done: true },
    { household_id: 'HH-2', case_id: 'C-2', already: true },
    {
      household_id: 'HH-3',
      case_id: '',
      refusal: 'household HH-3 has no case',
      refusal_text: { key: 'console.bulk.refused', args: [], texts: [] },
    },
    { household_id: 'HH-4', case_id: 'C-4', refusal: 'closed case' },
  ]);
  assert.deepEqual(rows.map((r) => [r.household_id, r.kind]), [['HH-1', 'done'], ['HH-2', 'already'], ['HH-3', 'refused'], ['HH-4', 'refused']]);
  assert.equal(rows[2].reason, 'Không thực hiện được');
  assert.equal(rows[3].reason, 'closed case', 'without a catalog message the service\'s English stands');
  assert.deepEqual(outcomeCounts(rows), { done: 1, already: 1, refused: 2 });
});

test('a model\'s id is suggested from its Vietnamese name', () => {
  assert.equal(modelIdFrom('Nuôi bò sinh sản TDP 5'), 'nuoi-bo-sinh-san-tdp-5');
  assert.equal(modelIdFrom('Trồng rau an toàn TDP 1–2'), 'trong-rau-an-toan-tdp-1-2');
  assert.equal(modelIdFrom('  Đan lát — mây tre!  '), 'dan-lat-may-tre');
  assert.equal(modelIdFrom(''), '');
  assert.ok(modelIdFrom('a '.repeat(80)).length <= 60);
  assert.ok(!modelIdFrom('a '.repeat(80)).endsWith('-'));
});

test('residential groups typed with commas or spaces are each kept once, in order', () => {
  assert.deepEqual(groupsFrom('TDP-04, TDP-05  TDP-04;TDP-01'), ['TDP-04', 'TDP-05', 'TDP-01']);
  assert.deepEqual(groupsFrom(''), []);
});

test('the model form becomes the LivelihoodModel the service takes; an amount that is not one is named', () => {
  setCatalogs(catalogs, 'vi');
  const { model, problems } = modelFromForm({
    model_id: ' bo-giong ', name: ' Nuôi bò ', kind: 'LIVELIHOOD_MODEL_KIND_LIVESTOCK', organization_id: 'womens-union',
    started_on: '2025-03-01', ended_on: '', resources_vnd: '200.000.000 ₫', resources_description: '20 con bò',
    residential_groups: 'TDP-04, TDP-05', description: '',
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(model, {
    model_id: 'bo-giong', name: 'Nuôi bò', kind: 'LIVELIHOOD_MODEL_KIND_LIVESTOCK', organization_id: 'womens-union',
    started_on: '2025-03-01', ended_on: '', resources_vnd: '200000000', resources_description: '20 con bò',
    residential_groups: ['TDP-04', 'TDP-05'], description: '',
  });
  assert.equal(modelFromForm({ resources_vnd: '' }).model.resources_vnd, '0');
  assert.equal(modelFromForm({ kind: '' }).model.kind, 'LIVELIHOOD_MODEL_KIND_UNSPECIFIED');
  const bad = modelFromForm({ resources_vnd: 'hai trăm triệu' });
  assert.deepEqual(bad.problems.map((p) => p.field), ['resources_vnd']);
});

test('the emergency form becomes the Emergency the service takes', () => {
  assert.deepEqual(
    emergencyFromForm({ kind: 'EMERGENCY_KIND_FLOOD', name: ' Lũ ', began_on: '2026-11-01', ended_on: '', residential_groups: 'TDP-01 TDP-02', description: '' }),
    { kind: 'EMERGENCY_KIND_FLOOD', name: 'Lũ', began_on: '2026-11-01', ended_on: '', residential_groups: ['TDP-01', 'TDP-02'], description: '' },
  );
});

test('a model runs from its start to its end, both days included', () => {
  const model = { started_on: '2025-03-01', ended_on: '2025-12-31' };
  assert.equal(modelRunsOn(model, '2025-02-28'), false);
  assert.equal(modelRunsOn(model, '2025-03-01'), true);
  assert.equal(modelRunsOn(model, '2025-12-31'), true);
  assert.equal(modelRunsOn(model, '2026-01-01'), false);
  assert.equal(modelRunsOn({ started_on: '2025-03-01', ended_on: '' }, '2030-01-01'), true);
});

test('a bulk operation offers cases not closed, and to staff only their organization\'s', () => {
  const cases = [
    { case_id: 'A', organization_id: 'womens-union', state: 'CASE_STATE_OPEN' },
    { case_id: 'B', organization_id: 'womens-union', state: 'CASE_STATE_CLOSED' },
    { case_id: 'C', organization_id: 'farmers-union', state: 'CASE_STATE_FOLLOW_UP' },
  ];
  const ids = (list) => list.map((c) => c.case_id);
  assert.deepEqual(ids(offerableCases(cases, { role: 'ROLE_WARD_OFFICER' })), ['A', 'C']);
  assert.deepEqual(ids(offerableCases(cases, { role: 'ROLE_ORGANIZATION_STAFF', organization_id: 'womens-union' })), ['A']);
});

test('a case\'s part in a model, its mark and its relief', () => {
  const aCase = {
    participations: [{ model_id: 'm1', joined_on: '2025-01-01', left_on: '2025-06-01' }, { model_id: 'm2', joined_on: '2025-01-01', left_on: '' }],
    emergency_marks: [{ emergency_id: 'EMG-2025-1', affected_on: '2025-10-29' }],
    support_records: [{ type: 'SUPPORT_TYPE_EMERGENCY_RELIEF', emergency_id: 'EMG-2025-1' }],
  };
  assert.equal(participationState(aCase, 'm1'), 'left');
  assert.equal(participationState(aCase, 'm2'), 'taking_part');
  assert.equal(participationState(aCase, 'm3'), '');
  assert.equal(participationState({}, 'm1'), '');
  assert.equal(markedBy(aCase, 'EMG-2025-1').affected_on, '2025-10-29');
  assert.equal(markedBy(aCase, 'EMG-2025-2'), null);
  assert.equal(relievedBy(aCase, 'EMG-2025-1'), true);
  assert.equal(relievedBy(aCase, 'EMG-2025-2'), false);
});
