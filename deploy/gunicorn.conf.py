"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py negotiation_prep.wsgi`.

Values can still be overridden on the command line or with GUNICORN_CMD_ARGS.

The app is loaded once in the master and every page module is imported before the
workers fork (preload + warm_up): otherwise each worker imports the views, and with them
WeasyPrint, on its first request, which takes seconds and on a busy machine can run into
the worker timeout. Forked workers also share that memory.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
preload_app = True
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200

accesslog = "-"
errorlog = "-"
# Client address (as the proxy saw it), request line, status, bytes, time in ms, referrer, agent.
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'


def when_ready(server):
    """Import the URLconf (and so every view module) in the master, before forking."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the import is the point)
    server.log.info("URLconf and views imported before forking workers")
