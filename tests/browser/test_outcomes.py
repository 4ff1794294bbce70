"""Kết quả hỗ trợ and Báo cáo, used as a ward officer and a member of staff
would: the outcomes of the ward's supported households (outcome_ward.cc)
grouped by support type, with names, a suppressed cell shown as "<5" and
why, the figures the monitoring service answers, the explanations, the
Kaplan-Meier step chart and the income chart; the final review downloaded as
a PDF whose text has the Vietnamese headings (pdftotext), in English when the
page is, and a table as CSV; both screens on a 360 px phone without sideways
scrolling."""

import base64
import os
import subprocess
import tempfile
import unittest

from selenium.webdriver.support.ui import Select

from harness import OFFICER, WOMENS_UNION, ApiClient, ConsoleTest, looks_vietnamese

PHONE_WIDTH = 360


def fold_spaces(text):
    return ' '.join(text.split())


class OutcomesTest(ConsoleTest):

    # --- helpers ----------------------------------------------------------

    def service_outcomes(self, dimension):
        client = ApiClient(self.stack.console)
        self.assertEqual(client.sign_in(OFFICER, self.stack.password(OFFICER)).status, 200)
        answer = client.rpc('Monitoring', 'GetOutcomes', {'dimension': dimension})
        self.assertEqual(answer.status, 200, answer.body)
        return answer.json()

    def fetch(self, url):
        """GET `url` from the page, as its link would, with the browser's
        cookie: {status, type, disposition, bytes}."""
        answer = self.driver.execute_async_script(
            'const done = arguments[arguments.length - 1];'
            'fetch(arguments[0], {credentials: "same-origin"}).then(async (r) => {'
            '  const bytes = new Uint8Array(await r.arrayBuffer());'
            '  let text = "";'
            '  for (let i = 0; i < bytes.length; i += 0x8000) {'
            '    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));'
            '  }'
            '  done({status: r.status, type: r.headers.get("Content-Type"),'
            '        disposition: r.headers.get("Content-Disposition"), body: btoa(text)});'
            '}, (e) => done({error: String(e)}));', url)
        self.assertNotIn('error', answer, answer)
        answer['bytes'] = base64.b64decode(answer.pop('body'))
        return answer

    def pdf_text(self, data):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, 'report.pdf')
            with open(path, 'wb') as pdf:
                pdf.write(data)
            return subprocess.run(['pdftotext', '-layout', path, '-'], check=True, capture_output=True,
                                  text=True, timeout=60).stdout

    def as_phone(self):
        self.driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {
            'width': PHONE_WIDTH, 'height': 740, 'deviceScaleFactor': 2, 'mobile': True})
        self.addCleanup(self.driver.execute_cdp_cmd, 'Emulation.clearDeviceMetricsOverride', {})

    def assert_phone_wide(self, where):
        layout_width, scroll_width = self.driver.execute_script(
            'return [document.documentElement.clientWidth, document.scrollingElement.scrollWidth];')
        self.assertEqual(layout_width, PHONE_WIDTH, 'the page is not laid out phone-wide')
        self.assertLessEqual(scroll_width, PHONE_WIDTH, f'{where} scrolls sideways at {PHONE_WIDTH} px')

    def row_of(self, name):
        rows = [row for row in self.find_all('tr[data-group-key]')
                if row.find_elements('css selector', '[data-test=group-name]')
                and row.find_element('css selector', '[data-test=group-name]').text == name]
        self.assertEqual(len(rows), 1, f'no single row named {name!r}: {self.page_text()[:800]}')
        return rows[0]

    # --- tests ------------------------------------------------------------

    def test_outcomes_by_support_type_name_the_groups_and_match_the_service(self):
        service = self.service_outcomes('OUTCOME_DIMENSION_SUPPORT_TYPE')
        groups = {g['key']: g for g in service['groups']}
        card = groups['SUPPORT_TYPE_HEALTH_INSURANCE_CARD']
        loan = groups['SUPPORT_TYPE_POLICY_CREDIT']
        self.assertEqual(card['supported']['count'], 10)
        self.assertEqual(card['escaped_12_months']['count'], 5)
        self.assertTrue(loan['supported']['suppressed'], 'the two loans are not a suppressed group')

        self.sign_in(OFFICER)
        self.open_route('ket-qua?by=type', 'ket-qua')
        self.wait_visible('tr[data-group-key]', 'no group is listed')
        card_row = self.row_of('thẻ bảo hiểm y tế')
        self.assertEqual(card_row.get_attribute('data-group-key'), 'SUPPORT_TYPE_HEALTH_INSURANCE_CARD')
        cells = [fold_spaces(cell.text) for cell in card_row.find_elements('css selector', 'td')]
        escaped = card['escaped_12_months']
        self.assertIn(str(card['supported']['count']), cells[1])
        self.assertIn('50,00%', cells[3])
        self.assertIn(f'{escaped["count"]}/{escaped["denominator"]} hộ', cells[3])
        # The Wilson interval of 5 of 10, as the service computed it.
        self.assertIn(f'({escaped["lower_percent"]:.2f}%'.replace('.', ','), cells[3])
        self.assertIn('990.000 ₫ → 1.500.000 ₫', ' '.join(cells))
        self.assertFalse(card_row.find_elements('css selector', '[data-test=suppressed]'))

        loan_row = self.row_of('tín dụng chính sách')
        hidden = loan_row.find_elements('css selector', '[data-test=suppressed]')
        self.assertGreaterEqual(len(hidden), 6, 'the loans\' figures are not all suppressed')
        self.assertEqual({cell.text for cell in hidden}, {'<5'})
        why = hidden[0].get_attribute('title')
        self.assertTrue(looks_vietnamese(why) and '5' in why, why)
        legend = self.find('[data-test=suppressed-legend]')
        self.assertTrue(legend.is_displayed())
        self.assertEqual(hidden[0].get_attribute('aria-describedby'), legend.get_attribute('id'))
        # Nothing of the two households leaks through the row.
        for amount in ('30.000.000', '60.000.000', '2/'):
            self.assertNotIn(amount, loan_row.text)

        self.driver.execute_script('arguments[0].scrollIntoView({block: "start"});',
                                   self.find('[data-test=outcomes-summary]'))
        self.screenshot('outcomes')

        # How the figures were computed opens on demand, in the page's words.
        self.assertFalse(self.visible('[data-test=explanation-panel]'))
        card_row.find_element('css selector', '[data-test=explain]').click()
        panel = self.wait_visible('[data-test=explanation-panel]', 'the explanation did not open')
        explained = panel.text
        self.assertIn('thẻ bảo hiểm y tế', explained)
        self.assertIn('Wilson', explained)
        self.assertIn('Kaplan–Meier', explained)
        self.assertIn('10 hộ', explained)
        self.assertNotIn('outcome.explain', explained)
        self.assertEqual(card_row.find_element('css selector', '[data-test=explain]').get_attribute('aria-expanded'),
                         'true')

        # The step chart: an image with its title, a curve and its band per group ticked.
        chart = self.find('svg[data-test=step-chart]')
        self.assertEqual(chart.get_attribute('role'), 'img')
        title_id = chart.get_attribute('aria-labelledby')
        self.assertTrue(self.find(f'#{title_id}').get_attribute('textContent'))
        ticked = [box for box in self.find_all('[data-test=curve-choice] input') if box.is_selected()]
        self.assertGreaterEqual(len(ticked), 2)
        self.assertEqual(len(chart.find_elements('css selector', '[data-test=step-line]')), len(ticked))
        self.assertEqual(len(chart.find_elements('css selector', '[data-test=step-band]')), len(ticked))
        ticked[0].click()
        self.wait(lambda: len(self.find('svg[data-test=step-chart]').find_elements(
            'css selector', '[data-test=step-line]')) == len(ticked) - 1, 'unticking a group left its curve')
        # Its figures as a table on demand: the five escapes of the card's curve.
        self.assertEqual(len(card['escape_curve']), 5)
        self.find('.curve-slot details summary').click()
        curve_rows = [row.text for row in self.find_all('.curve-slot details tbody tr')
                      if row.text.startswith('thẻ bảo hiểm y tế')]
        self.assertEqual(len(curve_rows), 5, curve_rows)
        self.assertIn('50,00%', curve_rows[-1])
        self.assertTrue(self.find('svg[data-test=range-chart]').is_displayed())
        self.assert_accessible('Kết quả hỗ trợ')

    def test_organizations_helpers_and_models_by_name_and_the_period_kept_in_the_address(self):
        self.sign_in(OFFICER)
        self.open_route('ket-qua')
        for by, key, name in (('organization', 'fatherland-front', 'Ủy ban MTTQ phường'),
                              ('helper', 'front-01', 'Hoàng Văn Thắng'),
                              ('model', 'bo-giong-tdp04', 'Nuôi bò sinh sản TDP 4')):
            with self.subTest(by=by):
                Select(self.find('#outcomes-by')).select_by_value(by)
                self.find('[data-test=show-outcomes]').click()
                self.wait(lambda: f'by={by}' in self.driver.current_url, 'the choice is not in the address')
                self.wait_page('ket-qua')
                row = self.wait_visible(f'tr[data-group-key="{key}"]', f'{key} is not listed')
                self.assertEqual(row.find_element('css selector', '[data-test=group-name]').text, name)
                self.assertIn('5/10 hộ', row.text)
        self.find('[data-test=period-resolution]').click()
        self.wait(lambda: 'from=2021-01-01' in self.driver.current_url and 'to=2025-12-31' in self.driver.current_url,
                  'the resolution\'s period is not in the address')
        self.wait_page('ket-qua')
        summary = self.wait_visible('[data-test=outcomes-summary]').text
        self.assertIn('01/01/2021', summary)
        self.assertIn('31/12/2025', summary)

    def test_final_review_downloads_as_a_pdf_with_vietnamese_headings_and_its_tables_as_csv(self):
        self.sign_in(OFFICER)
        self.open_route('bao-cao')
        link = self.find('[data-test=pdf-final]')
        href = link.get_attribute('href')
        self.assertIn('kind=final', href)
        self.assertIn('lang=vi', href)
        self.assertIn('format=pdf', href)
        pdf = self.fetch(href)
        self.assertEqual(pdf['status'], 200, pdf['bytes'][:300])
        self.assertEqual(pdf['type'], 'application/pdf')
        self.assertIn('attachment', pdf['disposition'])
        self.assertTrue(pdf['bytes'].startswith(b'%PDF'), pdf['bytes'][:20])
        text = fold_spaces(self.pdf_text(pdf['bytes']))
        self.assertIn('Báo cáo tổng kết thực hiện Nghị quyết về giảm nghèo bền vững giai đoạn 2021-2025', text)
        self.assertIn('Biến động hộ nghèo, hộ cận nghèo', text)
        self.assertIn('Các mô hình sinh kế hiệu quả', text)

        self.find('[data-test=list-tables-final]').click()
        tables = self.wait(lambda: self.visible('[data-test=tables-final] [data-test=table-csv]'),
                           'the report\'s tables are not listed')
        self.assertGreater(len(tables), 3)
        self.assertTrue(all(looks_vietnamese(table.text) for table in tables), [t.text for t in tables])
        csv = self.fetch(tables[0].get_attribute('href'))
        self.assertEqual(csv['status'], 200, csv['bytes'][:300])
        self.assertTrue(csv['type'].startswith('text/csv'))
        self.assertTrue(csv['bytes'].startswith('\ufeff'.encode('utf-8')), 'the CSV has no byte-order mark')
        self.assertTrue(looks_vietnamese(csv['bytes'].decode('utf-8')))
        self.screenshot('reports')
        self.assert_accessible('Báo cáo')

        # In English, the page's links ask for the English report.
        self.find('[data-test=lang-en]').click()
        self.wait(lambda: self.driver.execute_script('return document.documentElement.lang') == 'en',
                  'the page did not switch to English')
        self.open_route('bao-cao')
        Select(self.find('#yearly-year')).select_by_value('2025')
        yearly = self.find('[data-test=pdf-yearly]').get_attribute('href')
        self.assertIn('lang=en', yearly)
        self.assertIn('year=2025', yearly)
        english = fold_spaces(self.pdf_text(self.fetch(yearly)['bytes']))
        self.assertIn('Report on sustainable poverty reduction, 2025', english)
        self.find('[data-test=lang-vi]').click()
        self.wait(lambda: self.driver.execute_script('return document.documentElement.lang') == 'vi',
                  'the page did not switch back to Vietnamese')

    def test_staff_read_both_screens_on_a_phone_without_sideways_scrolling(self):
        self.as_phone()
        self.sign_in(WOMENS_UNION)
        self.open_route('ket-qua?by=type', 'ket-qua')
        self.wait_visible('tr[data-group-key]', 'no group is listed to staff')
        self.assert_phone_wide('Kết quả hỗ trợ')
        self.assertTrue(self.visible('[data-test=suppressed]'))
        chart = self.find('svg[data-test=step-chart]')
        self.assertTrue(chart.is_displayed())
        self.driver.execute_script('arguments[0].scrollIntoView({block: "center"});', chart)
        self.screenshot('phone_outcomes')
        self.assert_accessible('Kết quả hỗ trợ on a phone')
        self.open_route('bao-cao')
        self.find('[data-test=list-tables-yearly]').click()
        self.wait(lambda: self.visible('[data-test=tables-yearly] [data-test=table-csv]'),
                  'the yearly report\'s tables are not listed')
        self.assert_phone_wide('Báo cáo')
        self.screenshot('phone_reports')


if __name__ == '__main__':
    unittest.main()
