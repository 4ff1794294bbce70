// The form that creates or changes a livelihood model (Mô hình sinh kế's
// list and a model's page): Assignment.UpsertLivelihoodModel, every refusal
// next to its field. A new model's id is suggested from its name as it is
// typed, until the id is typed itself; an existing model's id stays.

import { call } from './api.js';
import { t } from './i18n.js';
import * as format from './format.js';
import { form } from './ui.js';
import { echoDates, enumChoices, isStaff } from './work.js';
import { modelFromForm, modelIdFrom } from './case-operations.js';

export const MODEL_KINDS = [
  'LIVELIHOOD_MODEL_KIND_LIVESTOCK', 'LIVELIHOOD_MODEL_KIND_CROPS', 'LIVELIHOOD_MODEL_KIND_TRADE',
  'LIVELIHOOD_MODEL_KIND_COOPERATIVE', 'LIVELIHOOD_MODEL_KIND_MENTORING',
  'LIVELIHOOD_MODEL_KIND_VOCATIONAL_TRAINING_WITH_JOB', 'LIVELIHOOD_MODEL_KIND_LABOUR_EXPORT',
  'LIVELIHOOD_MODEL_KIND_OTHER',
];

// existing: the LivelihoodModel JSON being changed, or null for a new one.
// onSaved(answer) gets UpsertLivelihoodModelResponse.
export function modelForm({ account, organizations, existing, onSaved, onCancel }) {
  const staff = isStaff(account);
  const model = existing || {};
  // Staff run only their organization's models; a ward officer picks any
  // active organization (and keeps an inactive one already chosen).
  const offered = organizations.filter((o) => (staff ? o.id === account.organization_id : o.active || o.id === model.organization_id));
  const built = form({
    className: 'model-form',
    fields: [
      { name: 'name', id: 'model-name', label: t('console.models.form.name'), value: model.name || '', required: true, hint: t('console.models.form.name_hint') },
      {
        name: 'model_id',
        id: 'model-id',
        label: t('console.models.form.id'),
        value: model.model_id || '',
        required: true,
        hint: existing ? t('console.models.form.id_fixed') : t('console.models.form.id_hint'),
        attrs: { readonly: Boolean(existing), autocomplete: 'off', spellcheck: 'false' },
      },
      {
        name: 'kind',
        id: 'model-kind',
        type: 'select',
        label: t('console.models.form.kind'),
        value: model.kind || '',
        required: true,
        options: [{ value: '', label: t('console.models.form.choose_kind') }, ...enumChoices('livelihood_kind', MODEL_KINDS, 'LIVELIHOOD_MODEL_KIND_')],
      },
      {
        name: 'organization_id',
        id: 'model-organization',
        type: 'select',
        label: t('console.models.form.organization'),
        value: model.organization_id || (staff ? account.organization_id : ''),
        required: true,
        options: [...(staff ? [] : [{ value: '', label: t('console.models.form.choose_organization') }]), ...offered.map((o) => ({ value: o.id, label: o.name }))],
      },
      { name: 'started_on', id: 'model-started', type: 'date', label: t('console.models.form.started'), value: model.started_on || '', required: true, attrs: { max: format.wardToday() } },
      { name: 'ended_on', id: 'model-ended', type: 'date', label: t('console.models.form.ended'), value: model.ended_on || '', hint: t('console.models.form.ended_hint') },
      {
        name: 'resources_vnd',
        id: 'model-resources',
        label: t('console.models.form.resources'),
        value: model.resources_vnd && model.resources_vnd !== '0' ? format.number(model.resources_vnd) : '',
        hint: t('console.models.form.resources_hint'),
        attrs: { inputmode: 'numeric', autocomplete: 'off' },
      },
      { name: 'resources_description', id: 'model-resources-words', label: t('console.models.form.resources_words'), value: model.resources_description || '', hint: t('console.models.form.resources_words_hint') },
      {
        name: 'residential_groups',
        id: 'model-groups',
        label: t('console.models.form.groups'),
        value: (model.residential_groups || []).join(', '),
        hint: t('console.models.form.groups_hint'),
      },
      { name: 'description', id: 'model-description', type: 'textarea', label: t('console.models.form.description'), value: model.description || '', hint: t('console.models.form.description_hint') },
      { name: 'reason', id: 'model-reason', label: t('console.models.form.reason'), value: existing ? t('console.models.form.reason_change') : t('console.models.form.reason_new'), required: true },
    ],
    submitLabel: existing ? t('console.models.form.save') : t('console.models.form.create'),
    submitTest: 'save-model',
    onCancel,
    onSubmit: async (values) => {
      const { model: typed, problems } = modelFromForm(values);
      if (problems.length) throw { message: t('console.models.form.invalid'), violations: problems };
      const answer = await call('Assignment', 'UpsertLivelihoodModel', { model: typed, reason: values.reason });
      await onSaved(answer);
    },
  });
  if (!existing) {
    const name = built.querySelector('#model-name');
    const id = built.querySelector('#model-id');
    let typedId = false;
    id.addEventListener('input', () => {
      typedId = id.value !== '';
    });
    name.addEventListener('input', () => {
      if (!typedId) id.value = modelIdFrom(name.value);
    });
  }
  echoDates(built);
  return built;
}
