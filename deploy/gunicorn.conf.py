"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py negotiation_prep.wsgi`.

Values can still be overridden on the command line or with GUNICORN_CMD_ARGS.

The app is loaded once in the master, and every view module is imported and every
template compiled before the workers fork (preload + core.warmup): otherwise each worker
imports the views, and with them WeasyPrint, on its first request, which takes seconds
and on a busy machine can run into the worker timeout, then compiles each template as a
user first opens its page. Forked workers also share that memory.
"""

import gc
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
    """Before forking: import every view, compile every template (core/warmup.py).

    Then move everything loaded so far out of the garbage collector's sight: otherwise
    a worker's full collections walk those objects too (about 80 ms each, seen on the
    stage 3 page), and touching them copies the master's shared memory into each worker.
    """
    from core.warmup import warm_up

    templates = warm_up()
    gc.freeze()
    server.log.info("Views imported and %d templates compiled before forking workers", templates)
