"""Hộ gia đình: a search typed without diacritics finds the household of
"Nguyễn Thị Hương", for each role that may search, and its page opens."""

import unittest

from selenium.webdriver.common.keys import Keys

from harness import AUDITOR, OFFICER, WOMENS_UNION, ApiClient, ConsoleTest

HEAD = 'Nguyễn Thị Hương'


class HouseholdSearchTest(ConsoleTest):

    def search(self, text):
        self.open_route('ho-gia-dinh')
        box = self.find('#household-search')
        box.clear()
        box.send_keys(text)
        self.find('[data-test=search]').click()
        household_id = self.stack.info['households'][HEAD]
        return self.wait_visible(f'tr[data-household-id="{household_id}"]',
                                 f'"{text}" did not find the household {household_id} of {HEAD}')

    def test_search_without_diacritics_finds_nguyen_thi_huong(self):
        self.sign_in(OFFICER)
        row = self.search('nguyen thi huong')
        self.assertIn(HEAD, row.text)
        # Every row shown matches what was typed: the unrelated heads of the
        # ward are not listed.
        shown = [r.text for r in self.visible('tr[data-household-id]')]
        for other in ('Võ Văn Dũng', 'Lê Văn Tám', 'Đặng Văn Lực'):
            self.assertFalse(any(other in text for text in shown), f'{other} listed for "nguyen thi huong": {shown}')
        self.screenshot()
        self.assert_accessible('the household search of the ward officer')

    def test_search_with_diacritics_and_enter_key_finds_the_same_household(self):
        self.sign_in(OFFICER)
        self.open_route('ho-gia-dinh')
        box = self.find('#household-search')
        box.send_keys('Nguyễn Thị Hương', Keys.ENTER)
        household_id = self.stack.info['households'][HEAD]
        row = self.wait_visible(f'tr[data-household-id="{household_id}"]', 'Enter did not search')
        self.assertIn(HEAD, row.text)
        self.screenshot()

    def test_household_page_opens_for_each_role(self):
        household_id = self.stack.info['households'][HEAD]
        for username in (OFFICER, WOMENS_UNION, AUDITOR):
            with self.subTest(username=username):
                self.sign_in(username)
                self.search('nguyen thi huong')
                self.assert_accessible(f'the household list of {username}')
                self.open_route(f'ho-gia-dinh/{household_id}', 'ho-gia-dinh-chi-tiet')
                page = self.find('main#page-ho-gia-dinh-chi-tiet')
                self.assertIn(HEAD, page.text)
                self.assertFalse(self.visible('[data-test=page-error]'),
                                 f'{username} got an error on the household page: {page.text[:500]}')
                self.screenshot(f'household_page_{username.replace(".", "_")}')
                self.assert_accessible(f'the household page of {username}')
                self.find('[data-test=sign-out]').click()
                self.wait_page('dang-nhap')

    def test_everything_held_about_a_household_downloads_as_a_vietnamese_document(self):
        household_id = self.stack.info['households'][HEAD]
        self.sign_in(OFFICER)
        self.open_route(f'ho-gia-dinh/{household_id}', 'ho-gia-dinh-chi-tiet')
        link = self.wait_visible('[data-test=export-personal-html]', 'no personal data export on the page')
        self.assertIn('/api/export/personal-data', link.get_attribute('href'))
        self.screenshot()
        self.assert_accessible('the household page with its personal data export')

        client = ApiClient(self.stack.console)
        self.assertEqual(client.sign_in(OFFICER, self.stack.password(OFFICER)).status, 200)
        response = client.request('GET', f'/api/export/personal-data?household_id={household_id}&format=html')
        self.assertEqual(response.status, 200, response.body[:500])
        self.assertIn('attachment', response.headers.get('Content-Disposition', ''))
        self.assertEqual(response.headers.get('Cache-Control'), 'no-store')
        self.assertIn(HEAD, response.body)
        self.assertIn('lang="vi"', response.body)
        bad = client.request('GET', '/api/export/personal-data?household_id=HH%2F..&format=pdf')
        self.assertEqual(bad.status, 400, bad.body)
        self.assertIn('household_id', bad.body)
        self.assertIn('format', bad.body)

        # Staff see no export and the services refuse them one.
        staff = ApiClient(self.stack.console)
        self.assertEqual(staff.sign_in(WOMENS_UNION, self.stack.password(WOMENS_UNION)).status, 200)
        refused = staff.request('GET', f'/api/export/personal-data?household_id={household_id}&format=json')
        self.assertEqual(refused.status, 403, refused.body[:500])
        self.find('[data-test=sign-out]').click()
        self.wait_page('dang-nhap')
        self.sign_in(WOMENS_UNION)
        self.open_route(f'ho-gia-dinh/{household_id}', 'ho-gia-dinh-chi-tiet')
        self.assertFalse(self.find_all('[data-test=export-personal-html]'))


if __name__ == '__main__':
    unittest.main()
