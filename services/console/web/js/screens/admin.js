// Quản trị (#/quan-tri), ward officers: the staff accounts that sign in to
// the console (Accounts), the ward's organizations and their helpers
// (Assignment). Each list has one form that creates or changes an entry;
// the services check everything and their refusals show next to the field.

import { call } from '../api.js';
import { t, enumWord } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, form, notice, pageError, loading, pageHeader, section } from '../ui.js';
import { isWardOfficer, organizationName, enumChoices, ROLES } from '../work.js';

const TABS = ['accounts', 'organizations', 'helpers'];

export async function render(root, ctx) {
  const header = pageHeader(t('console.admin.title'));
  if (!isWardOfficer(ctx.account)) {
    clear(root).append(header, pageError({ message: t('console.admin.not_allowed') }));
    return;
  }
  const tab = TABS.includes(ctx.params && ctx.params.tab) ? ctx.params.tab : 'accounts';
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('console.admin.sections') },
    TABS.map((name) =>
      h('a', { href: `#/quan-tri?tab=${name}`, 'data-test': `tab-${name}`, 'aria-current': name === tab ? 'page' : null, class: name === tab ? 'tab active' : 'tab' }, t(`console.admin.tab.${name}`)),
    ),
  );
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const formSlot = h('div', {});
  const listSlot = h('div', {});
  clear(root).append(header, tabs, messages, formSlot, listSlot);
  listSlot.append(loading());

  let organizations = [];
  try {
    organizations = (await call('Assignment', 'ListOrganizations', { include_inactive: true })).organizations || [];
  } catch (err) {
    clear(listSlot).append(pageError(err));
    return;
  }

  const say = (text) => {
    clear(messages).append(notice(text));
  };
  const closeForm = () => clear(formSlot);
  function openForm(built) {
    clear(formSlot).append(built);
    const first = formSlot.querySelector('input:not([readonly]), select, textarea');
    if (first) first.focus();
    formSlot.scrollIntoView({ block: 'start' });
  }
  const organizationOptions = (withNone) => [
    ...(withNone ? [{ value: '', label: t('console.admin.none') }] : []),
    ...organizations.map((o) => ({ value: o.id, label: o.active ? o.name : t('console.work.inactive_name', { name: o.name }) })),
  ];
  const activeText = (active) => (active ? t('console.admin.active') : t('console.admin.inactive'));

  // ---------- accounts ----------
  async function accounts() {
    clear(listSlot).append(loading());
    let list;
    try {
      list = (await call('Accounts', 'ListAccounts', {})).accounts || [];
    } catch (err) {
      clear(listSlot).append(pageError(err));
      return;
    }
    function accountForm(existing) {
      const fields = [
        { name: 'username', id: 'account-username', label: t('console.admin.account.username'), value: existing ? existing.username : '', required: true, hint: existing ? null : t('console.admin.account.username_hint'), paths: ['account.username', 'username'], attrs: existing ? { readonly: true } : { autocomplete: 'off' } },
        { name: 'display_name', id: 'account-name', label: t('console.admin.account.display_name'), value: existing ? existing.display_name : '', required: true, paths: ['account.display_name', 'display_name'] },
        { name: 'role', id: 'account-role', type: 'select', label: t('console.admin.account.role'), value: existing ? existing.role : 'ROLE_ORGANIZATION_STAFF', options: enumChoices('role', ROLES, 'ROLE_'), paths: ['account.role', 'role'] },
        { name: 'organization_id', id: 'account-organization', type: 'select', label: t('console.admin.account.organization'), value: existing ? existing.organization_id : '', options: organizationOptions(true), hint: t('console.admin.account.organization_hint'), paths: ['account.organization_id', 'organization_id'] },
        { name: 'active', id: 'account-active', type: 'checkbox', label: t('console.admin.account.active'), value: existing ? existing.active : true, paths: ['account.active', 'active'] },
      ];
      if (!existing) {
        fields.push({ name: 'password', id: 'account-password', type: 'password', label: t('console.admin.account.password'), hint: t('console.admin.account.password_hint'), required: true, attrs: { autocomplete: 'new-password' } });
      }
      const built = form({
        fields,
        submitLabel: existing ? t('console.admin.save') : t('console.admin.account.create'),
        submitTest: 'save-account',
        onCancel: closeForm,
        onSubmit: async (v) => {
          const account = { username: v.username.trim(), display_name: v.display_name.trim(), role: v.role, organization_id: v.organization_id, active: v.active };
          if (existing) {
            const answer = await call('Accounts', 'UpdateAccount', account);
            closeForm();
            await accounts();
            say(answer.sessions_ended ? t('console.admin.account.updated_ended', { name: account.username, count: answer.sessions_ended }) : t('console.admin.account.updated', { name: account.username }));
          } else {
            await call('Accounts', 'CreateAccount', { account, password: v.password });
            closeForm();
            await accounts();
            say(t('console.admin.account.created', { name: account.username }));
          }
        },
      });
      return section(existing ? t('console.admin.account.edit_title', { name: existing.username }) : t('console.admin.account.new_title'), built);
    }
    function passwordForm(existing) {
      return section(
        t('console.admin.account.password_title', { name: existing.username }),
        form({
          fields: [{ name: 'password', id: 'account-new-password', type: 'password', label: t('console.admin.account.password'), hint: t('console.admin.account.password_hint'), required: true, attrs: { autocomplete: 'new-password' } }],
          submitLabel: t('console.admin.account.set_password'),
          submitTest: 'save-password',
          onCancel: closeForm,
          onSubmit: async (v) => {
            await call('Accounts', 'SetPassword', { username: existing.username, password: v.password });
            closeForm();
            await accounts();
            say(t('console.admin.account.password_set', { name: existing.username }));
          },
        }),
      );
    }
    clear(listSlot).append(
      section(
        t('console.admin.tab.accounts'),
        h('button', { type: 'button', class: 'primary', 'data-test': 'new-account', onclick: () => openForm(accountForm(null)) }, t('console.admin.account.new')),
        table({
          columns: [
            { header: t('console.admin.account.username'), value: (a) => a.username },
            { header: t('console.admin.account.display_name'), value: (a) => format.personName(a.display_name) },
            { header: t('console.admin.account.role'), value: (a) => enumWord('role', a.role, 'ROLE_') },
            { header: t('console.admin.account.organization'), value: (a) => organizationName(organizations, a.organization_id) },
            {
              header: t('console.admin.column.status'),
              value: (a) =>
                [activeText(a.active), a.locked_until ? t('console.admin.account.locked_until', { at: format.dateTime(a.locked_until) }) : ''].filter(Boolean).join(' · '),
            },
            { header: t('console.admin.account.last_sign_in'), value: (a) => format.dateTime(a.last_sign_in_at) },
            {
              header: t('console.case.column.actions'),
              noExport: true,
              value: () => '',
              cell: (a) =>
                h(
                  'span',
                  { class: 'row-actions' },
                  h('button', { type: 'button', class: 'small', 'data-test': 'edit-account', onclick: () => openForm(accountForm(a)) }, t('console.admin.edit')),
                  h('button', { type: 'button', class: 'small secondary', 'data-test': 'set-password', onclick: () => openForm(passwordForm(a)) }, t('console.admin.account.set_password')),
                ),
            },
          ],
          rows: list,
          rowAttrs: (a) => ({ 'data-username': a.username }),
          exportName: 'tai-khoan',
        }),
      ),
    );
  }

  // ---------- organizations ----------
  async function organizationsTab() {
    let workload = { organizations: [] };
    try {
      workload = await call('Assignment', 'GetWorkload', { include_inactive: true });
    } catch (_) {
      // Shown without the load.
    }
    const loads = new Map((workload.organizations || []).map((w) => [w.organization_id, w]));
    function organizationForm(existing) {
      return section(
        existing ? t('console.admin.organization.edit_title', { name: existing.name }) : t('console.admin.organization.new_title'),
        form({
          fields: [
            { name: 'id', id: 'organization-id', label: t('console.admin.organization.id'), value: existing ? existing.id : '', required: true, hint: existing ? null : t('console.admin.id_hint'), paths: ['organization.id'], attrs: existing ? { readonly: true } : {} },
            { name: 'name', id: 'organization-name', label: t('console.admin.organization.name'), value: existing ? existing.name : '', required: true, paths: ['organization.name'] },
            { name: 'groups', id: 'organization-groups', label: t('console.admin.organization.groups'), value: existing ? (existing.residential_groups || []).join(', ') : '', hint: t('console.admin.organization.groups_hint'), required: true, paths: ['organization.residential_groups'] },
            { name: 'capacity', id: 'organization-capacity', type: 'number', label: t('console.admin.organization.capacity'), value: existing ? String(existing.capacity) : '', required: true, paths: ['organization.capacity'], attrs: { min: 1, inputmode: 'numeric' } },
            { name: 'active', id: 'organization-active', type: 'checkbox', label: t('console.admin.organization.active'), value: existing ? existing.active : true, paths: ['organization.active'] },
            { name: 'reason', id: 'organization-reason', label: t('console.admin.reason'), required: true, paths: ['reason'] },
          ],
          submitLabel: t('console.admin.save'),
          submitTest: 'save-organization',
          onCancel: closeForm,
          onSubmit: async (v) => {
            const organization = {
              id: v.id.trim(),
              name: v.name.trim(),
              residential_groups: v.groups.split(/[,\s]+/).map((g) => g.trim()).filter(Boolean),
              capacity: Number(v.capacity) || 0,
              active: v.active,
            };
            const answer = await call('Assignment', 'UpsertOrganization', { organization, reason: v.reason.trim() });
            organizations = (await call('Assignment', 'ListOrganizations', { include_inactive: true })).organizations || [];
            closeForm();
            await organizationsTab();
            say(t(answer.created ? 'console.admin.organization.created' : 'console.admin.organization.saved', { name: organization.name }));
          },
        }),
      );
    }
    clear(listSlot).append(
      section(
        t('console.admin.tab.organizations'),
        h('button', { type: 'button', class: 'primary', 'data-test': 'new-organization', onclick: () => openForm(organizationForm(null)) }, t('console.admin.organization.new')),
        table({
          columns: [
            { header: t('console.admin.organization.id'), value: (o) => o.id },
            { header: t('console.admin.organization.name'), value: (o) => o.name },
            { header: t('console.admin.organization.groups'), value: (o) => (o.residential_groups || []).join(', ') },
            {
              header: t('console.admin.organization.load'),
              value: (o) => {
                const load = loads.get(o.id);
                return t('console.admin.organization.load_value', { open: load ? load.open_cases : 0, capacity: o.capacity });
              },
            },
            { header: t('console.admin.column.status'), value: (o) => activeText(o.active) },
            {
              header: t('console.case.column.actions'),
              noExport: true,
              value: () => '',
              cell: (o) => h('button', { type: 'button', class: 'small', 'data-test': 'edit-organization', onclick: () => openForm(organizationForm(o)) }, t('console.admin.edit')),
            },
          ],
          rows: organizations,
          rowAttrs: (o) => ({ 'data-organization-id': o.id }),
          exportName: 'to-chuc',
        }),
      ),
    );
  }

  // ---------- helpers ----------
  async function helpersTab() {
    clear(listSlot).append(loading());
    let helpers;
    let workload = { helpers: [] };
    try {
      [helpers, workload] = await Promise.all([
        call('Assignment', 'ListHelpers', { include_inactive: true }).then((r) => r.helpers || []),
        call('Assignment', 'GetWorkload', { include_inactive: true }).catch(() => ({ helpers: [] })),
      ]);
    } catch (err) {
      clear(listSlot).append(pageError(err));
      return;
    }
    const loads = new Map((workload.helpers || []).map((w) => [w.helper_id, w]));
    function helperForm(existing) {
      return section(
        existing ? t('console.admin.helper.edit_title', { name: format.personName(existing.full_name) }) : t('console.admin.helper.new_title'),
        form({
          fields: [
            { name: 'id', id: 'helper-id', label: t('console.admin.helper.id'), value: existing ? existing.id : '', required: true, hint: existing ? null : t('console.admin.id_hint'), paths: ['helper.id'], attrs: existing ? { readonly: true } : {} },
            { name: 'full_name', id: 'helper-name', label: t('console.admin.helper.name'), value: existing ? existing.full_name : '', required: true, paths: ['helper.full_name'] },
            { name: 'organization_id', id: 'helper-organization', type: 'select', label: t('console.admin.helper.organization'), value: existing ? existing.organization_id : '', options: organizationOptions(false), paths: ['helper.organization_id'] },
            { name: 'phone', id: 'helper-phone', type: 'tel', label: t('console.admin.helper.phone'), value: existing ? existing.phone : '', hint: t('console.admin.helper.phone_hint'), paths: ['helper.phone'] },
            { name: 'max_caseload', id: 'helper-max', type: 'number', label: t('console.admin.helper.max'), value: existing ? String(existing.max_caseload) : '', required: true, paths: ['helper.max_caseload'], attrs: { min: 1, inputmode: 'numeric' } },
            { name: 'active', id: 'helper-active', type: 'checkbox', label: t('console.admin.helper.active'), value: existing ? existing.active : true, paths: ['helper.active'] },
            { name: 'reason', id: 'helper-reason', label: t('console.admin.reason'), required: true, paths: ['reason'] },
          ],
          submitLabel: t('console.admin.save'),
          submitTest: 'save-helper',
          onCancel: closeForm,
          onSubmit: async (v) => {
            const helper = {
              id: v.id.trim(),
              full_name: v.full_name.trim(),
              organization_id: v.organization_id,
              phone: v.phone.trim(),
              max_caseload: Number(v.max_caseload) || 0,
              active: v.active,
            };
            const answer = await call('Assignment', 'UpsertHelper', { helper, reason: v.reason.trim() });
            closeForm();
            await helpersTab();
            say(t(answer.created ? 'console.admin.helper.created' : 'console.admin.helper.saved', { name: helper.full_name }));
          },
        }),
      );
    }
    clear(listSlot).append(
      section(
        t('console.admin.tab.helpers'),
        h('button', { type: 'button', class: 'primary', 'data-test': 'new-helper', onclick: () => openForm(helperForm(null)) }, t('console.admin.helper.new')),
        table({
          columns: [
            { header: t('console.admin.helper.id'), value: (x) => x.id },
            { header: t('console.admin.helper.name'), value: (x) => format.personName(x.full_name) },
            { header: t('console.admin.helper.organization'), value: (x) => organizationName(organizations, x.organization_id) },
            { header: t('console.admin.helper.phone'), value: (x) => x.phone },
            {
              header: t('console.admin.helper.load'),
              value: (x) => {
                const load = loads.get(x.id);
                return t('console.admin.organization.load_value', { open: load ? load.open_cases : 0, capacity: x.max_caseload });
              },
            },
            { header: t('console.admin.column.status'), value: (x) => activeText(x.active) },
            {
              header: t('console.case.column.actions'),
              noExport: true,
              value: () => '',
              cell: (x) => h('button', { type: 'button', class: 'small', 'data-test': 'edit-helper', onclick: () => openForm(helperForm(x)) }, t('console.admin.edit')),
            },
          ],
          rows: helpers,
          rowAttrs: (x) => ({ 'data-helper-id': x.id }),
          exportName: 'nguoi-giup-do',
        }),
      ),
    );
  }

  if (tab === 'accounts') await accounts();
  else if (tab === 'organizations') await organizationsTab();
  else await helpersTab();
}
