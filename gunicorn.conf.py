"""gunicorn's settings for SAKIP-SOP; gunicorn reads this file by itself when started in
the project root (`gunicorn sakip.wsgi --bind … --workers …`), and `make bench` and
`make loadtest` start their instances with it. Options given on the command line win.

Workers without surprises:

- `gc.freeze()` once each worker has loaded the app (`post_worker_init`, gunicorn's
  documented hook): the ~150k objects of Django, the URL conf and the views live as long
  as the worker, and a full garbage collection walked all of them, adding 40–60 ms to
  whichever request triggered it (issue 17). Frozen, they are left out of every
  collection; objects made by requests are still collected as before.
- The heartbeat file in memory (`/dev/shm`, as gunicorn's FAQ advises where /tmp is a
  disk), so a slow disk does not get a busy worker killed as silent.
"""

import gc
import os

# Options also accepted from the environment, for deployments that prefer it.
if os.environ.get("GUNICORN_WORKERS"):
    workers = int(os.environ["GUNICORN_WORKERS"])
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's heartbeat file, not data
    worker_tmp_dir = "/dev/shm"  # noqa: S108


def warm_up() -> None:
    """Load what every request needs but Django loads on the first one: the URL conf (and
    with it every view module, form and selector) and the base template."""
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("beranda")
    get_template("base.html")


def post_worker_init(worker) -> None:
    """After the worker has loaded the app: load the rest, then freeze what is loaded."""
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a failed warm-up only costs the first request its time
        worker.log.exception("warm-up failed; freezing what is loaded")
    gc.collect()
    gc.freeze()
