"""Drives headless Chromium against a running `handout preview`.

Arguments: the preview's address and the project's handout.toml. Opens the
first document, checks its page images load, edits the handout's title and
waits for the first page image to show something else.
"""

import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

address, handout = sys.argv[1], sys.argv[2]
options = Options()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(60)


def first_page():
    """The first page image's pixels once it has loaded."""
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            images = driver.find_elements(By.CSS_SELECTOR, ".sheet img")
            if images and driver.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", images[0]
            ):
                return images[0].screenshot_as_png, len(images)
        except Exception:  # the page reloading under us
            pass
        time.sleep(0.05)
    raise SystemExit("browser: the page images did not load")


try:
    driver.get(address + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "a[href^='/doc/']")
    if not rows:
        raise SystemExit("browser: the index lists no document")
    driver.get(address + "/doc/0")
    before, count = first_page()
    print(f"browser: document 0 shows {count} page images")

    source = open(handout, encoding="utf-8").read()
    edited = source.replace("Constitutional reform 2026", "Referendum guide 2027", 1)
    edited = edited.replace("Конституциялық реформа", "Референдум нұсқаулығы", 1)
    edited = edited.replace("Конституционная реформа", "Путеводитель по референдуму", 1)
    if edited == source:
        raise SystemExit("browser: the title to edit was not found")
    saved = time.time()
    with open(handout, "w", encoding="utf-8") as f:
        f.write(edited)

    while True:
        after, _ = first_page()
        if after != before:
            break
        if time.time() - saved > 10:
            raise SystemExit("browser: the page image did not change after the save")
        time.sleep(0.05)
    took = time.time() - saved
    print(f"browser: the page image changed {took:.2f} s after the save")
    if took > 2.0:
        raise SystemExit(f"browser: {took:.2f} s is more than 2 s")
finally:
    driver.quit()
