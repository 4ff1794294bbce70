"""What every browser test file shares (tests/browser, issue 16).

One ansinh-browser-stack per test file (a real Redis, the four services, the
console and a small ward; see stack_main.cc), one headless Debian Chromium per
file driven through Debian's chromedriver (both passed explicitly, so nothing
ever downloads a browser), screenshots under the build folder, axe-core
injected into the page, and a small HTTP client (urllib) for what a browser
does not show: status codes, headers, cookies.

Paths come from the environment that tests/browser/CMakeLists.txt gives ctest:
  ANSINH_BROWSER_STACK        the launcher binary
  ANSINH_BROWSER_SCREENSHOTS  where <test>.png go
  ANSINH_AXE_JS               axe.min.js installed by `npm ci` (install_axe.sh)
"""

import http.client
import json
import os
import selectors
import ssl
import subprocess
import time
import unittest
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, 'build', 'debug')

STACK_BIN = os.environ.get('ANSINH_BROWSER_STACK', os.path.join(BUILD, 'bin', 'ansinh-browser-stack'))
SCREENSHOTS = os.environ.get('ANSINH_BROWSER_SCREENSHOTS', os.path.join(BUILD, 'browser-screenshots'))
AXE_JS = os.environ.get('ANSINH_AXE_JS', os.path.join(BUILD, 'browser-node', 'node_modules', 'axe-core', 'axe.min.js'))
CHROMIUM = '/usr/bin/chromium'
CHROMEDRIVER = '/usr/bin/chromedriver'

# How long a screen may take to show after a click: the console calls the
# services over gRPC, which answer in milliseconds; this only absorbs a busy
# 2-core machine.
WAIT_SECONDS = 20

# The demo accounts of the contract (tests/browser/browser_ward.cc makes them).
OFFICER = 'canbo.phuong'
WOMENS_UNION = 'hoi.phunu'
FARMERS_UNION = 'hoi.nongdan'
AUDITOR = 'kiem.toan'
DISPLAY_NAMES = {
    OFFICER: 'Trần Văn Minh',
    WOMENS_UNION: 'Nguyễn Thị Lan',
    FARMERS_UNION: 'Lê Văn Hùng',
    AUDITOR: 'Phạm Thị Thu',
}
# The menu each role is offered (routes), in the contract's order.
MENUS = {
    OFFICER: ['tong-quan', 'ho-gia-dinh', 'ho-so', 'mo-hinh-sinh-ke', 'thien-tai', 'ra-soat', 'canh-bao', 'ket-qua',
              'bao-cao', 'kiem-toan', 'quan-tri', 'nhap-du-lieu'],
    WOMENS_UNION: ['tong-quan', 'ho-gia-dinh', 'ho-so', 'mo-hinh-sinh-ke', 'thien-tai', 'canh-bao', 'ket-qua', 'bao-cao'],
    FARMERS_UNION: ['tong-quan', 'ho-gia-dinh', 'ho-so', 'mo-hinh-sinh-ke', 'thien-tai', 'canh-bao', 'ket-qua',
                    'bao-cao'],
    AUDITOR: ['tong-quan', 'ho-gia-dinh', 'canh-bao', 'ket-qua', 'bao-cao', 'kiem-toan'],
}

# Letters only Vietnamese writes: a message containing one is Vietnamese,
# not an English or a raw catalog key.
VIETNAMESE_LETTERS = set('ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ')


def looks_vietnamese(text):
    return any(letter in VIETNAMESE_LETTERS for letter in text.lower()) and 'console.' not in text


class Stack:
    """ansinh-browser-stack as a child: its description (first stdout line)
    and its queries (stack_queries.h), answered from the services over gRPC."""

    def __init__(self, *args):
        self.process = subprocess.Popen([STACK_BIN, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, encoding='utf-8')
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        line = self._read_line(180)
        if not line:
            code = self.process.wait(30)
            self.process.stdout.close()
            self.process.stdin.close()
            raise RuntimeError(f'ansinh-browser-stack exited ({code}) before describing the stack; see its stderr')
        self.info = json.loads(line)

    def _read_line(self, timeout):
        if not self._selector.select(timeout):
            self.close()
            raise RuntimeError(f'ansinh-browser-stack said nothing for {timeout} s')
        return self.process.stdout.readline()

    @property
    def console(self):
        return self.info['console']

    def password(self, username):
        return self.info['accounts'][username]

    def query(self, command):
        self.process.stdin.write(command + '\n')
        self.process.stdin.flush()
        answer = json.loads(self._read_line(60))
        if 'error' in answer:
            raise AssertionError(f'the stack could not answer "{command}": {answer["error"]}')
        return answer

    def cases(self):
        """Every case by id, as the assignment service holds it."""
        return {c['case_id']: c for c in self.query('cases')['cases']}

    def close(self):
        if self.process.poll() is not None:
            return
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(30)
        self.process.stdout.close()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body) if self.body else None

    def cookies(self):
        """The Set-Cookie headers, as sent."""
        return self.headers.get_all('Set-Cookie') or []


