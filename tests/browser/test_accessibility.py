"""axe-core, from npm (package-lock.json), run inside every screen for each
role the screen serves: no violation of impact serious or critical. Each
screen is also saved as a screenshot, <role>_<screen>.png."""

import unittest

from harness import AUDITOR, MENUS, OFFICER, WOMENS_UNION, ConsoleTest


class AccessibilityTest(ConsoleTest):

    def check_role(self, username):
        household_id = self.stack.info['households']['Nguyễn Thị Hương']
        case_id = sorted(self.stack.info['cases']['womens-union'])[0]
        screens = [(route, route) for route in MENUS[username]]
        screens.append((f'ho-gia-dinh/{household_id}', 'ho-gia-dinh-chi-tiet'))
        if 'ho-so' in MENUS[username]:
            screens.append((f'ho-so/{case_id}', 'ho-so-chi-tiet'))
        self.sign_in(username)
        failures = {}
        for route, page_id in screens:
            with self.subTest(username=username, screen=page_id):
                self.open_route(route, page_id)
                errors = [error.text for error in self.visible('[data-test=page-error]')]
                self.assertEqual(errors, [], f'{username} gets an error on {route}')
                self.screenshot(f'{username.replace(".", "_")}_{page_id}')
                violations = self.axe_violations()
                if violations:
                    failures[page_id] = violations
        self.assertEqual(failures, {}, f'axe-core: serious or critical violations for {username}')

    def test_ward_officer_screens(self):
        self.check_role(OFFICER)

    def test_organization_staff_screens(self):
        self.check_role(WOMENS_UNION)

    def test_auditor_screens(self):
        self.check_role(AUDITOR)

    def test_english_screens_of_the_ward_officer(self):
        self.sign_in(OFFICER)
        self.find('[data-test=lang-en]').click()
        self.wait(lambda: self.driver.execute_script('return document.documentElement.lang') == 'en',
                  'the page did not switch to English')
        for route in MENUS[OFFICER]:
            with self.subTest(screen=route):
                self.open_route(route)
                self.assertEqual(self.driver.execute_script('return document.documentElement.lang'), 'en')
                self.assertNotIn('console.', self.find(f'main#page-{route}').text, 'a catalog key is shown')
                self.assert_accessible(f'{route} in English')
        self.screenshot()
        self.find('[data-test=lang-vi]').click()
        self.wait(lambda: self.driver.execute_script('return document.documentElement.lang') == 'vi',
                  'the page did not switch back to Vietnamese')


if __name__ == '__main__':
    unittest.main()

