"""Mô hình sinh kế and Thiên tai, dịch bệnh, used as the ward would: the
ward officer creates a livelihood model and joins households to it in bulk
from the caseload (each household done, already taking part, or refused with
the reason), and declares a flood; the Women's Union, on a 360 px phone,
marks the flood's residential group at once, sees its poor households listed
as not yet contacted (and on Cảnh báo, with a link to each household), records
relief for one, and sees its alert clear. The assignment service then holds
exactly those changes."""

import datetime
import unittest

from selenium.webdriver.support.ui import Select

from harness import OFFICER, WOMENS_UNION, ApiClient, ConsoleTest, looks_vietnamese

PHONE_WIDTH = 360
MODEL_NAME = 'Trồng rau an toàn TDP 1–2'
MODEL_ID = 'trong-rau-an-toan-tdp-1-2'
FLOOD_NAME = 'Lũ lụt tháng 12/2026'


class ModelsAndEmergenciesTest(ConsoleTest):

    # --- helpers ----------------------------------------------------------

    def day(self, days_from_today):
        today = datetime.date.fromisoformat(self.stack.info['today'])
        return (today + datetime.timedelta(days=days_from_today)).isoformat()

    def set_value(self, css, value):
        """A field's value as typing it would leave it (a date field is typed
        in the browser's own order, so dates are set, not typed)."""
        self.driver.execute_script(
            'const e = arguments[0]; e.value = arguments[1];'
            'e.dispatchEvent(new Event("input", {bubbles: true}));'
            'e.dispatchEvent(new Event("change", {bubbles: true}));', self.find(css), value)

    def household(self, head):
        return self.stack.info['households'][head]

    def case_of(self, cases, household_id):
        found = [c for c in cases.values() if c['household_id'] == household_id]
        self.assertEqual(len(found), 1, household_id)
        return found[0]

    def api(self, username):
        client = ApiClient(self.stack.console)
        self.assertEqual(client.sign_in(username, self.stack.password(username)).status, 200)
        return client

    def as_phone(self):
        self.driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {
            'width': PHONE_WIDTH, 'height': 740, 'deviceScaleFactor': 2, 'mobile': True})
        self.addCleanup(self.driver.execute_cdp_cmd, 'Emulation.clearDeviceMetricsOverride', {})

    def assert_phone_wide(self, where):
        layout_width, scroll_width = self.driver.execute_script(
            'return [document.documentElement.clientWidth, document.scrollingElement.scrollWidth];')
        self.assertEqual(layout_width, PHONE_WIDTH, 'the page is not laid out phone-wide')
        self.assertLessEqual(scroll_width, PHONE_WIDTH, f'{where} scrolls sideways at {PHONE_WIDTH} px')

    def tick(self, household_id):
        self.find(f'tr[data-household-id="{household_id}"] input[data-test=select-household]').click()

    def not_contacted(self):
        return {item.get_attribute('data-household-id') for item in self.find_all('[data-test=not-contacted] li')}

    def wait_not_contacted(self, expected, message):
        """Presses "Cập nhật danh sách" until the list is `expected`: the
        monitoring service computes alerts from events it consumes a moment
        after the change."""
        def settled():
            if self.not_contacted() == expected:
                return True
            buttons = self.visible('[data-test=refresh-alerts]')
            if buttons and not self.find_all('main .loading'):
                buttons[0].click()
            return False
        self.wait(settled, message, seconds=40)

    # --- tests ------------------------------------------------------------

    def test_officer_creates_a_model_and_joins_households_in_bulk(self):
        women = [self.household(head) for head in ('Nguyễn Thị Hương', 'Trần Thị Bích', 'Lê Văn Tám')]
        outside = self.household('Võ Văn Dũng')  # TDP-03: not one of the model's groups
        self.sign_in(OFFICER)
        self.open_route('mo-hinh-sinh-ke')
        seeded = self.wait_visible('tr[data-model-id="bo-giong-tdp04"]', 'the ward\'s model is not listed')
        self.assertIn('Nuôi bò sinh sản TDP 4', seeded.text)
        self.assertIn('Ủy ban MTTQ phường', seeded.text)
        self.assertIn('200.000.000 ₫', seeded.text)

        self.find('[data-test=new-model]').click()
        self.wait_visible('#model-name').send_keys(MODEL_NAME)
        self.assertEqual(self.find('#model-id').get_attribute('value'), MODEL_ID, 'the id is not suggested from the name')
        Select(self.find('#model-kind')).select_by_value('LIVELIHOOD_MODEL_KIND_CROPS')
        Select(self.find('#model-organization')).select_by_value('womens-union')
        self.set_value('#model-started', self.day(-10))
        self.find('#model-resources').send_keys('50.000.000')
        self.find('#model-resources-words').send_keys('Giống rau, nhà lưới 200 m²')
        self.find('#model-groups').send_keys('TDP-01, TDP-02')
        self.assert_accessible('the new model\'s form')
        self.find('[data-test=save-model]').click()
        self.wait_page('mo-hinh-sinh-ke-chi-tiet')
        self.assertIn(MODEL_NAME, self.notice_text())
        self.assertIn(f'mo-hinh-sinh-ke/{MODEL_ID}', self.driver.current_url)

        # The model's own groups are offered first; a household elsewhere is
        # found among every group's.
        offered = {row.get_attribute('data-household-id') for row in self.find_all('tr[data-case-id]')}
        self.assertTrue(set(women) <= offered)
        self.assertNotIn(outside, offered)
        Select(self.find('#join-group')).select_by_value('')
        for household_id in [*women, outside]:
            self.tick(household_id)
        self.find('[data-test=bulk-join]').click()
        self.wait_visible('[data-test=bulk-results]', 'no outcome was listed')
        done = {item.get_attribute('data-household-id') for item in self.find_all('[data-test=bulk-done]')}
        self.assertEqual(done, set(women))
        refused = self.find_all('[data-test=bulk-refused]')
        self.assertEqual([item.get_attribute('data-household-id') for item in refused], [outside])
        self.assertIn('Võ Văn Dũng', refused[0].text)
        self.assertTrue(looks_vietnamese(refused[0].text.split(':', 1)[1]), refused[0].text)
        self.driver.execute_script('arguments[0].scrollIntoView({block: "start"});',
                                   self.find('[data-test=bulk-results]'))
        self.screenshot('model_joined')
        self.assert_accessible('the model after the bulk join')

        # The service holds exactly those joinings.
        cases = self.stack.cases()
        for household_id in women:
            joined = [p for p in self.case_of(cases, household_id)['participations'] if p['model_id'] == MODEL_ID]
            self.assertEqual(len(joined), 1, household_id)
            self.assertEqual(joined[0]['joined_on'], self.stack.info['today'])
        self.assertFalse([p for p in self.case_of(cases, outside)['participations'] if p['model_id'] == MODEL_ID])
        listed = self.api(OFFICER).rpc('Assignment', 'ListLivelihoodModels', {}).json()['models']
        summary = [m for m in listed if m['model']['model_id'] == MODEL_ID][0]
        self.assertEqual(summary['households_taking_part'], 3)
        self.assertEqual(summary['model']['resources_vnd'], '50000000')
        self.assertEqual(summary['model']['residential_groups'], ['TDP-01', 'TDP-02'])

        # The page is current: the three are among the model's households and
        # no longer offered.
        Select(self.find('#join-group')).select_by_value('')
        offered = {row.get_attribute('data-household-id') for row in self.find_all('tr[data-case-id]')}
        self.assertFalse(offered & set(women), 'households taking part are still offered')
        self.assertIn(outside, offered)
        self.assertIn('Hộ tham gia (3)', self.page_text())

    def test_flood_declared_marked_by_staff_on_a_phone_alerts_raised_and_cleared(self):
        huong, bich = self.household('Nguyễn Thị Hương'), self.household('Trần Thị Bích')
        self.sign_in(OFFICER)
        self.open_route('thien-tai')
        self.find('[data-test=new-emergency]').click()
        Select(self.wait_visible('#emergency-kind')).select_by_value('EMERGENCY_KIND_FLOOD')
        self.find('#emergency-name').send_keys(FLOOD_NAME)
        self.set_value('#emergency-began', self.day(-2))
        self.find('#emergency-groups').send_keys('TDP-01')
        self.find('#emergency-reason').send_keys('Công văn số 12/UBND')
        self.find('[data-test=declare-emergency]').click()
        self.wait_page('thien-tai-chi-tiet')
        self.assertIn(FLOOD_NAME, self.notice_text())
        emergency_id = self.driver.current_url.rsplit('/', 1)[1]
        self.assertRegex(emergency_id, r'^EMG-\d{4}-\d+$')
        declared = [e['emergency'] for e in self.api(OFFICER).rpc('Assignment', 'ListEmergencies', {}).json()['emergencies']
                    if e['emergency']['emergency_id'] == emergency_id]
        self.assertEqual(len(declared), 1)
        self.assertEqual(declared[0]['residential_groups'], ['TDP-01'])
        self.assertEqual(declared[0]['began_on'], self.day(-2))

        # The Women's Union marks the whole group from a phone.
        self.as_phone()
        self.sign_in(WOMENS_UNION)
        self.open_route('thien-tai')
        self.wait_visible(f'tr[data-emergency-id="{emergency_id}"]', 'the flood is not listed to staff')
        self.assert_phone_wide('the emergencies')
        self.open_route(f'thien-tai/{emergency_id}', 'thien-tai-chi-tiet')
        self.assertEqual(self.not_contacted(), set())
        self.find('[data-test=mark-all-groups]').click()
        self.wait_visible('[data-test=confirm-yes]').click()
        self.wait_visible('[data-test=bulk-results]', 'no outcome was listed')
        done = {item.get_attribute('data-household-id') for item in self.find_all('[data-test=bulk-done]')}
        self.assertEqual(done, {huong, bich})
        self.assertFalse(self.find_all('[data-test=bulk-refused]'))
        cases = self.stack.cases()
        for household_id in (huong, bich):
            marks = [m for m in self.case_of(cases, household_id)['emergency_marks'] if m['emergency_id'] == emergency_id]
            self.assertEqual(len(marks), 1, household_id)

        # Marking the group again changes nothing and says so.
        self.find('[data-test=mark-all-groups]').click()
        self.wait_visible('[data-test=confirm-yes]').click()
        self.wait(lambda: {item.get_attribute('data-household-id') for item in self.find_all('[data-test=bulk-already]')}
                  == {huong, bich}, 'households marked before were not reported as such')
        self.assertFalse(self.find_all('[data-test=bulk-done]'))
        self.assertEqual(self.stack.cases(), cases)

        self.wait_not_contacted({huong, bich}, 'the marked poor households are not listed as not contacted')
        self.assert_phone_wide('the emergency')
        self.driver.execute_script('arguments[0].scrollIntoView({block: "start"});',
                                   self.find('[data-test=not-contacted]').find_element('xpath', './ancestor::section'))
        self.screenshot('phone_emergency')
        self.assert_accessible('the emergency on a phone')

        # Cảnh báo lists them too, each with a link to its household.
        self.open_route('canh-bao')
        rows = self.find_all('tr[data-alert-kind=EMERGENCY_NOT_CONTACTED]')
        self.assertEqual({row.get_attribute('data-household-id') for row in rows}, {huong, bich})
        for row in rows:
            link = row.find_element('css selector', 'a')
            self.assertIn(f'#/ho-gia-dinh/{row.get_attribute("data-household-id")}', link.get_attribute('href'))
            self.assertNotIn('console.', row.text)
        self.assert_phone_wide('the alerts')

        # Relief for one household, naming the flood, clears its alert.
        case_id = self.case_of(cases, huong)['case_id']
        self.open_route(f'ho-so/{case_id}', 'ho-so-chi-tiet')
        self.find('[data-test=record-support]').click()
        Select(self.wait_visible('#support-type')).select_by_value('SUPPORT_TYPE_EMERGENCY_RELIEF')
        Select(self.find('#support-emergency')).select_by_value(emergency_id)
        self.find('#support-amount').send_keys('2.000.000')
        self.find('#support-provider').send_keys('Hội Liên hiệp Phụ nữ phường')
        self.find('[data-test=save-support]').click()
        self.assertTrue(looks_vietnamese(self.notice_text()))
        relief = [s for s in self.case_of(self.stack.cases(), huong)['support_records'] if s['emergency_id'] == emergency_id]
        self.assertEqual(len(relief), 1)
        self.assertEqual(relief[0]['amount_vnd'], '2000000')
        self.open_route(f'thien-tai/{emergency_id}', 'thien-tai-chi-tiet')
        self.wait_not_contacted({bich}, 'the relieved household is still listed as not contacted')
        self.assert_phone_wide('the emergency after the relief')


if __name__ == '__main__':
    unittest.main()
