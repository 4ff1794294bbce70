// The rules of Mô hình sinh kế and Thiên tai, dịch bệnh that need no page:
// the answer of a bulk case operation (JoinLivelihoodModel, MarkAffected)
// household by household, a model's id from its name, a model or an
// emergency from its form, and which cases a bulk operation may offer.
// tests/web/case-operations.test.mjs checks them under node.

import { t, text as localized } from './i18n.js';
import { fold, parseDong } from './work.js';

// Each household's outcome (CaseOperationOutcome JSON) as the page lists it:
// {household_id, case_id, kind: 'done'|'already'|'refused', reason}.
export function outcomeRows(outcomes) {
  return (outcomes || []).map((o) => ({
    household_id: o.household_id,
    case_id: o.case_id || '',
    kind: o.done ? 'done' : o.already ? 'already' : 'refused',
    reason: o.done || o.already ? '' : localized(o.refusal_text, o.refusal) || t('console.work.failed'),
  }));
}

export function outcomeCounts(rows) {
  const counts = { done: 0, already: 0, refused: 0 };
  for (const row of rows) counts[row.kind] += 1;
  return counts;
}

// "Nuôi bò sinh sản TDP 5" -> "nuoi-bo-sinh-san-tdp-5": the id the service
// wants (lowercase letters, digits and dashes), suggested from the name.
export function modelIdFrom(name) {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

// "TDP-04, TDP-05 TDP-05" -> ["TDP-04", "TDP-05"]: residential groups typed
// with commas or spaces, each once, in the order typed.
export function groupsFrom(typed) {
  return [...new Set(String(typed || '').split(/[\s,;]+/).map((g) => g.trim()).filter(Boolean))];
}

// The form's values as the LivelihoodModel to upsert, and the problems the
// page can tell before asking (an amount that is not one). The service
// checks everything else and names each field it refuses.
export function modelFromForm(values) {
  const problems = [];
  const typedAmount = String(values.resources_vnd || '').trim();
  const amount = typedAmount ? parseDong(typedAmount) : '0';
  if (amount === null) problems.push({ field: 'resources_vnd', description: t('console.models.form.amount_invalid') });
  return {
    model: {
      model_id: String(values.model_id || '').trim(),
      name: String(values.name || '').trim(),
      kind: values.kind || 'LIVELIHOOD_MODEL_KIND_UNSPECIFIED',
      organization_id: values.organization_id || '',
      started_on: values.started_on || '',
      ended_on: values.ended_on || '',
      resources_vnd: amount || '0',
      resources_description: String(values.resources_description || '').trim(),
      residential_groups: groupsFrom(values.residential_groups),
      description: String(values.description || '').trim(),
    },
    problems,
  };
}

// The form's values as the Emergency to declare.
export function emergencyFromForm(values) {
  return {
    kind: values.kind || 'EMERGENCY_KIND_UNSPECIFIED',
    name: String(values.name || '').trim(),
    began_on: values.began_on || '',
    ended_on: values.ended_on || '',
    residential_groups: groupsFrom(values.residential_groups),
    description: String(values.description || '').trim(),
  };
}

// Whether a model runs on `day` (ISO): started, and not ended before it.
export function modelRunsOn(model, day) {
  if (!model || !model.started_on || model.started_on > day) return false;
  return !model.ended_on || model.ended_on >= day;
}

// The cases a bulk join or mark may offer: not closed, and for staff only
// their organization's (the service refuses the rest one by one anyway).
export function offerableCases(cases, account) {
  const staff = account && account.role === 'ROLE_ORGANIZATION_STAFF';
  return (cases || []).filter(
    (c) => c.state !== 'CASE_STATE_CLOSED' && (!staff || c.organization_id === account.organization_id),
  );
}

// A case's part in a model: 'taking_part', 'left' or '' (never joined).
export function participationState(aCase, modelId) {
  const mine = (aCase.participations || []).filter((p) => p.model_id === modelId);
  if (!mine.length) return '';
  return mine.some((p) => !p.left_on) ? 'taking_part' : 'left';
}

// Whether the case was marked affected by the emergency.
export function markedBy(aCase, emergencyId) {
  return (aCase.emergency_marks || []).find((m) => m.emergency_id === emergencyId) || null;
}

// Whether the case got emergency relief naming the emergency.
export function relievedBy(aCase, emergencyId) {
  return (aCase.support_records || []).some((s) => s.emergency_id === emergencyId);
}
