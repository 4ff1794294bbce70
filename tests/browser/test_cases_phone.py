"""Hồ sơ hỗ trợ on a 360×740 phone: the Women's Union account assigns one
helper to three cases at once and records a visit, and the assignment
service then holds exactly those changes; nothing on these screens scrolls
sideways; another organization's case is refused in Vietnamese and nothing
changes."""

import unittest

from selenium.webdriver.support.ui import Select

from harness import WOMENS_UNION, ConsoleTest, looks_vietnamese

PHONE = (360, 740)
HELPER = 'women-01'
VISIT_NOTE = 'Thăm hộ lần đầu; gia đình cần hỗ trợ vay vốn.'


def history_actions(case, since_version):
    return [entry['action'] for entry in case['history'] if int(entry['version']) > since_version]


class PhoneCaseworkTest(ConsoleTest):
    WINDOW = PHONE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A phone's viewport exactly (the window size alone leaves the
        # browser free to pick another); `mobile` makes the page's viewport
        # meta apply as on a phone.
        cls.driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {
            'width': PHONE[0], 'height': PHONE[1], 'deviceScaleFactor': 2, 'mobile': True})

    def setUp(self):
        super().setUp()
        self.assertEqual(self.driver.execute_script('return document.documentElement.clientWidth'), PHONE[0],
                         'the page is not laid out phone-wide')
        self.sign_in(WOMENS_UNION)

    def women_cases(self):
        return sorted(self.stack.info['cases']['womens-union'])

    def other_case(self):
        return self.stack.info['cases']['farmers-union'][0]

    def test_assigns_one_helper_to_three_cases_and_records_a_visit(self):
        before = self.stack.cases()
        streams_before = self.stack.query('changes')['streams']
        chosen = self.women_cases()[:3]
        untouched = [case_id for case_id in before if case_id not in chosen]
        for case_id in self.women_cases():
            self.assertEqual(before[case_id]['helper_id'], '', f'{case_id} already has a helper')

        page = self.open_route('ho-so')
        self.wait_visible('tr[data-case-id]', 'the caseload lists no case')
        listed = {row.get_attribute('data-case-id') for row in self.find_all('tr[data-case-id]')}
        self.assertEqual(listed, set(self.women_cases()), 'the caseload is not exactly the organization\'s cases')
        self.assert_no_horizontal_scroll('the caseload')
        self.screenshot('phone_caseload')
        self.assert_accessible('the caseload on a phone')

        helpers = Select(self.find('#bulk-helper'))
        offered = {option.get_attribute('value') for option in helpers.options} - {''}
        self.assertIn(HELPER, offered)
        self.assertNotIn('women-03', offered, 'an inactive helper is offered')
        self.assertNotIn('farmers-01', offered, 'another organization\'s helper is offered')
        for case_id in chosen:
            self.find(f'tr[data-case-id="{case_id}"] input[data-test=select-case]').click()
        helpers.select_by_value(HELPER)
        self.find('[data-test=bulk-assign]').click()
        self.wait(lambda: len(self.find_all('[data-test=bulk-ok]')) == 3,
                  'the three assignments were not all reported done')
        self.assertFalse(self.find_all('[data-test=bulk-refused]'))
        self.assertTrue(looks_vietnamese(self.notice_text()), self.notice_text())
        self.assert_no_horizontal_scroll('the caseload after the bulk assignment')
        self.driver.execute_script('arguments[0].scrollIntoView({block: "start"});', self.find('[data-test=notice]'))
        self.screenshot('phone_bulk_assigned')
        self.assertTrue(page.is_displayed())

        visited = chosen[0]
        self.open_route(f'ho-so/{visited}', 'ho-so-chi-tiet')
        self.assert_no_horizontal_scroll('the case page')
        self.assert_accessible('the case page on a phone')
        self.find('[data-test=record-visit]').click()
        note = self.wait_visible('#visit-note', 'the visit form did not open')
        visit_date = self.find('#visit-date').get_attribute('value')
        self.assertEqual(visit_date, self.stack.info['today'], 'the visit date does not default to today')
        note.send_keys(VISIT_NOTE)
        self.assert_no_horizontal_scroll('the visit form')
        self.screenshot('phone_visit_form')
        self.assert_accessible('the visit form on a phone')
        self.find('[data-test=save-visit]').click()
        self.assertTrue(looks_vietnamese(self.notice_text()), self.notice_text())
        self.assert_no_horizontal_scroll('the case page after the visit')
        self.screenshot()

        after = self.stack.cases()
        for case_id in chosen:
            self.assertEqual(after[case_id]['helper_id'], HELPER, case_id)
            expected = ['CASE_ACTION_HELPER_ASSIGNED'] + (['CASE_ACTION_VISIT_RECORDED'] if case_id == visited else [])
            self.assertEqual(history_actions(after[case_id], int(before[case_id]['version'])), expected, case_id)
        for case_id in untouched:
            self.assertEqual(after[case_id], before[case_id], f'{case_id} changed though nobody touched it')
        visits = after[visited]['visits']
        self.assertEqual(len(visits), 1)
        self.assertEqual(visits[0]['visited_on'], self.stack.info['today'])
        self.assertIn(VISIT_NOTE, visits[0]['notes'])
        self.assertEqual(visits[0]['recorded_by']['name'], 'Nguyễn Thị Lan')
        streams_after = self.stack.query('changes')['streams']
        stream = 'ansinh:{p0}:events:assignment'
        self.assertEqual(streams_after[stream] - streams_before[stream], 4,
                         'the assignment service published other than 3 helper changes and 1 visit')

    def test_another_organizations_case_is_refused_in_vietnamese_and_nothing_changes(self):
        before = self.stack.cases()
        streams_before = self.stack.query('changes')['streams']
        self.open_route(f'ho-so/{self.other_case()}', 'ho-so-chi-tiet')
        message = self.wait_visible('[data-test=page-error]', 'another organization\'s case was not refused').text
        self.assertTrue(looks_vietnamese(message), f'the refusal is not Vietnamese: {message!r}')
        self.assertFalse(self.visible('[data-test=record-visit]'), 'a visit is offered on another organization\'s case')
        farmers_head = 'Võ Văn Dũng'
        self.assertNotIn(farmers_head, self.page_text(), 'the refused case still shows its household')
        self.assert_no_horizontal_scroll('the refusal')
        self.screenshot()
        self.assert_accessible('the refusal page')
        # Nor does asking the API directly, as a hand-made request would.
        status = self.driver.execute_async_script(
            'const done = arguments[arguments.length - 1];'
            'import("/static/js/api.js").then((api) => api.call("Assignment", "RecordVisit", {'
            '  case_id: arguments[0], visited_on: arguments[1], notes: "x", reason: "x"}))'
            '  .then(() => done(200), (err) => done(err.status));', self.other_case(), self.stack.info['today'])
        self.assertEqual(status, 403)
        self.assertEqual(self.stack.cases(), before)
        self.assertEqual(self.stack.query('changes')['streams'], streams_before)


if __name__ == '__main__':
    unittest.main()