class ApiClient:
    """The console's HTTP API as a script sees it: one session cookie and its
    CSRF token, kept by hand so every header is visible to the test."""

    def __init__(self, base_url):
        self.base = urllib.parse.urlsplit(base_url)
        self.session_cookie = None
        self.csrf_token = None

    def _connection(self):
        if self.base.scheme == 'https':
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection(self.base.hostname, self.base.port, timeout=30, context=context)
        return http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=30)

    def request(self, method, path, body=None, headers=None, csrf=True, cookie=True, lang='vi'):
        sent = {'X-Ansinh-Lang': lang, 'Accept': 'application/json'}
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            sent['Content-Type'] = 'application/json'
        if cookie and self.session_cookie:
            sent['Cookie'] = self.session_cookie
        if csrf and self.csrf_token and method != 'GET':
            sent['X-CSRF-Token'] = self.csrf_token
        sent.update(headers or {})
        connection = self._connection()
        try:
            connection.request(method, path, body=body, headers=sent)
            reply = connection.getresponse()
            return Response(reply.status, reply.headers, reply.read().decode('utf-8'))
        finally:
            connection.close()

    def sign_in(self, username, password):
        response = self.request('POST', '/api/session', {'username': username, 'password': password})
        if response.status == 200:
            for header in response.cookies():
                name_value = header.split(';', 1)[0].strip()
                if name_value.startswith('ansinh_session='):
                    self.session_cookie = name_value
            self.csrf_token = response.json()['csrf_token']
        return response

    def rpc(self, service, method, request=None, **options):
        return self.request('POST', f'/api/rpc/{service}/{method}', request or {}, **options)


def chromium(width=1280, height=900, accept_insecure_certs=False):
    """Headless Debian Chromium through Debian's chromedriver, never Selenium
    Manager: both paths are given."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.add_argument('--headless=new')
    if os.geteuid() == 0:
        options.add_argument('--no-sandbox')
    options.add_argument('--disable-dev-shm-usage')
    options.add_argument('--disable-gpu')
    options.add_argument('--no-first-run')
    # What a test browser does not need and would spend CPU on: every test
    # file runs its own browser beside the rest of the suite.
    options.add_argument('--disable-background-networking')
    options.add_argument('--disable-component-update')
    options.add_argument('--disable-extensions')
    options.add_argument('--disable-sync')
    options.add_argument('--mute-audio')
    # One site (the console on loopback): isolating it in processes of its
    # own per navigation only costs renderer start-ups.
    options.add_argument('--disable-features=site-per-process,Translate,OptimizationHints,MediaRouter')
    options.add_argument('--disable-site-isolation-trials')
    options.add_argument(f'--window-size={width},{height}')
    options.add_argument('--lang=vi-VN')
    options.add_experimental_option('prefs', {'intl.accept_languages': 'vi-VN,vi'})
    if accept_insecure_certs:
        options.add_argument('--ignore-certificate-errors')
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    return driver


_axe_source = []


def axe_source():
    """axe.min.js's text, read once."""
    if _axe_source:
        return _axe_source[0]
    if not os.path.exists(AXE_JS):
        raise AssertionError(f'axe-core is not installed at {AXE_JS}: run tests/browser/install_axe.sh '
                             '(ctest runs it as the fixture browser_axe)')
    with open(AXE_JS, encoding='utf-8') as source:
        _axe_source.append(source.read())
    return _axe_source[0]


