"""
What `apprise -vv -t TITLE -b BODY URL` does (apprise/cli.py of 1.2.0: the same asset, the same
Apprise object, the same notify call and exit codes), for many URLs in one Python process: the
interpreter and Apprise's plugins load once, not once per URL (about a second each).

Reads one JSON object a line on stdin, {"url", "title", "body"}; answers each with one JSON line
on stdout, {"exitCode", "log", "waits"}. Apprise's throttle (5.5 s between two posts of one URL)
runs on a fake clock: each sleep it asks for is recorded in "waits" (seconds) and returns at once,
time moving on by it, so the test asserts the throttle without sitting it out.
"""

import io
import json
import logging
import sys
from datetime import datetime as real_datetime, timedelta

import apprise
from apprise.common import ContentLocation
from apprise.logger import logger

waits = []
slept = timedelta()
START = real_datetime(2026, 1, 1)


class FakeDatetime:
    """The `datetime` URLBase.throttle reads `now()` from: it moves only by the recorded sleeps."""

    @staticmethod
    def now():
        return START + slept


def fake_sleep(seconds):
    global slept
    waits.append(seconds)
    slept += timedelta(seconds=seconds)


# The module, not the URLBase class apprise/__init__.py exports under the same name.
url_base = sys.modules["apprise.URLBase"]
url_base.sleep = fake_sleep
url_base.datetime = FakeDatetime


def notify(url, title, body):
    """cli.main with -vv: the log at INFO in the CLI's format; exit 0, 1 (a failure) or 3 (none)."""
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(asctime)s - %(levelname)s - %(message)s"))
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    asyncio_logger = logging.getLogger("asyncio")
    asyncio_logger.addHandler(handler)
    asyncio_logger.setLevel(logging.INFO)
    waits.clear()
    try:
        asset = apprise.AppriseAsset(
            body_format="text", interpret_escapes=False, theme="default", async_mode=True
        )
        a = apprise.Apprise(asset=asset, debug=False, location=ContentLocation.LOCAL)
        a.add(url)
        result = a.notify(body=body, title=title, notify_type="info", tag=None, attach=None)
    finally:
        logger.removeHandler(handler)
        asyncio_logger.removeHandler(handler)
    exit_code = 3 if result is None else 1 if result is False else 0
    return {"exitCode": exit_code, "log": log.getvalue(), "waits": list(waits)}


def main():
    # Answers go to the real stdout only; anything a plugin prints goes to stderr.
    answers = sys.stdout
    sys.stdout = sys.stderr
    for line in sys.stdin:
        request = json.loads(line)
        answer = notify(request["url"], request["title"], request["body"])
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


main()