class ConsoleTest(unittest.TestCase):
    """One stack and one browser for every test of a file; each test starts
    signed out on the sign-in page."""

    # Launcher arguments of the file (e.g. TLS flags for the console).
    STACK_ARGS = ()
    WINDOW = (1280, 900)
    ACCEPT_INSECURE_CERTS = False

    @classmethod
    def setUpClass(cls):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        cls.stack = Stack(*cls.STACK_ARGS)
        try:
            cls.driver = chromium(*cls.WINDOW, accept_insecure_certs=cls.ACCEPT_INSECURE_CERTS)
        except Exception:
            cls.stack.close()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
        finally:
            cls.stack.close()

    def setUp(self):
        self.sign_out_if_signed_in()

    # --- navigation -------------------------------------------------------

    def wait(self, condition, message, seconds=WAIT_SECONDS):
        try:
            return WebDriverWait(self.driver, seconds, poll_frequency=0.1).until(lambda driver: condition())
        except TimeoutException:
            self.screenshot(f'{self.id().split(".")[-1]}-timeout')
            raise AssertionError(f'{message} (waited {seconds} s); page shows:\n{self.page_text()[:1500]}') from None

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def visible(self, css):
        return [element for element in self.find_all(css) if element.is_displayed()]

    def wait_visible(self, css, message=None, seconds=WAIT_SECONDS):
        return self.wait(lambda: (self.visible(css) or [None])[0], message or f'{css} did not appear', seconds)

    def page_text(self):
        try:
            return self.find('body').text
        except Exception:  # noqa: BLE001 - only for a failure message
            return '(no page)'

    def open_route(self, route, page_id=None):
        """Goes to #/<route> and waits until its page (main#page-<id>) has
        rendered: present, with content, and no loading line left. Within the
        console only the hash changes, as when a user follows a menu link:
        the app renders every route into a new <main>, so the one that was on
        screen is remembered and never taken for the new page. Asking for the
        route already shown renders it again (the app's hashchange handler,
        run once more). A full page load costs the browser four times the CPU
        of a hash change, and the suite opens hundreds of routes; loading the
        console from its address is what sign_in and the deep-link tests do."""
        page_id = page_id or route.split('/')[0]
        if not self.driver.current_url.startswith(self.stack.console):
            self.driver.get(f'{self.stack.console}/#/{route}')
            return self.wait_page(page_id)
        self.driver.execute_script(
            'window.__ansinhPreviousMain = document.querySelector("main");'
            'if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent("hashchange"));'
            'else location.hash = arguments[0];', f'#/{route}')
        return self.wait_page(page_id, fresh=True)

    def wait_page(self, page_id, fresh=False):
        """Waits until main#page-<id> has rendered; with fresh, only a <main>
        other than the one open_route saw before it changed the route."""
        css = f'main#page-{page_id}'

        def ready():
            pages = self.find_all(css)
            if not pages:
                return None
            ready_now = self.driver.execute_script(
                'const m = arguments[0];'
                'if (arguments[1] && m === window.__ansinhPreviousMain) return false;'
                'return m.children.length > 0 && !m.querySelector(".loading") && !m.getAttribute("aria-busy");',
                pages[0], fresh)
            return pages[0] if ready_now else None

        return self.wait(ready, f'the page {css} did not finish rendering')

    # --- sessions ---------------------------------------------------------

    def sign_in(self, username, password=None, expect_success=True):
        self.sign_out_if_signed_in()
        self.driver.get(f'{self.stack.console}/#/dang-nhap')
        self.wait_page('dang-nhap')
        user = self.find('#username')
        user.clear()
        user.send_keys(username)
        secret = self.find('#password')
        secret.clear()
        secret.send_keys(password if password is not None else self.stack.password(username))
        self.find('[data-test=sign-in]').click()
        if expect_success:
            self.wait_visible('[data-test=user-name]', f'{username} was not signed in')
            self.wait_page('tong-quan')

    def sign_out_if_signed_in(self):
        """Signed out, on the console. A page of the console already on screen
        is used as it is (its top bar has the sign-out button); anything else
        loads the console."""
        if not (self.driver.current_url.startswith(self.stack.console) and self.find_all('main[id^=page-]')):
            self.driver.get(f'{self.stack.console}/')
            self.wait(lambda: self.find_all('main[id^=page-]'), 'the console did not load')
        buttons = self.visible('[data-test=sign-out]')
        if buttons:
            buttons[0].click()
            self.wait_page('dang-nhap')

    # --- evidence ---------------------------------------------------------

    def screenshot(self, name=None):
        """Saves the screen as <build>/browser-screenshots/<name>.png (the
        test's own name by default) and returns the path."""
        path = os.path.join(SCREENSHOTS, f'{name or self.id().split(".")[-1]}.png')
        self.driver.save_screenshot(path)
        return path

    def axe_violations(self):
        """axe-core's serious and critical violations on the current page."""
        if not self.driver.execute_script('return typeof window.axe !== "undefined";'):
            self.driver.execute_script(axe_source())
        result = self.driver.execute_async_script(
            'const done = arguments[arguments.length - 1];'
            'axe.run(document, {resultTypes: ["violations"]})'
            '  .then((r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,'
            '     nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}))))'
            '  .catch((e) => done({error: String(e)}));')
        if isinstance(result, dict):
            raise AssertionError(f'axe-core failed: {result["error"]}')
        return [v for v in result if v['impact'] in ('serious', 'critical')]

    def assert_accessible(self, where):
        violations = self.axe_violations()
        self.assertEqual(violations, [], f'axe-core: serious or critical violations on {where}')

    def assert_no_horizontal_scroll(self, where):
        """Nothing wider than the window. Compared with the window's width,
        not window.innerWidth: a phone browser zooms out to show a page too
        wide for it, and innerWidth grows with it."""
        width = self.WINDOW[0]
        layout_width, scroll_width = self.driver.execute_script(
            'return [document.documentElement.clientWidth, document.scrollingElement.scrollWidth];')
        self.assertEqual(layout_width, width, 'the page is not laid out at the window\'s width')
        self.assertLessEqual(scroll_width, width, f'{where} scrolls sideways at {width} px')

    def notice_text(self):
        return self.wait_visible('[data-test=notice]', 'no success notice appeared').text

    def error_text(self):
        return self.wait_visible('[data-test=form-error], [data-test=page-error]', 'no error was shown').text
